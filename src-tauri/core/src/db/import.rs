//! Importing content/ into the library database: one transaction, unchanged files skipped,
//! deleted files removed, cross-references checked afterwards.

use crate::content::{self, Source};
use crate::db::{entries, meta, problems};
use crate::error::Result;
use crate::model::Kind;
use crate::parse::{parse, Meta};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportReport {
    pub added: u32,
    pub updated: u32,
    pub removed: u32,
    pub unchanged: u32,
    /// Problems in the whole library after the import.
    pub problems: u32,
    pub millis: u32,
    /// The entries added, changed or removed, for derived indexes.
    #[serde(skip)]
    pub changed: Vec<(Kind, String)>,
}

impl ImportReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Brings the database in line with the content folder at `root`.
pub fn import(conn: &mut Connection, root: &Path) -> Result<ImportReport> {
    let started = Instant::now();
    let sources = content::load(root)?;
    let tx = conn.transaction()?;
    let known: HashMap<String, String> = {
        let mut stmt = tx.prepare("SELECT path, hash FROM sources")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut report = ImportReport::default();
    let present: std::collections::HashSet<&str> =
        sources.iter().map(|s| s.path.as_str()).collect();
    for path in known.keys().filter(|p| !present.contains(p.as_str())) {
        remove_source(&tx, path)?;
        report.removed += 1;
        if let Some(key) = content::key_of_path(path) {
            report.changed.push(key);
        }
    }
    for source in &sources {
        match known.get(&source.path) {
            Some(hash) if *hash == source.hash => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.updated += 1,
            None => report.added += 1,
        }
        remove_source(&tx, &source.path)?;
        add_source(&tx, source, root)?;
        report.changed.push((source.kind, source.id.clone()));
    }
    if report.changed() {
        problems::check_library(&tx)?;
        meta::bump_generation(&tx)?;
    }
    report.problems = tx.query_row("SELECT count(*) FROM problems", [], |r| r.get(0))?;
    tx.commit()?;
    report.millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(report)
}

/// Empties the database and imports everything again.
pub fn rebuild(conn: &mut Connection, root: &Path) -> Result<ImportReport> {
    conn.execute_batch(
        "DELETE FROM sources; DELETE FROM entries; DELETE FROM tenures; DELETE FROM events;
         DELETE FROM refs; DELETE FROM problems;",
    )?;
    import(conn, root)
}

fn remove_source(conn: &Connection, path: &str) -> Result<()> {
    for table in [
        "sources", "entries", "tenures", "events", "refs", "problems",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE path = ?1"), [path])?;
    }
    Ok(())
}

fn add_source(conn: &Connection, source: &Source, root: &Path) -> Result<()> {
    conn.execute(
        "INSERT INTO sources (path, kind, hash) VALUES (?1, ?2, ?3)",
        params![source.path, source.kind.name(), source.hash],
    )?;
    let parsed = match parse(source, root) {
        Ok(p) => p,
        Err(problem) => return problems::insert_problem(conn, &problem, "file"),
    };
    for p in &parsed.problems {
        problems::insert_problem(conn, p, "file")?;
    }
    for r in &parsed.references {
        conn.execute(
            "INSERT INTO refs (path, line, field, kind, target) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![source.path, r.line, r.field, r.kind.name(), r.target],
        )?;
    }
    entries::insert_entry(conn, source, &parsed)?;
    if let Meta::Organization(org) = &parsed.meta {
        insert_history(conn, source, org)?;
    }
    Ok(())
}

fn insert_history(
    conn: &Connection,
    source: &Source,
    org: &crate::model::OrganizationMeta,
) -> Result<()> {
    for (pos, l) in org.leaders.iter().enumerate() {
        conn.execute(
            "INSERT INTO tenures (organization, person, role, date_from, date_to, source, cite, pos, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                source.id,
                l.person,
                l.role,
                l.from.map(|d| d.to_string()),
                l.to.map(|d| d.to_string()),
                l.source,
                l.cite,
                pos as i64,
                source.path
            ],
        )?;
    }
    for (pos, e) in org.events.iter().enumerate() {
        conn.execute(
            "INSERT INTO events (organization, date, date_key, label, kind, source, cite, pos, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                source.id,
                e.date.to_string(),
                e.date.sort_key(),
                e.label,
                e.kind,
                e.source,
                e.cite,
                pos as i64,
                source.path
            ],
        )?;
    }
    Ok(())
}
