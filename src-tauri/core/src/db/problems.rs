//! The `problems` table: content problems found at import.

use crate::error::Result;
use crate::problem::Problem;
use rusqlite::{params, Connection};

pub fn insert_problem(conn: &Connection, p: &Problem, stage: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO problems (path, line, field, message, stage) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![p.path, p.line, p.field, p.message, stage])?;
    Ok(())
}

/// Every problem, by path and line.
pub fn list_problems(conn: &Connection) -> Result<Vec<Problem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT path, line, field, message FROM problems ORDER BY path, line, field, message",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Problem {
            path: r.get(0)?,
            line: r.get(1)?,
            field: r.get(2)?,
            message: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Recomputes the library-wide problems: references to entries that do not exist, series
/// parts that the series does not list, and parts claimed by two articles.
pub fn check_library(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM problems WHERE stage = 'library'", [])?;
    conn.execute(
        "INSERT INTO problems (path, line, field, message, stage)
         SELECT r.path, r.line, r.field,
                'no ' || r.kind || ' with id `' || r.target || '` (expected content/' ||
                CASE r.kind WHEN 'article' THEN 'articles' WHEN 'person' THEN 'people'
                            WHEN 'organization' THEN 'organizations' WHEN 'book' THEN 'books'
                            ELSE 'series' END || '/' || r.target || '.md)',
                'library'
         FROM refs r
         WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.kind = r.kind AND e.id = r.target)",
        [],
    )?;
    conn.execute(
        "INSERT INTO problems (path, line, field, message, stage)
         SELECT a.path, COALESCE(r.line, 1), 'series.part',
                'series `' || s.id || '` has no part ' || json_extract(a.data, '$.series.part'),
                'library'
         FROM entries a
         JOIN entries s ON s.kind = 'series' AND s.id = json_extract(a.data, '$.series.id')
         LEFT JOIN refs r ON r.path = a.path AND r.field = 'series.id'
         WHERE a.kind = 'article'
           AND NOT EXISTS (SELECT 1 FROM json_each(s.data, '$.parts') p
                           WHERE json_extract(p.value, '$.part') = json_extract(a.data, '$.series.part'))",
        [],
    )?;
    // Only articles in a series take part, so the pairing stays small in large libraries.
    conn.execute(
        "WITH parts AS MATERIALIZED (
             SELECT path, json_extract(data, '$.series.id') AS series,
                    json_extract(data, '$.series.part') AS part
             FROM entries WHERE kind = 'article' AND json_extract(data, '$.series.id') IS NOT NULL)
         INSERT INTO problems (path, line, field, message, stage)
         SELECT b.path, COALESCE(r.line, 1), 'series.part',
                'part ' || b.part || ' of series `' || b.series || '` is also claimed by ' || a.path,
                'library'
         FROM parts a
         JOIN parts b ON a.path < b.path AND a.series = b.series AND a.part = b.part
         LEFT JOIN refs r ON r.path = b.path AND r.field = 'series.id'",
        [],
    )?;
    Ok(())
}
