//! Bookmarks and reading positions, verb-first.

use crate::error::Result;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

/// Where the reader left an article: a UTF-16 offset into its plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Position {
    pub article: String,
    pub offset: u32,
    /// RFC 3339.
    pub updated: String,
}

/// Bookmarks the article, or removes its bookmark; whether it is bookmarked now.
pub fn toggle_bookmark(conn: &Connection, article: &str, now: &str) -> Result<bool> {
    let removed = conn
        .prepare_cached("DELETE FROM bookmarks WHERE article = ?1")?
        .execute([article])?;
    if removed == 0 {
        conn.prepare_cached("INSERT INTO bookmarks (article, created) VALUES (?1, ?2)")?
            .execute(params![article, now])?;
    }
    Ok(removed == 0)
}

/// Bookmarked articles, newest bookmark first.
pub fn list_bookmarks(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT article FROM bookmarks ORDER BY created DESC, article")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn upsert_position(conn: &Connection, article: &str, offset: u32, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO reading_positions (article, offset, updated) VALUES (?1, ?2, ?3)
         ON CONFLICT (article) DO UPDATE SET offset = excluded.offset, updated = excluded.updated",
    )?
    .execute(params![article, offset, now])?;
    Ok(())
}

/// Reading positions, the most recently read first.
pub fn list_positions(conn: &Connection) -> Result<Vec<Position>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article, offset, updated FROM reading_positions ORDER BY updated DESC, article",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Position {
            article: r.get(0)?,
            offset: r.get(1)?,
            updated: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
