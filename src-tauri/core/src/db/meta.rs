//! The `meta` table: the library's stamp, which derived indexes compare against.

use crate::error::Result;
use rusqlite::Connection;

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
