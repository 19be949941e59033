//! The Library's archive: articles a page at a time, narrowed by year, month, series, tag,
//! author and source, newest first; and the counts a blog's archive shows.

use super::entries::{from_row, EntryRow, LIST_COLUMNS};
use super::fields::{AUTHORS, SERIES_ID, TAGS};
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::Connection;

/// What narrows the articles: every choice given must hold.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub year: Option<i32>,
    /// 1–12; only with a year.
    pub month: Option<u8>,
    pub series: Option<String>,
    pub tag: Option<String>,
    /// A person id among the authors.
    pub author: Option<String>,
    /// `starter`, or a blog's name.
    pub source: Option<String>,
}

/// The SQL condition and its values for a narrowing, over `entries` of kind article.
fn condition(n: &Narrowing) -> (String, Vec<Value>) {
    let mut sql = String::from("kind = 'article'");
    let mut values: Vec<Value> = Vec::new();
    match (n.year, n.month) {
        (Some(y), Some(m)) => {
            sql.push_str(" AND substr(date, 1, 7) = ?");
            values.push(Value::Text(format!("{y:04}-{m:02}")));
        }
        (Some(y), None) => {
            sql.push_str(" AND substr(date, 1, 4) = ?");
            values.push(Value::Text(format!("{y:04}")));
        }
        _ => {}
    }
    if let Some(series) = &n.series {
        sql.push_str(&format!(" AND json_extract(data, '{SERIES_ID}') = ?"));
        values.push(Value::Text(series.clone()));
    }
    if let Some(tag) = &n.tag {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM json_each(data, '{TAGS}') WHERE value = ?)"
        ));
        values.push(Value::Text(tag.clone()));
    }
    if let Some(author) = &n.author {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM json_each(data, '{AUTHORS}') WHERE value = ?)"
        ));
        values.push(Value::Text(author.clone()));
    }
    match n.source.as_deref() {
        Some("starter") => sql.push_str(" AND path NOT LIKE 'blogs/%'"),
        Some(blog) => {
            sql.push_str(" AND path LIKE ? ESCAPE '\\'");
            let escaped = blog
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(Value::Text(format!("blogs/{escaped}/%")));
        }
        None => {}
    }
    (sql, values)
}

/// How many articles a narrowing leaves, and a page of them, newest first.
pub fn page_articles(
    conn: &Connection,
    n: &Narrowing,
    offset: u32,
    limit: u32,
) -> Result<(u32, Vec<EntryRow>)> {
    let (cond, mut values) = condition(n);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) FROM entries WHERE {cond}"))?
        .query_row(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?;
    values.push(Value::Integer(i64::from(limit)));
    values.push(Value::Integer(i64::from(offset)));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LIST_COLUMNS} FROM entries WHERE {cond}
         ORDER BY date_key DESC, ord DESC, title, id LIMIT ? OFFSET ?"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), from_row)?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}

/// Articles by year and month (`month` 0 for a date given only to the year), newest first.
pub fn count_by_month(conn: &Connection) -> Result<Vec<(i32, u8, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CAST(substr(date, 1, 4) AS INTEGER), CAST(substr(date, 6, 2) AS INTEGER), count(*)
         FROM entries WHERE kind = 'article' AND date IS NOT NULL
         GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, Option<u8>>(1)?.unwrap_or(0),
            r.get(2)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Values of an array field of the articles (tags, authors) with how many articles have each,
/// most first.
fn count_items(conn: &Connection, path: &str) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.value, count(*) FROM entries e, json_each(e.data, '{path}') t
         WHERE e.kind = 'article' GROUP BY t.value ORDER BY 2 DESC, 1"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_by_tag(conn: &Connection) -> Result<Vec<(String, u32)>> {
    count_items(conn, TAGS)
}

pub fn count_by_author(conn: &Connection) -> Result<Vec<(String, u32)>> {
    count_items(conn, AUTHORS)
}

/// Series ids with how many of their parts the library holds.
pub fn count_by_series(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT json_extract(data, '{SERIES_ID}') AS s, count(*) FROM entries
         WHERE kind = 'article' AND s IS NOT NULL GROUP BY s ORDER BY s"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Articles by source: `starter`, or the blog's name.
pub fn count_by_source(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN path LIKE 'blogs/%' THEN substr(path, 7, instr(substr(path, 7), '/') - 1)
                     ELSE 'starter' END AS source, count(*)
         FROM entries WHERE kind = 'article' GROUP BY source ORDER BY source = 'starter' DESC, source",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
