//! The `meta` table: the library's stamp, which derived indexes compare against, the
//! fingerprint of the names the articles were last linked with, and derived values kept with
//! the stamp they were made at.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// `epoch:generation`: changes whenever the library's content does, and differs between two
/// library files even at the same generation.
pub fn stamp(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT (SELECT value FROM meta WHERE key = 'epoch') || ':' ||
                (SELECT value FROM meta WHERE key = 'generation')",
        [],
        |r| r.get(0),
    )?)
}

/// Marks a change of content; called inside the import's transaction.
pub fn bump_generation(conn: &Connection) -> Result<()> {
    conn.execute(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'",
        [],
    )?;
    Ok(())
}

/// Derived data kept under `key` (the archive's counts, the search vocabulary), if it was
/// made from the library as it stands (at the current stamp).
pub fn get_current(conn: &Connection, key: &str) -> Result<Option<String>> {
    let kept: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    let stamp = format!("{}\n", stamp(conn)?);
    Ok(kept.and_then(|v| v.strip_prefix(&stamp).map(str::to_owned)))
}

/// Keeps derived data under `key`, made from the library at the current stamp.
pub fn set_current(conn: &Connection, key: &str, value: &str) -> Result<()> {
    let value = format!("{}\n{value}", stamp(conn)?);
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        [key, &value],
    )?;
    Ok(())
}

/// Whether the articles were ever linked (an import before mentions existed did not).
pub fn has_linker_fingerprint(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM meta WHERE key = 'linker'", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The fingerprint of the names the articles were last linked with.
pub fn get_linker_fingerprint(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'linker'", [], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set_linker_fingerprint(conn: &Connection, fingerprint: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('linker', ?1)",
        [fingerprint],
    )?;
    Ok(())
}
