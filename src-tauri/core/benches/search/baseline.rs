//! The baseline: a bare SQLite FTS5 table over the same articles' titles and plain text,
//! queried for the top 20 by bm25 with a snippet each.

use crate::queries::BenchQuery;
use rusqlite::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    /// Builds the table at `path` from the articles in `library` (a library.sqlite).
    pub fn build(path: &Path, library: &Path) -> Fts5 {
        let _ = std::fs::remove_file(path);
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE VIRTUAL TABLE fts USING fts5(title, body,
                 tokenize = 'porter unicode61 remove_diacritics 2');",
        )
        .unwrap();
        conn.execute("ATTACH ?1 AS lib", [library.to_str().unwrap()])
            .unwrap();
        conn.execute_batch(
            "BEGIN;
             INSERT INTO fts (rowid, title, body)
                 SELECT rowid, title, text FROM lib.entries WHERE kind = 'article';
             COMMIT;
             DETACH lib;",
        )
        .unwrap();
        Fts5 { conn }
    }

    /// Runs `q` and builds the snippets of the first 20 results.
    pub fn run(&self, q: &BenchQuery) -> (Duration, usize) {
        let started = Instant::now();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid, title, snippet(fts, 1, '<mark>', '</mark>', '…', 32)
                 FROM fts WHERE fts MATCH ?1 ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20",
            )
            .unwrap();
        let rows: Vec<(i64, String, String)> = stmt
            .query_map([&q.fts5], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (started.elapsed(), rows.len())
    }
}
