//! What the merge rule ([`super::rule`]) keeps in notes.sqlite (`sync_annotations`,
//! `sync_bookmarks`, `sync_positions`, `sync_copies`): per annotation its entry, which
//! outlives a deletion; per bookmark and reading position the stamp of the change that set
//! it; the conflict copies shown now. Written by this device's own writes ([`super::outbox`])
//! and by merging other devices' records ([`super::apply`]).

use super::hlc::Hlc;
use super::record::AnnotationState;
use super::rule::{Entry, Stamped, Value, Version};
use crate::error::{Error, ErrorKind, Result};
use rusqlite::{params, Connection, OptionalExtension};

fn hlc_of(text: Option<String>) -> Result<Option<Hlc>> {
    text.as_deref().map(Hlc::parse).transpose()
}

fn state_of(text: Option<String>) -> Result<Option<Box<AnnotationState>>> {
    Ok(match text {
        Some(t) => Some(serde_json::from_str(&t)?),
        None => None,
    })
}

/// What the rule keeps of annotation `id`, if it has a version (it was written, deleted or
/// merged since sync came).
pub fn entry(conn: &Connection, id: &str) -> Result<Option<Entry>> {
    type Row = (
        String,
        Option<String>,
        bool,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT winner, after_delete, deleted, winner_state, edit, edit_seen_delete,
                    edit_state
             FROM sync_annotations WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let Some((winner, after_delete, deleted, winner_state, edit, edit_seen, edit_state)) = row
    else {
        return Ok(None);
    };
    let corrupt = || {
        Error::new(
            ErrorKind::Database,
            format!("the sync version of annotation `{id}` is incomplete"),
        )
    };
    let winner = Version {
        hlc: Hlc::parse(&winner)?,
        seen_delete: if deleted { None } else { hlc_of(after_delete)? },
        value: match (deleted, state_of(winner_state)?) {
            (true, _) => Value::Deleted,
            (false, Some(s)) => Value::Live(s),
            (false, None) => return Err(corrupt()),
        },
    };
    let latest_edit = match (hlc_of(edit)?, state_of(edit_state)?) {
        (Some(hlc), Some(state)) => Some(Version {
            hlc,
            seen_delete: hlc_of(edit_seen)?,
            value: Value::Live(state),
        }),
        // The latest edit is the deciding change itself: its state is kept once.
        (Some(hlc), None) if hlc == winner.hlc && matches!(winner.value, Value::Live(_)) => {
            Some(winner.clone())
        }
        (None, None) => None,
        _ => return Err(corrupt()),
    };
    Ok(Some(Entry {
        winner,
        latest_edit,
    }))
}

/// Keeps the table of conflict copies right after annotation `id`'s entry went from `old`
/// to `new`: the ids of the copies that came or went.
pub fn keep_copies(
    conn: &Connection,
    id: &str,
    old: Option<&Entry>,
    new: &Entry,
) -> Result<Vec<String>> {
    let old_copy = old.and_then(|e| e.conflict(id)).map(|(c, _)| c);
    let new_copy = new.conflict(id).map(|(c, _)| c);
    if old_copy == new_copy {
        return Ok(Vec::new());
    }
    if let Some(c) = &old_copy {
        conn.prepare_cached("DELETE FROM sync_copies WHERE copy = ?1")?
            .execute([c])?;
    }
    if let Some(c) = &new_copy {
        conn.prepare_cached("INSERT OR REPLACE INTO sync_copies (copy, of) VALUES (?1, ?2)")?
            .execute([c, id])?;
    }
    Ok(old_copy.into_iter().chain(new_copy).collect())
}

/// Keeps `entry` as annotation `id`'s version (the latest edit's state only when it is not the
/// deciding change's, which is most often the same).
pub fn save(conn: &Connection, id: &str, entry: &Entry) -> Result<()> {
    let json = |v: &Version| -> Result<Option<String>> {
        Ok(match &v.value {
            Value::Live(s) => Some(serde_json::to_string(s)?),
            Value::Deleted => None,
        })
    };
    let w = &entry.winner;
    let edit = entry.latest_edit.as_ref();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_annotations
             (id, winner, after_delete, deleted, winner_state, edit, edit_seen_delete, edit_state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        w.hlc.to_string(),
        w.after_delete().map(Hlc::to_string),
        matches!(w.value, Value::Deleted),
        json(w)?,
        edit.map(|e| e.hlc.to_string()),
        edit.and_then(|e| e.seen_delete.as_ref().map(Hlc::to_string)),
        edit.filter(|e| *e != w).map(json).transpose()?.flatten(),
    ])?;
    Ok(())
}

/// The stamp of the latest bookmark change of `article`, and whether it set the bookmark.
pub fn bookmark_stamp(conn: &Connection, article: &str) -> Result<Option<Stamped<bool>>> {
    stamped(
        conn,
        "SELECT hlc, \"set\" FROM sync_bookmarks WHERE article = ?1",
        article,
    )
}

/// The stamp of the latest reading position of `article`, and the position.
pub fn position_stamp(conn: &Connection, article: &str) -> Result<Option<Stamped<u32>>> {
    stamped(
        conn,
        "SELECT hlc, offset FROM sync_positions WHERE article = ?1",
        article,
    )
}

/// The stamp and value `sql` reads for `article` (a stamp column, then a value column).
fn stamped<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    article: &str,
) -> Result<Option<Stamped<T>>> {
    let row: Option<(String, T)> = conn
        .prepare_cached(sql)?
        .query_row([article], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(hlc, value)| {
        Ok(Stamped {
            hlc: Hlc::parse(&hlc)?,
            value,
        })
    })
    .transpose()
}

/// Keeps `hlc` as the stamp of `article`'s bookmark, set or removed.
pub fn keep_bookmark(conn: &Connection, article: &str, hlc: &Hlc, set: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_bookmarks (article, hlc, \"set\") VALUES (?1, ?2, ?3)
         ON CONFLICT (article) DO UPDATE SET hlc = excluded.hlc, \"set\" = excluded.\"set\"",
    )?
    .execute(params![article, hlc.to_string(), set])?;
    Ok(())
}

/// Keeps `hlc` as the stamp of the reading position `offset` in `article`.
pub fn keep_position(conn: &Connection, article: &str, hlc: &Hlc, offset: u32) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_positions (article, hlc, offset) VALUES (?1, ?2, ?3)
         ON CONFLICT (article) DO UPDATE SET hlc = excluded.hlc, offset = excluded.offset",
    )?
    .execute(params![article, hlc.to_string(), offset])?;
    Ok(())
}
