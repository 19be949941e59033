//! The `problems` table: content problems found at import.

use super::fields::{PART, PARTS, SERIES_ID, SERIES_PART};
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

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Problem> {
    Ok(Problem {
        path: r.get(0)?,
        line: r.get(1)?,
        field: r.get(2)?,
        message: r.get(3)?,
    })
}

/// How many problems the library has.
pub fn count_problems(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM problems", [], |r| r.get(0))?)
}

/// Every problem, by path and line.
pub fn list_problems(conn: &Connection) -> Result<Vec<Problem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT path, line, field, message FROM problems ORDER BY path, line, field, message",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The problems from `offset`, at most `limit`, by path and line; and in how many files all are.
pub fn list_problems_page(
    conn: &Connection,
    offset: u32,
    limit: u32,
) -> Result<(Vec<Problem>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT path, line, field, message FROM problems ORDER BY path, line, field, message
         LIMIT ?2 OFFSET ?1",
    )?;
    let rows = stmt.query_map(params![offset, limit], from_row)?;
    let page = rows.collect::<Result<_, _>>()?;
    let files = conn.query_row("SELECT count(DISTINCT path) FROM problems", [], |r| {
        r.get(0)
    })?;
    Ok((page, files))
}

/// Recomputes the library-wide problems: references to entries that do not exist, series
/// parts that the series does not list, parts claimed by two articles, and cites whose words
/// are not in their source article.
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
        &format!(
            "INSERT INTO problems (path, line, field, message, stage)
         SELECT a.path, COALESCE(r.line, 1), 'series.part',
                'series `' || s.id || '` has no part ' || json_extract(a.data, '{SERIES_PART}'),
                'library'
         FROM entries a
         JOIN entries s ON s.kind = 'series' AND s.id = json_extract(a.data, '{SERIES_ID}')
         LEFT JOIN refs r ON r.path = a.path AND r.field = 'series.id'
         WHERE a.kind = 'article'
           AND NOT EXISTS (SELECT 1 FROM json_each(s.data, '{PARTS}') p
                           WHERE json_extract(p.value, '{PART}') = json_extract(a.data, '{SERIES_PART}'))"
        ),
        [],
    )?;
    // Only articles in a series take part, so the pairing stays small in large libraries.
    conn.execute(
        &format!(
            "WITH parts AS MATERIALIZED (
             SELECT path, json_extract(data, '{SERIES_ID}') AS series,
                    json_extract(data, '{SERIES_PART}') AS part
             FROM entries WHERE kind = 'article' AND json_extract(data, '{SERIES_ID}') IS NOT NULL)
         INSERT INTO problems (path, line, field, message, stage)
         SELECT b.path, COALESCE(r.line, 1), 'series.part',
                'part ' || b.part || ' of series `' || b.series || '` is also claimed by ' || a.path,
                'library'
         FROM parts a
         JOIN parts b ON a.path < b.path AND a.series = b.series AND a.part = b.part
         LEFT JOIN refs r ON r.path = b.path AND r.field = 'series.id'"
        ),
        [],
    )?;
    // An offer that ended before the book's first related article (its announcement).
    conn.execute(
        "INSERT INTO problems (path, line, field, message, stage)
         SELECT o.path, o.line, o.field,
                'valid until ' || o.valid_until || ', before the book was announced in `' ||
                a.id || '` (' || a.date || ')',
                'library'
         FROM offer_ends o
         JOIN entries a ON a.kind = 'article' AND a.id = (
             SELECT e.id FROM refs r JOIN entries e ON e.kind = 'article' AND e.id = r.target
             WHERE r.path = o.path AND r.kind = 'article' AND r.field LIKE 'related%'
             ORDER BY e.date_key, e.id LIMIT 1)
         WHERE o.last_day_key < a.date_key",
        [],
    )?;
    check_cites(conn)
}

/// Every cite must be found, as words, in its source article's text. Case, runs of spaces and
/// typographic quotes and dashes do not matter (the text has smart punctuation; content is
/// typed with straight quotes).
fn check_cites(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.path, c.line, c.field, c.source, c.cite, e.text
         FROM cites c JOIN entries e ON e.kind = 'article' AND e.id = c.source
         ORDER BY c.source",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut missing = Vec::new();
    let mut normalized: Option<(String, String)> = None;
    for row in rows {
        let (path, line, field, source, cite, text) = row?;
        if normalized.as_ref().is_none_or(|(s, _)| *s != source) {
            normalized = Some((source.clone(), normalize(&text)));
        }
        let haystack = &normalized.as_ref().expect("just set").1;
        if !haystack.contains(&normalize(&cite)) {
            let message =
                format!("cite: the words `{cite}` are not in content/articles/{source}.md");
            missing.push(Problem::new(&path, line, &field, message));
        }
    }
    for p in &missing {
        insert_problem(conn, p, "library")?;
    }
    Ok(())
}

/// Lower case, one space for any run of white space, straight quotes and hyphens for
/// typographic ones, three dots for an ellipsis.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            c => out.extend(c.to_lowercase()),
        }
    }
    // Smart punctuation turns `--` into a dash.
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    out
}
