//! The `entries` table: one row per loaded article, person, organization, book or series.

use super::fields;
use crate::content::Source;
use crate::error::Result;
use crate::model::Kind;
use crate::parse::{Meta, Parsed};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A stored entry. `data` is the front matter as JSON; `headings` and `footnotes` are JSON.
#[derive(Debug, Clone)]
pub struct EntryRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub data: String,
    /// The Markdown body, rendered when an entry is opened.
    pub markdown: String,
    pub text: String,
    pub headings: String,
    pub footnotes: String,
}

const COLUMNS: &str = "id, path, title, date, data, markdown, text, headings, footnotes";
/// The same with the Markdown left empty: it is stored last, so it is then never read.
const TEXT_COLUMNS: &str = "id, path, title, date, data, '' AS markdown, text, headings, footnotes";
/// What lists need: no body, text, headings or footnotes.
pub(super) const LIST_COLUMNS: &str =
    "id, path, title, date, data, '' AS markdown, '' AS text, '[]' AS headings, '[]' AS footnotes";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        date: r.get(3)?,
        data: r.get(4)?,
        markdown: r.get(5)?,
        text: r.get(6)?,
        headings: r.get(7)?,
        footnotes: r.get(8)?,
    })
}

pub fn insert_entry(conn: &Connection, source: &Source, parsed: &Parsed) -> Result<()> {
    let (title, date, order, data) = match &parsed.meta {
        Meta::Article(a) => {
            let mut a = a.clone();
            if a.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
                a.summary = Some(teaser(&parsed.rendered.text));
            }
            (
                a.title.clone(),
                Some(a.date),
                a.order,
                serde_json::to_string(&a)?,
            )
        }
        Meta::Person(p) => (p.name.clone(), p.born, 0, serde_json::to_string(p)?),
        Meta::Organization(o) => (o.name.clone(), o.founded, 0, serde_json::to_string(o)?),
        Meta::Book(b) => (b.title.clone(), b.date, 0, serde_json::to_string(b)?),
        Meta::Series(s) => (s.title.clone(), None, 0, serde_json::to_string(s)?),
    };
    let r = &parsed.rendered;
    conn.prepare_cached(
        "INSERT INTO entries (kind, id, path, title, date, date_key, ord, data, markdown, text, headings, footnotes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
            source.kind.name(),
            source.id,
            source.path,
            title,
            date.map(|d| d.to_string()),
            date.map(|d| d.sort_key()),
            order,
            data,
            parsed.body,
            r.text,
            serde_json::to_string(&r.headings)?,
            serde_json::to_string(&r.footnotes)?,
        ])?;
    Ok(())
}

/// Entries of one kind without their bodies: articles newest first (date, then `order`),
/// others by title.
pub fn list_entries(conn: &Connection, kind: Kind) -> Result<Vec<EntryRow>> {
    let order = match kind {
        Kind::Article => "date_key DESC, ord DESC, title, id",
        _ => "title COLLATE NOCASE, id",
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LIST_COLUMNS} FROM entries WHERE kind = ?1 ORDER BY {order}"
    ))?;
    let rows = stmt.query_map([kind.name()], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Calls `f` with every entry of `kind` without its Markdown body, one row at a time (large
/// libraries never sit in memory).
pub fn for_each_entry(
    conn: &Connection,
    kind: Kind,
    mut f: impl FnMut(EntryRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM entries WHERE kind = ?1",
        TEXT_COLUMNS
    ))?;
    let mut rows = stmt.query([kind.name()])?;
    while let Some(row) = rows.next()? {
        f(from_row(row)?)?;
    }
    Ok(())
}

pub fn get_entry(conn: &Connection, kind: Kind, id: &str) -> Result<Option<EntryRow>> {
    get(conn, COLUMNS, kind, id)
}

/// An entry without its Markdown body (left empty), which is then never read from disk: the
/// search's snippets need only the text.
pub fn get_entry_text(conn: &Connection, kind: Kind, id: &str) -> Result<Option<EntryRow>> {
    get(conn, TEXT_COLUMNS, kind, id)
}

/// The entries of `kind` with these ids, without bodies or texts, in the order asked (ids
/// not in the library are left out).
pub fn list_entries_by_id(conn: &Connection, kind: Kind, ids: &[String]) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LIST_COLUMNS} FROM entries WHERE kind = ?1 AND id = ?2"
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = stmt
            .query_row(rusqlite::params![kind.name(), id], from_row)
            .optional()?
        {
            out.push(row);
        }
    }
    Ok(out)
}

fn get(conn: &Connection, columns: &str, kind: Kind, id: &str) -> Result<Option<EntryRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} FROM entries WHERE kind = ?1 AND id = ?2"
    ))?;
    Ok(stmt
        .query_row(params![kind.name(), id], from_row)
        .optional()?)
}

/// The display name of every entry of `kind`, by id.
pub fn list_titles(
    conn: &Connection,
    kind: Kind,
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, title FROM entries WHERE kind = ?1")?;
    let rows = stmt.query_map([kind.name()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The titles of the entries of `kind` among `ids` (those the library has), by id.
pub fn list_titles_of(
    conn: &Connection,
    kind: Kind,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title FROM entries WHERE kind = ?1 AND id = ?2")?;
    let mut titles = std::collections::HashMap::new();
    for id in ids {
        let mut rows = stmt.query(rusqlite::params![kind.name(), id])?;
        if let Some(r) = rows.next()? {
            titles.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok(titles)
}

/// The front matter (as JSON) of every entry of `kind`, by id.
pub fn list_data(conn: &Connection, kind: Kind) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT id, data FROM entries WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind.name()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A person's or organization's names, as stored.
#[derive(Debug, Clone)]
pub struct NamesRow {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub safe_aliases: Vec<String>,
}

/// Every person's and organization's names, by kind and id.
pub fn list_names(conn: &Connection) -> Result<Vec<NamesRow>> {
    let (aliases, safe_aliases) = (fields::ALIASES, fields::SAFE_ALIASES);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT kind, id, title, json_extract(data, '{aliases}'), json_extract(data, '{safe_aliases}')
         FROM entries WHERE kind IN ('person', 'organization') ORDER BY kind, id"
    ))?;
    let list = |json: Option<String>| -> Vec<String> {
        json.and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    };
    let rows = stmt.query_map([], |r| {
        Ok(NamesRow {
            kind: Kind::from_name(&r.get::<_, String>(0)?).unwrap_or(Kind::Person),
            id: r.get(1)?,
            name: r.get(2)?,
            aliases: list(r.get(3)?),
            safe_aliases: list(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Calls `f` with the title and front matter (JSON) of every entry, one row at a time: the
/// words near spellings are put right to.
pub fn for_each_entry_words(
    conn: &Connection,
    mut f: impl FnMut([String; 2]) -> Result<()>,
) -> Result<()> {
    // Title and front matter only: they come before the text in a row, so the text (most of
    // the file) is never read.
    let mut stmt = conn.prepare(
        "SELECT title, data FROM entries WHERE kind IN ('article', 'person', 'organization', 'book', 'series')",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        f([row.get(0)?, row.get(1)?])?;
    }
    Ok(())
}

/// The first words of an article's text, for the index when it has no summary.
fn teaser(text: &str) -> String {
    const WORDS: usize = 40;
    let first = text
        .split("\n")
        .find(|l| l.split_whitespace().count() > 8)
        .unwrap_or(text);
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..WORDS].join(" "))
    }
}
