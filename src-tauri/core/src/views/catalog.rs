//! People, organizations and books as lists, and any entry in full (for `lectern-cli show`).

use super::{refs, EntityRef};
use crate::db::entries::{get_entry, list_entries, list_titles};
use crate::error::{Error, Result};
use crate::model::{BookMeta, BookStatus, Kind, OrganizationMeta, PersonMeta};
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct PersonSummary {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub born: Option<String>,
    pub died: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OrganizationSummary {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub founded: Option<String>,
    pub dissolved: Option<String>,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BookSummary {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<EntityRef>,
    pub editors: Vec<EntityRef>,
    pub publishers: Vec<String>,
    pub date: Option<String>,
    pub status: BookStatus,
}

/// Any entry in full: its front matter as JSON and its plain text.
#[derive(Debug, Clone, Serialize)]
pub struct EntryDetail {
    pub kind: String,
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub meta: serde_json::Value,
    pub text: String,
}

fn date(d: Option<crate::PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub fn people(conn: &Connection) -> Result<Vec<PersonSummary>> {
    list_entries(conn, Kind::Person)?
        .into_iter()
        .map(|row| {
            let m: PersonMeta = serde_json::from_str(&row.data)?;
            Ok(PersonSummary {
                id: row.id,
                name: m.name,
                aliases: m.aliases,
                born: date(m.born),
                died: date(m.died),
            })
        })
        .collect()
}

pub fn organizations(conn: &Connection) -> Result<Vec<OrganizationSummary>> {
    list_entries(conn, Kind::Organization)?
        .into_iter()
        .map(|row| {
            let m: OrganizationMeta = serde_json::from_str(&row.data)?;
            Ok(OrganizationSummary {
                id: row.id,
                name: m.name,
                aliases: m.aliases,
                founded: date(m.founded),
                dissolved: date(m.dissolved),
                parent: m.parent,
            })
        })
        .collect()
}

pub fn books(conn: &Connection) -> Result<Vec<BookSummary>> {
    let names = list_titles(conn, Kind::Person)?;
    list_entries(conn, Kind::Book)?
        .into_iter()
        .map(|row| {
            let m: BookMeta = serde_json::from_str(&row.data)?;
            Ok(BookSummary {
                id: row.id,
                title: m.title,
                subtitle: m.subtitle,
                authors: refs(&m.authors, &names),
                editors: refs(&m.editors, &names),
                publishers: m.publishers,
                date: date(m.date),
                status: m.status,
            })
        })
        .collect()
}

/// The entry with `id`, looked up in every kind (articles first).
pub fn entry_detail(conn: &Connection, id: &str) -> Result<EntryDetail> {
    for kind in Kind::ALL {
        if let Some(row) = get_entry(conn, kind, id)? {
            return Ok(EntryDetail {
                kind: kind.name().to_owned(),
                id: row.id,
                path: row.path,
                title: row.title,
                date: row.date,
                meta: serde_json::from_str(&row.data)?,
                text: row.text,
            });
        }
    }
    Err(Error::not_found("entry", id))
}
