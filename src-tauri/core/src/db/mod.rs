//! The library database: opening (pragmas in one place), migrations, and one file per table
//! group with verb-first functions. Every statement on `library.sqlite` is here; callers get
//! plain rows. Front-matter fields inside `entries.data` are named in [`fields`].

pub mod archive;
pub mod articles;
pub mod citations;
pub mod entries;
pub mod fields;
pub mod histories;
pub mod mentions;
pub mod meta;
pub mod problems;
pub mod refs;
pub mod sources;

use crate::error::Result;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;

const LIBRARY_MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/001_library.sql")),
    M::up(include_str!("../../migrations/002_meta.sql")),
    M::up(include_str!("../../migrations/003_source_stamps.sql")),
    M::up(include_str!("../../migrations/004_entries_text_first.sql")),
    M::up(include_str!("../../migrations/005_cites.sql")),
    M::up(include_str!("../../migrations/006_mentions.sql")),
    M::up(include_str!("../../migrations/007_mentions_compact.sql")),
    M::up(include_str!(
        "../../migrations/008_mentions_per_article.sql"
    )),
    M::up(include_str!("../../migrations/009_books.sql")),
];

/// How hard a database holds on to what it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Rebuildable from content: WAL with synchronous=NORMAL.
    Rebuildable,
    /// The reader's own work: WAL with synchronous=FULL.
    Precious,
}

/// Opens (creating if needed) the library database at `path` and migrates it.
/// A library file that cannot be migrated (written by a newer Lectern, or damaged) is
/// deleted and built afresh: nothing in it is the reader's.
pub fn open_library(path: &Path) -> Result<Connection> {
    match open_migrated(path) {
        Ok(conn) => Ok(conn),
        Err(_) => {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
            open_migrated(path)
        }
    }
}

fn open_migrated(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open(path)?;
    configure(&conn, Durability::Rebuildable)?;
    // A cheap probe that fails on anything that is not a database. (`PRAGMA quick_check`
    // reads the whole file: seconds for a large library, at every start.)
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Migrations::from_slice(LIBRARY_MIGRATIONS).to_latest(&mut conn)?;
    Ok(conn)
}

/// An empty, migrated library database in memory, for tests.
pub fn open_library_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn, Durability::Rebuildable)?;
    Migrations::from_slice(LIBRARY_MIGRATIONS).to_latest(&mut conn)?;
    Ok(conn)
}

/// The one place where connection pragmas are set.
pub fn configure(conn: &Connection, durability: Durability) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let sync = match durability {
        Durability::Rebuildable => "NORMAL",
        Durability::Precious => "FULL",
    };
    conn.pragma_update(None, "synchronous", sync)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Import runs a dozen statements per file; all of them stay prepared.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Writes what the write-ahead log holds into the database file and empties the log. After a
/// large import the log holds gigabytes, which the next start would otherwise read to rebuild
/// its index before the first query.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The page cache of an import's connection, in KiB as `PRAGMA cache_size` takes it (negative).
const IMPORT_CACHE_KIB: i64 = -64 * 1024;

/// Readies a connection for a large import. An import rewrites the same index pages over and
/// over: with SQLite's default 2 MiB cache they spill to the WAL and are looked up there again.
pub fn configure_for_import(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
    Ok(())
}

/// Commits what a long transaction has written so far and goes on in a new one: its final
/// commit (or its rollback on an error) covers what is written after this point.
pub fn commit_so_far(conn: &Connection) -> Result<()> {
    conn.execute_batch("COMMIT; BEGIN")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(LIBRARY_MIGRATIONS)
            .validate()
            .is_ok());
    }

    #[test]
    fn a_damaged_library_file_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite");
        std::fs::write(
            &path,
            b"this is not a database, just garbage bytes ........",
        )
        .unwrap();
        let conn = open_library(&path).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
