//! What this installation keeps about syncing (migration `005_sync_folder.sql`): the folder,
//! how its last run went, how far each other device's log has been merged, and the conflict
//! copies waiting for the reader. Read for the reader as a [`SyncStatus`].

use super::apply;
use super::device::DeviceId;
use super::hlc::Hlc;
use super::outbox;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

/// Another device seen in the sync folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Peer {
    pub device: String,
    /// The computer's name, as it gives it in the folder.
    pub name: Option<String>,
    /// Records of it merged (its last sequence number merged).
    pub merged: u32,
    /// How many of them changed the notes here.
    pub changes: u32,
    /// When its latest merged change was made (RFC 3339), if one was.
    pub last_change: Option<String>,
}

/// An edit made on one device after the note was deleted on another, without knowing of
/// the deletion: kept as a copy until the reader decides.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Conflict {
    /// The copy, an annotation of its own (shown with the notes).
    pub copy: crate::notes::Annotation,
    /// The id of the deleted annotation it copies.
    pub of: String,
    /// The device that deleted it, and when (RFC 3339).
    pub deleted_by: String,
    pub deleted_at: String,
    /// The device that edited it, and when.
    pub edited_by: String,
    pub edited_at: String,
}

/// Sync as the reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SyncStatus {
    /// The sync folder, if one is chosen.
    pub folder: Option<String>,
    /// This installation's device id (the name of its folder there), and this computer's
    /// name as the other devices see it.
    pub device: String,
    pub name: String,
    /// When sync last ran, and last went through (RFC 3339).
    pub last_run: Option<String>,
    pub last_ok: Option<String>,
    /// What stopped or troubled the last run, if anything did.
    pub problem: Option<String>,
    /// Changes made here not yet in the folder.
    pub waiting: u32,
    pub peers: Vec<Peer>,
    pub conflicts: Vec<Conflict>,
}

/// The sync folder chosen, if any.
pub fn folder(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT path FROM sync_folder WHERE only = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// Chooses the sync folder, or none (`None` stops syncing; what was merged stays).
pub fn set_folder(conn: &Connection, path: Option<&str>) -> Result<()> {
    match path {
        Some(p) => conn
            .prepare_cached(
                "INSERT INTO sync_folder (only, path) VALUES (1, ?1)
                 ON CONFLICT (only) DO UPDATE SET path = excluded.path, problem = NULL
                 WHERE path <> excluded.path",
            )?
            .execute([p])?,
        None => conn
            .prepare_cached("DELETE FROM sync_folder")?
            .execute([])?,
    };
    Ok(())
}

/// Notes how a run that started at `at` went: whether it went through (`ok`), and what
/// stopped or troubled it.
pub fn note_run(conn: &Connection, at: &str, ok: bool, problem: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sync_folder SET last_run = ?1, problem = ?2,
             last_ok = CASE WHEN ?3 THEN ?1 ELSE last_ok END
         WHERE only = 1",
    )?
    .execute(params![at, problem, ok])?;
    Ok(())
}

/// How far `device`'s log has been merged (0: not at all).
pub fn merged(conn: &Connection, device: &DeviceId) -> Result<u64> {
    let applied: Option<i64> = conn
        .prepare_cached("SELECT applied FROM sync_peers WHERE device = ?1")?
        .query_row([device.as_str()], |r| r.get(0))
        .optional()?;
    Ok(applied.map_or(0, |a| a.max(0) as u64))
}

/// Notes that `device`'s log is merged up to `applied`, `changes` of them changing
/// something here, the latest stamped `latest`.
pub fn note_merged(
    conn: &Connection,
    device: &DeviceId,
    applied: u64,
    changes: usize,
    latest: Option<&Hlc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_peers (device, applied, changes, last_change) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device) DO UPDATE SET applied = max(applied, excluded.applied),
             changes = changes + excluded.changes,
             last_change = coalesce(excluded.last_change, last_change)",
    )?
    .execute(params![
        device.as_str(),
        applied as i64,
        changes as i64,
        latest.map(wall_time)
    ])?;
    Ok(())
}

/// This computer's name, as the other devices are shown it.
pub fn computer_name() -> String {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_owned();
    if name.is_empty() {
        "this computer".to_owned()
    } else {
        name
    }
}

/// Keeps `device`'s name, as its card gives it.
pub fn note_name(conn: &Connection, device: &DeviceId, name: &str) -> Result<()> {
    let known: Option<Option<String>> = conn
        .prepare_cached("SELECT name FROM sync_peers WHERE device = ?1")?
        .query_row([device.as_str()], |r| r.get(0))
        .optional()?;
    if known.flatten().as_deref() == Some(name) {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO sync_peers (device, name, applied) VALUES (?1, ?2, 0)
         ON CONFLICT (device) DO UPDATE SET name = excluded.name
         WHERE name IS NOT excluded.name",
    )?
    .execute(params![device.as_str(), name])?;
    Ok(())
}

/// A stamp's wall time as RFC 3339.
pub fn wall_time(hlc: &Hlc) -> String {
    i64::try_from(hlc.wall)
        .ok()
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_string()
}

/// The conflict copies the reader has not decided on.
pub fn conflicts(conn: &Connection) -> Result<Vec<Conflict>> {
    let copies: Vec<(String, String)> = conn
        .prepare_cached("SELECT copy, of FROM sync_copies ORDER BY copy")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut list = Vec::new();
    for (copy, of) in copies {
        let Some((annotation, Some(_))) = apply::shown(conn, &copy)? else {
            continue;
        };
        let Some(entry) = super::versions::entry(conn, &of)? else {
            continue;
        };
        let (Some(deleted), Some((_, edit))) = (entry.winner.after_delete(), entry.conflict(&of))
        else {
            continue;
        };
        list.push(Conflict {
            copy: annotation,
            of: of.clone(),
            deleted_by: deleted.device.to_string(),
            deleted_at: wall_time(deleted),
            edited_by: edit.hlc.device.to_string(),
            edited_at: wall_time(&edit.hlc),
        });
    }
    Ok(list)
}

/// Sync as the reader sees it.
pub fn status(conn: &Connection) -> Result<SyncStatus> {
    type Row = (String, Option<String>, Option<String>, Option<String>);
    let row: Option<Row> = conn
        .prepare_cached("SELECT path, last_run, last_ok, problem FROM sync_folder WHERE only = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (folder, last_run, last_ok, problem) = match row {
        Some((f, a, b, c)) => (Some(f), a, b, c),
        None => (None, None, None, None),
    };
    let waiting: i64 = conn
        .prepare_cached("SELECT count(*) FROM sync_outbox")?
        .query_row([], |r| r.get(0))?;
    let peers = conn
        .prepare_cached(
            "SELECT device, name, applied, changes, last_change FROM sync_peers
             ORDER BY name, device",
        )?
        .query_map([], |r| {
            Ok(Peer {
                device: r.get(0)?,
                name: r.get(1)?,
                merged: u32::try_from(r.get::<_, i64>(2)?).unwrap_or(u32::MAX),
                changes: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
                last_change: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SyncStatus {
        folder,
        device: outbox::device(conn)?.to_string(),
        name: computer_name(),
        last_run,
        last_ok,
        problem,
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
        peers,
        conflicts: conflicts(conn)?,
    })
}
