//! The local side of sync, kept in notes.sqlite beside the notes (migration
//! `004_sync.sql`): this installation's device id, clock and next sequence number, and the
//! outbox of change records not yet written to a sync folder. (What the merge rule keeps of
//! each annotation, bookmark and reading position: [`super::versions`].)
//!
//! The notes call it inside the transaction of each local write, after the write: one
//! record is appended (the clock ticks, the next sequence number is taken, the annotation's
//! whole state or its deletion is recorded with the latest deletion this device had applied
//! as `seen_delete`), and the stored version is updated by the rule itself. The write and
//! its record commit together or not at all. Placement this device derives for itself
//! (re-anchoring after a content import, orphaning the notes of a removed article) is not a
//! change of the notes and records nothing.
//!
//! Every function takes a [`Connection`]: pass the write's transaction.

use super::device::DeviceId;
use super::hlc::{Ahead, Clock, Hlc};
use super::record::{AnnotationState, Change, Record};
use super::rule::{Entry, Value, Version};
use super::versions;
use crate::error::{Error, ErrorKind, Result};
use crate::notes::Annotation;
use rusqlite::{params, Connection, OptionalExtension};

/// Gives this installation a device id if it has none yet (the first opening with the sync
/// schema); its id either way.
pub fn ensure_device(conn: &Connection) -> Result<DeviceId> {
    let id = DeviceId::random();
    let clock = Clock::new(id.clone());
    conn.prepare_cached(
        "INSERT INTO sync_device (only, device, clock, next_seq) VALUES (1, ?1, ?2, 1)
         ON CONFLICT (only) DO NOTHING",
    )?
    .execute(params![id.as_str(), clock.last().to_string()])?;
    device(conn)
}

/// This installation's device id.
pub fn device(conn: &Connection) -> Result<DeviceId> {
    Ok(local(conn)?.0)
}

/// The device id, the clock and the next sequence number.
fn local(conn: &Connection) -> Result<(DeviceId, Clock, u64)> {
    let row: Option<(String, String, i64)> = conn
        .prepare_cached("SELECT device, clock, next_seq FROM sync_device WHERE only = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (device, clock, next) = row.ok_or_else(|| {
        Error::new(
            ErrorKind::Database,
            "notes.sqlite has no device id for sync",
        )
    })?;
    let device = DeviceId::parse(&device)?;
    let clock = Hlc::parse(&clock)?;
    if clock.device != device {
        return Err(Error::new(
            ErrorKind::Database,
            format!("the sync clock `{clock}` is not device `{device}`'s"),
        ));
    }
    Ok((
        device,
        Clock::resume(clock),
        u64::try_from(next).unwrap_or(1),
    ))
}

/// Milliseconds since the Unix epoch, by this computer's clock.
fn now_ms() -> u64 {
    u64::try_from(jiff::Timestamp::now().as_millisecond() + skew_ms()).unwrap_or(0)
}

/// In a debug build, `LECTERN_CLOCK_SKEW_MS` sets this computer's clock off by that many
/// milliseconds (negative: behind), so tests can run devices whose clocks disagree.
#[cfg(debug_assertions)]
fn skew_ms() -> i64 {
    std::env::var("LECTERN_CLOCK_SKEW_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[cfg(not(debug_assertions))]
fn skew_ms() -> i64 {
    0
}

/// Stamps `change` (the clock ticks, the next sequence number is taken) and appends it to
/// the outbox.
fn append(conn: &Connection, change: Change) -> Result<Record> {
    let (device, mut clock, seq) = local(conn)?;
    let hlc = clock.tick(now_ms());
    let record = Record::new(device, seq, hlc, change);
    conn.prepare_cached("INSERT INTO sync_outbox (seq, line) VALUES (?1, ?2)")?
        .execute(params![seq as i64, record.to_line()])?;
    conn.prepare_cached("UPDATE sync_device SET clock = ?1, next_seq = ?2 WHERE only = 1")?
        .execute(params![clock.last().to_string(), (seq + 1) as i64])?;
    Ok(record)
}

/// Records that annotation `a` was added, edited, re-attached, restored or imported: its
/// whole state, after the latest deletion of it this device had applied.
pub fn annotation_written(conn: &Connection, a: &Annotation) -> Result<Record> {
    let entry = versions::entry(conn, &a.id)?;
    let seen_delete = entry
        .as_ref()
        .and_then(|e| e.winner.after_delete().cloned());
    let state = Box::new(AnnotationState::from(a));
    let record = append(
        conn,
        Change::Annotation {
            state: state.clone(),
            seen_delete: seen_delete.clone(),
        },
    )?;
    let version = Version {
        hlc: record.hlc.clone(),
        seen_delete,
        value: Value::Live(state),
    };
    keep(conn, &a.id, entry, version)?;
    Ok(record)
}

/// Records that annotation `id` was deleted: a tombstone.
pub fn annotation_deleted(conn: &Connection, id: &str) -> Result<Record> {
    let entry = versions::entry(conn, id)?;
    let record = append(conn, Change::Delete { id: id.to_owned() })?;
    let version = Version {
        hlc: record.hlc.clone(),
        seen_delete: None,
        value: Value::Deleted,
    };
    keep(conn, id, entry, version)?;
    Ok(record)
}

/// Records that `article` was bookmarked (`set`) or its bookmark removed.
pub fn bookmark_set(conn: &Connection, article: &str, set: bool) -> Result<Record> {
    let record = append(
        conn,
        Change::Bookmark {
            article: article.to_owned(),
            set,
        },
    )?;
    versions::keep_bookmark(conn, article, &record.hlc, set)?;
    Ok(record)
}

/// Records where the reader is in `article`.
pub fn position_saved(conn: &Connection, article: &str, offset: u32) -> Result<Record> {
    let record = append(
        conn,
        Change::Position {
            article: article.to_owned(),
            offset,
        },
    )?;
    versions::keep_position(conn, article, &record.hlc, offset)?;
    Ok(record)
}

/// The records in the outbox, by sequence number.
pub fn pending(conn: &Connection) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached("SELECT seq, line FROM sync_outbox ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut records = Vec::new();
    for row in rows {
        let (seq, line) = row?;
        let record = Record::from_line(&line).map_err(|why| {
            Error::new(
                ErrorKind::Database,
                format!("outbox record {seq} cannot be read: {why:?}"),
            )
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Weighs `version` against what was kept of annotation `id` (`entry`), and keeps the result.
fn keep(conn: &Connection, id: &str, old: Option<Entry>, version: Version) -> Result<()> {
    let entry = match old.clone() {
        Some(mut e) => {
            e.apply(version);
            e
        }
        None => Entry::new(version),
    };
    versions::save(conn, id, &entry)?;
    versions::keep_copies(conn, id, old.as_ref(), &entry)?;
    Ok(())
}

/// The last sequence number written to the sync folder: the records before the outbox's.
pub fn sent(conn: &Connection) -> Result<u64> {
    let (_, _, next) = local(conn)?;
    let waiting: i64 = conn
        .prepare_cached("SELECT count(*) FROM sync_outbox")?
        .query_row([], |r| r.get(0))?;
    Ok(next.saturating_sub(1).saturating_sub(waiting as u64))
}

/// Takes the records up to `seq` out of the outbox, once they are in the sync folder.
pub fn mark_sent(conn: &Connection, seq: u64) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_outbox WHERE seq <= ?1")?
        .execute([seq as i64])?;
    Ok(())
}

/// Gives a record to every note, bookmark and reading position that has none yet (those
/// made before sync came): how many were recorded. Done once per notes.sqlite: every write
/// since records itself. A conflict copy has none until the reader settles it, and is left
/// alone.
pub fn backfill(conn: &Connection) -> Result<usize> {
    let done: bool = conn
        .prepare_cached("SELECT backfilled FROM sync_device WHERE only = 1")?
        .query_row([], |r| r.get(0))?;
    if done {
        return Ok(0);
    }
    conn.prepare_cached("UPDATE sync_device SET backfilled = 1 WHERE only = 1")?
        .execute([])?;
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT id FROM annotations
             WHERE id NOT IN (SELECT id FROM sync_annotations)
               AND id NOT IN (SELECT copy FROM sync_copies)
             ORDER BY created, id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        if let Some(a) = crate::notes::annotations::get_annotation(conn, id)? {
            annotation_written(conn, &a)?;
        }
    }
    let bookmarks: Vec<String> = conn
        .prepare_cached(
            "SELECT article FROM bookmarks
             WHERE article NOT IN (SELECT article FROM sync_bookmarks) ORDER BY article",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for article in &bookmarks {
        bookmark_set(conn, article, true)?;
    }
    let positions: Vec<(String, u32)> = conn
        .prepare_cached(
            "SELECT article, offset FROM reading_positions
             WHERE article NOT IN (SELECT article FROM sync_positions) ORDER BY article",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (article, offset) in &positions {
        position_saved(conn, article, *offset)?;
    }
    Ok(ids.len() + bookmarks.len() + positions.len())
}

/// Takes the clock forward past each of `remote` (the stamps of another device's records
/// being merged, in order), so this device's next change is stamped after them: how many
/// were taken, up to the first too far ahead (which is returned; that device's records from
/// there wait).
pub fn receive<'a>(
    conn: &Connection,
    remote: impl IntoIterator<Item = &'a Hlc>,
) -> Result<(usize, Option<Ahead>)> {
    let (_, mut clock, _) = local(conn)?;
    let before = clock.clone();
    let now = now_ms();
    let mut taken = 0;
    let mut stopped = None;
    for stamp in remote {
        if let Err(ahead) = clock.receive(stamp, now) {
            stopped = Some(ahead);
            break;
        }
        taken += 1;
    }
    if clock != before {
        conn.prepare_cached("UPDATE sync_device SET clock = ?1 WHERE only = 1")?
            .execute([clock.last().to_string()])?;
    }
    Ok((taken, stopped))
}

/// Gives this installation a new device id, because its own folder in the sync folder holds
/// records it did not write (another installation has its id: a copied data folder, or
/// notes.sqlite restored from a backup). The records still in the outbox are stamped again
/// as the new device's first, and what the rule keeps of them follows; the old id becomes a
/// device like another, merged from the last record this installation wrote under it, so
/// what the other installation wrote under it is merged here too. Returns the new id.
pub fn take_new_device(conn: &Connection) -> Result<DeviceId> {
    let (old, clock, _) = local(conn)?;
    let sent = sent(conn)?;
    let new = DeviceId::random();
    let restamp = |h: &Hlc| Hlc {
        device: new.clone(),
        ..h.clone()
    };
    let mut renamed: Vec<(String, String)> = Vec::new();
    let waiting = pending(conn)?;
    conn.execute("DELETE FROM sync_outbox", [])?;
    for (i, r) in waiting.iter().enumerate() {
        let hlc = restamp(&r.hlc);
        renamed.push((r.hlc.to_string(), hlc.to_string()));
        let change = match &r.change {
            Change::Annotation { state, seen_delete } => Change::Annotation {
                state: state.clone(),
                seen_delete: seen_delete.as_ref().map(|s| {
                    if s.device == old {
                        restamp(s)
                    } else {
                        s.clone()
                    }
                }),
            },
            other => other.clone(),
        };
        let record = Record::new(new.clone(), i as u64 + 1, hlc, change);
        conn.prepare_cached("INSERT INTO sync_outbox (seq, line) VALUES (?1, ?2)")?
            .execute(params![record.seq as i64, record.to_line()])?;
    }
    for (from, to) in &renamed {
        // All columns at once: the table checks that a latest edit kept once is the winner.
        conn.execute(
            "UPDATE sync_annotations SET
                 winner = CASE WHEN winner = ?1 THEN ?2 ELSE winner END,
                 after_delete = CASE WHEN after_delete = ?1 THEN ?2 ELSE after_delete END,
                 edit = CASE WHEN edit = ?1 THEN ?2 ELSE edit END,
                 edit_seen_delete =
                     CASE WHEN edit_seen_delete = ?1 THEN ?2 ELSE edit_seen_delete END
             WHERE ?1 IN (winner, after_delete, edit, edit_seen_delete)",
            [from, to],
        )?;
        conn.execute(
            "UPDATE sync_bookmarks SET hlc = ?2 WHERE hlc = ?1",
            [from, to],
        )?;
        conn.execute(
            "UPDATE sync_positions SET hlc = ?2 WHERE hlc = ?1",
            [from, to],
        )?;
    }
    conn.execute(
        "UPDATE sync_device SET device = ?1, clock = ?2, next_seq = ?3 WHERE only = 1",
        params![
            new.as_str(),
            restamp(clock.last()).to_string(),
            waiting.len() as i64 + 1
        ],
    )?;
    conn.execute(
        "INSERT INTO sync_peers (device, applied) VALUES (?1, ?2)
         ON CONFLICT (device) DO UPDATE SET applied = max(applied, excluded.applied)",
        params![old.as_str(), sent as i64],
    )?;
    Ok(new)
}
