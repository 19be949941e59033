//! Organizations' histories: the `tenures` and `events` tables (an organization's leaders and
//! events, written at import) and the organizations' own dates, read for the Timeline.

use super::fields;
use crate::content::Source;
use crate::error::Result;
use crate::model::OrganizationMeta;
use rusqlite::{params, Connection};

/// Stores an organization's leaders and events, in the order its file lists them.
pub fn insert_history(conn: &Connection, source: &Source, org: &OrganizationMeta) -> Result<()> {
    for (pos, l) in org.leaders.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO tenures (organization, person, role, date_from, date_to, source, cite, pos, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
                source.id,
                l.person,
                l.role,
                l.from.map(|d| d.to_string()),
                l.to.map(|d| d.to_string()),
                l.source,
                l.cite,
                pos as i64,
                source.path
            ])?;
    }
    for (pos, e) in org.events.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO events (organization, date, date_key, label, kind, source, cite, pos, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
                source.id,
                e.date.to_string(),
                e.date.sort_key(),
                e.label,
                e.kind,
                e.source,
                e.cite,
                pos as i64,
                source.path
            ])?;
    }
    Ok(())
}

/// An organization without its history: dates as written.
#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: String,
    pub name: String,
    pub founded: Option<String>,
    pub dissolved: Option<String>,
    pub parent: Option<String>,
}

/// Calls `f` with every organization, one row at a time.
pub fn for_each_organization(conn: &Connection, mut f: impl FnMut(OrganizationRow)) -> Result<()> {
    let (founded, dissolved, parent) = (fields::FOUNDED, fields::DISSOLVED, fields::PARENT);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, title, json_extract(data, '{founded}'), json_extract(data, '{dissolved}'),
                json_extract(data, '{parent}')
         FROM entries WHERE kind = 'organization'"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(OrganizationRow {
            id: r.get(0)?,
            name: r.get(1)?,
            founded: r.get(2)?,
            dissolved: r.get(3)?,
            parent: r.get(4)?,
        });
    }
    Ok(())
}

/// A role held: dates as written, and the holder's name and life dates (as written) when the
/// person is in the library.
#[derive(Debug, Clone)]
pub struct TenureRow {
    pub organization: String,
    pub person: String,
    pub role: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: String,
    pub cite: Option<String>,
    pub person_name: Option<String>,
    pub person_born: Option<String>,
    pub person_died: Option<String>,
}

/// Calls `f` with every tenure, by organization in the order of its file.
pub fn for_each_tenure(conn: &Connection, mut f: impl FnMut(TenureRow)) -> Result<()> {
    let (born, died) = (fields::BORN, fields::DIED);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.organization, t.person, t.role, t.date_from, t.date_to, t.source, t.cite, p.title,
                json_extract(p.data, '{born}'), json_extract(p.data, '{died}')
         FROM tenures t LEFT JOIN entries p ON p.kind = 'person' AND p.id = t.person
         ORDER BY t.organization, t.pos"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(TenureRow {
            organization: r.get(0)?,
            person: r.get(1)?,
            role: r.get(2)?,
            from: r.get(3)?,
            to: r.get(4)?,
            source: r.get(5)?,
            cite: r.get(6)?,
            person_name: r.get(7)?,
            person_born: r.get(8)?,
            person_died: r.get(9)?,
        });
    }
    Ok(())
}

/// An event in an organization's history: its date as written.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub organization: String,
    pub date: Option<String>,
    pub label: String,
    pub kind: Option<String>,
    pub source: String,
    pub cite: Option<String>,
}

/// Calls `f` with every event, by organization in the order of its file.
pub fn for_each_event(conn: &Connection, mut f: impl FnMut(EventRow)) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT organization, date, label, kind, source, cite FROM events
         ORDER BY organization, pos",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(EventRow {
            organization: r.get(0)?,
            date: r.get(1)?,
            label: r.get(2)?,
            kind: r.get(3)?,
            source: r.get(4)?,
            cite: r.get(5)?,
        });
    }
    Ok(())
}
