//! The `sources` table: every content file imported, with its hash and its stamp (size and
//! modification time); and removing everything a file put into the library.

use super::mentions::delete_mentions;
use crate::content::{self, FileStamp, Source};
use crate::error::Result;
use crate::model::Kind;
use rusqlite::{params, Connection};

/// A file as the last import saw it.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub path: String,
    pub hash: String,
    /// `None` when the stamp was not trusted (the file was too fresh).
    pub stamp: Option<FileStamp>,
}

/// Every file imported.
pub fn list_sources(conn: &Connection) -> Result<Vec<SourceRow>> {
    let mut stmt = conn.prepare("SELECT path, hash, size, mtime FROM sources")?;
    let rows = stmt.query_map([], |r| {
        let (size, mtime): (Option<i64>, Option<i64>) = (r.get(2)?, r.get(3)?);
        let stamp = size
            .zip(mtime)
            .map(|(size, mtime)| FileStamp { size, mtime });
        Ok(SourceRow {
            path: r.get(0)?,
            hash: r.get(1)?,
            stamp,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_source(conn: &Connection, source: &Source, stamp: Option<FileStamp>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sources (path, kind, hash, size, mtime) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        source.path,
        source.kind.name(),
        source.hash,
        stamp.map(|s| s.size),
        stamp.map(|s| s.mtime)
    ])?;
    Ok(())
}

/// A file read again with the same bytes: only its stamp changes.
pub fn update_source_stamp(conn: &Connection, path: &str, stamp: Option<FileStamp>) -> Result<()> {
    conn.prepare_cached("UPDATE sources SET size = ?2, mtime = ?3 WHERE path = ?1")?
        .execute(params![path, stamp.map(|s| s.size), stamp.map(|s| s.mtime)])?;
    Ok(())
}

/// Removes every row the file at `path` put into the library.
pub fn delete_source(conn: &Connection, path: &str) -> Result<()> {
    for table in [
        "sources",
        "entries",
        "tenures",
        "events",
        "refs",
        "cites",
        "problems",
        "footnote_texts",
        "offer_ends",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE path = ?1"))?
            .execute([path])?;
    }
    if let Some((Kind::Article, slug)) = content::key_of_path(path) {
        delete_mentions(conn, &slug)?;
    }
    Ok(())
}

/// Empties everything an import fills (and forgets which names the articles were linked
/// with), for a rebuild.
pub fn delete_all(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM sources; DELETE FROM entries; DELETE FROM tenures; DELETE FROM events;
         DELETE FROM refs; DELETE FROM cites; DELETE FROM problems;
         DELETE FROM mentions; DELETE FROM meta WHERE key = 'linker';
         DELETE FROM footnote_texts; DELETE FROM citations; DELETE FROM offer_ends;",
    )?;
    Ok(())
}
