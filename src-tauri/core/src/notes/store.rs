//! Opening notes.sqlite so that nothing in it is lost: WAL with synchronous=FULL, a quick
//! integrity check at every start, migrations one by one in a transaction each, after a copy
//! taken with SQLite's online backup API. A file that is damaged or cannot be opened is set
//! aside (renamed, never deleted) and the newest good backup is restored; what happened is
//! returned so the reader can be told. Once migrated, an installation without a sync device
//! id is given one ([`crate::notes::sync::outbox::ensure_device`]).

use crate::db::{configure, Durability};
use crate::error::{Error, ErrorKind, Result};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};
use serde::Serialize;
use specta::Type;
use std::path::{Path, PathBuf};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/notes/001_annotations.sql")),
    M::up(include_str!(
        "../../migrations/notes/002_anchor_confidence.sql"
    )),
    M::up(include_str!(
        "../../migrations/notes/003_page_notes_replies_uri.sql"
    )),
    M::up(include_str!("../../migrations/notes/004_sync.sql")),
    M::up(include_str!("../../migrations/notes/005_sync_folder.sql")),
];

/// Backups kept in `backups/` beside notes.sqlite; older ones are removed.
pub const BACKUPS_KEPT: usize = 5;
/// The folder of backups inside the data folder.
pub const BACKUP_DIR: &str = "notes-backups";

/// What opening had to do besides opening.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct Opened {
    /// Backups taken before migrating, if any.
    pub backed_up: Option<String>,
    /// When the file was damaged: where it was set aside and what replaced it.
    pub recovered: Option<Recovery>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Recovery {
    /// The damaged file, renamed.
    pub set_aside: String,
    /// The backup restored, or `None` when there was no good one (notes start empty, and the
    /// reader is told so).
    pub restored: Option<String>,
    /// When that backup was taken (RFC 3339, from its name).
    pub taken: Option<String>,
}

fn now_stamp() -> String {
    jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%.fZ")
        .to_string()
}

fn sidecars(path: &Path) -> [PathBuf; 3] {
    ["", "-wal", "-shm"].map(|s| {
        let mut p = path.as_os_str().to_owned();
        p.push(s);
        PathBuf::from(p)
    })
}

/// Whether the file at `path` opens and passes `PRAGMA quick_check`.
fn healthy(path: &Path) -> bool {
    let check = || -> rusqlite::Result<bool> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        Ok(verdict == "ok")
    };
    check().unwrap_or(false)
}

/// Backups in `dir`, newest first (their names sort by time).
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    all.reverse();
    all
}

/// Copies the open database to a new file in the backup folder with the online backup API,
/// then keeps only the newest [`BACKUPS_KEPT`].
pub fn back_up(conn: &Connection, dir: &Path, reason: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let target = dir.join(format!("notes-{}-{reason}.sqlite", now_stamp()));
    let mut copy = Connection::open(&target)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
        backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
    }
    drop(copy);
    for old in backups(dir).into_iter().skip(BACKUPS_KEPT) {
        let _ = std::fs::remove_file(old);
    }
    Ok(target)
}

/// Sets a damaged file aside and restores the newest backup that passes the check.
fn recover(path: &Path, dir: &Path) -> Result<Recovery> {
    let aside = path.with_extension(format!("damaged-{}.sqlite", now_stamp()));
    for (from, to) in sidecars(path).iter().zip(sidecars(&aside)) {
        if from.exists() {
            std::fs::rename(from, to)?;
        }
    }
    let good = backups(dir).into_iter().find(|b| healthy(b));
    if let Some(b) = &good {
        std::fs::copy(b, path)?;
    }
    let taken = good.as_ref().and_then(|b| {
        let name = b.file_stem()?.to_str()?;
        let stamp = name.strip_prefix("notes-")?.split('-').next()?;
        let utc = stamp.strip_suffix('Z')?;
        let when = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S%.f", utc).ok()?;
        Some(format!("{when}Z"))
    });
    Ok(Recovery {
        set_aside: aside.display().to_string(),
        restored: good.map(|b| b.display().to_string()),
        taken,
    })
}

/// Opens (creating) notes.sqlite at `path`, backups in `backup_dir`.
pub fn open(path: &Path, backup_dir: &Path) -> Result<(Connection, Opened)> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut opened = Opened::default();
    if path.exists() && !healthy(path) {
        opened.recovered = Some(recover(path, backup_dir)?);
    }
    let mut conn = Connection::open(path)?;
    configure(&conn, Durability::Precious)?;
    migrate(&mut conn, backup_dir, &mut opened)?;
    crate::notes::sync::outbox::ensure_device(&conn)?;
    Ok((conn, opened))
}

/// Runs the pending migrations, each in its own transaction, after a backup of a database
/// that already holds something.
fn migrate(conn: &mut Connection, backup_dir: &Path, opened: &mut Opened) -> Result<()> {
    let migrations = Migrations::from_slice(MIGRATIONS);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(0);
    if version > MIGRATIONS.len() {
        return Err(Error::new(
            ErrorKind::Database,
            format!(
                "notes.sqlite is from a newer Lectern (schema {version}); it was left untouched"
            ),
        ));
    }
    if version == MIGRATIONS.len() {
        return Ok(());
    }
    if version > 0 {
        let copy = back_up(conn, backup_dir, &format!("before-v{}", version + 1))?;
        opened.backed_up = Some(copy.display().to_string());
    }
    for target in version + 1..=MIGRATIONS.len() {
        migrations.to_version(conn, target)?;
    }
    Ok(())
}

/// An empty, migrated notes database in memory, for tests and the in-memory library.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn, Durability::Precious)?;
    Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
    crate::notes::sync::outbox::ensure_device(&conn)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }

    /// Backups (and damaged files) are named by time ([`now_stamp`]): with no `:`, as ISO
    /// times have and Windows refuses in a name.
    #[test]
    fn backup_names_are_files_on_every_platform() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open_in_memory().unwrap();
        let copy = back_up(&conn, dir.path(), "before-v2").unwrap();
        let name = copy.file_name().unwrap().to_str().unwrap();
        assert!(crate::files::is_portable_file_name(name), "{name}");
    }
}
