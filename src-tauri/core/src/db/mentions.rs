//! The `mentions` table: per article, one record of the people and organizations it names
//! (encoded by `mentions::record`; opaque bytes here).

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// Stores article `article`'s record, replacing what was stored for it.
pub fn upsert_mentions(conn: &Connection, article: &str, data: &[u8]) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO mentions (article, data) VALUES (?1, ?2)")?
        .execute(params![article, data])?;
    Ok(())
}

pub fn delete_mentions(conn: &Connection, article: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM mentions WHERE article = ?1")?
        .execute([article])?;
    Ok(())
}

/// Article `article`'s record, if it names anyone.
pub fn get_mentions(conn: &Connection, article: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT data FROM mentions WHERE article = ?1")?
        .query_row([article], |r| r.get(0))
        .optional()?)
}

/// Calls `f` with the slug, record and date key of every article whose record holds the
/// bytes `marker`, one row at a time.
pub fn for_each_mentions_with(
    conn: &Connection,
    marker: &[u8],
    mut f: impl FnMut(String, &[u8], Option<i64>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.article, m.data, e.date_key
         FROM mentions m JOIN entries e ON e.kind = 'article' AND e.id = m.article
         WHERE instr(m.data, ?1) > 0",
    )?;
    let mut rows = stmt.query([marker])?;
    while let Some(r) = rows.next()? {
        let data: Vec<u8> = r.get(1)?;
        f(r.get(0)?, &data, r.get(2)?);
    }
    Ok(())
}
