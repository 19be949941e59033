//! What files point at, kept for the library-wide checks of [`super::problems`]: references
//! to other entries (`refs`), cites of articles' words (`cites`) and the last days of books'
//! offers (`offer_ends`).

use crate::error::Result;
use crate::parse::offers::OfferEnd;
use crate::parse::{Citation, Reference};
use rusqlite::{params, Connection};

pub fn insert_ref(conn: &Connection, path: &str, r: &Reference) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO refs (path, line, field, kind, target) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![path, r.line, r.field, r.kind.name(), r.target])?;
    Ok(())
}

pub fn insert_cite(conn: &Connection, path: &str, c: &Citation) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO cites (path, line, field, source, cite) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![path, c.line, c.field, c.source, c.cite])?;
    Ok(())
}

/// `last_day_key` is the `yyyymmdd` of the offer's last day, comparable with `date_key`.
pub fn insert_offer_end(
    conn: &Connection,
    path: &str,
    end: &OfferEnd,
    last_day_key: i64,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO offer_ends (path, line, field, valid_until, last_day_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        path,
        end.line,
        end.field,
        end.valid_until.to_string(),
        last_day_key
    ])?;
    Ok(())
}
