//! People and organizations as lists, and any entry in full (for `lectern-cli show`).

use crate::db::entries::{get_entry, list_entries};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Kind, OrganizationMeta, PersonMeta};
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

/// The entry with `id`, looked up in every kind (articles first).
/// The entry `id` names: `kind/id` (`organization/comintern`), or a bare id that only one kind
/// of entry has; when several have it, an error that lists them as `kind/id`.
pub fn entry_detail(conn: &Connection, id: &str) -> Result<EntryDetail> {
    let (kinds, id) = match id.split_once('/').map(|(k, i)| (Kind::from_name(k), i)) {
        Some((Some(kind), id)) => (vec![kind], id),
        _ => (Kind::ALL.to_vec(), id),
    };
    let mut found = Vec::new();
    for kind in kinds {
        if let Some(row) = get_entry(conn, kind, id)? {
            found.push((kind, row));
        }
    }
    if found.len() > 1 {
        let candidates: Vec<String> = found
            .iter()
            .map(|(k, _)| format!("{}/{id}", k.name()))
            .collect();
        return Err(Error::new(
            ErrorKind::Invalid,
            format!(
                "`{id}` is the id of {} entries: ask for one of {}",
                found.len(),
                candidates.join(", ")
            ),
        ));
    }
    let (kind, row) = found.pop().ok_or_else(|| Error::not_found("entry", id))?;
    Ok(EntryDetail {
        kind: kind.name().to_owned(),
        id: row.id,
        path: row.path,
        title: row.title,
        date: row.date,
        meta: serde_json::from_str(&row.data)?,
        text: row.text,
    })
}
