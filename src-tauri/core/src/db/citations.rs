//! Footnotes and the books they cite: the `footnote_texts` table (every article's footnotes,
//! kept for the citation linker) and the `citations` table (what the linker found).

use crate::error::Result;
use crate::markdown::FootnoteText;
use crate::parse::Parsed;
use rusqlite::{params, Connection};

/// Stores an article's footnotes for the linker.
pub fn insert_footnote_texts(
    conn: &Connection,
    article: &str,
    path: &str,
    parsed: &Parsed,
) -> Result<()> {
    let notes = &parsed.rendered.notes;
    for (footnote, note) in parsed.rendered.footnotes.iter().zip(notes) {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO footnote_texts (article, number, text, emphasis, path)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            article,
            footnote.number,
            note.text,
            serde_json::to_string(&note.emphasis)?,
            path
        ])?;
    }
    Ok(())
}

/// Calls `f` with every stored footnote: its article, its number and its text.
pub fn for_each_footnote_text(
    conn: &Connection,
    mut f: impl FnMut(String, u32, FootnoteText) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare("SELECT article, number, text, emphasis FROM footnote_texts")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (article, number, text, emphasis) = row?;
        let note = FootnoteText {
            text,
            emphasis: serde_json::from_str(&emphasis).unwrap_or_default(),
        };
        f(article, number, note)?;
    }
    Ok(())
}

pub fn delete_citations(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM citations", [])?;
    Ok(())
}

/// A title cited in footnote `number` of `article`, the `pos`-th in it; `book` is the book it
/// names, if the library holds it; `text` the citation it stands in.
pub struct NewCitation<'a> {
    pub article: &'a str,
    pub number: u32,
    pub pos: usize,
    pub book: Option<&'a str>,
    pub title: &'a str,
    pub text: &'a str,
}

pub fn insert_citation(conn: &Connection, c: &NewCitation) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO citations (article, number, pos, book, title, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        c.article,
        c.number,
        c.pos as i64,
        c.book,
        c.title,
        c.text
    ])?;
    Ok(())
}

/// Every footnote that cites a book of the library: (book, article, footnote number), by book.
pub fn list_citing_footnotes(conn: &Connection) -> Result<Vec<(String, String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT book, article, number FROM citations WHERE book IS NOT NULL
         ORDER BY book, article, number",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A title cited that names no book of the library, where it is cited.
#[derive(Debug, Clone)]
pub struct UnlistedRow {
    pub title: String,
    pub text: String,
    pub article: String,
    pub article_title: String,
    pub footnote: u32,
}

/// Every citation of a title the library does not hold, by title.
pub fn list_unlisted_citations(conn: &Connection) -> Result<Vec<UnlistedRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.title, c.text, c.article, e.title, c.number FROM citations c
         JOIN entries e ON e.kind = 'article' AND e.id = c.article
         WHERE c.book IS NULL ORDER BY c.title COLLATE NOCASE, c.article, c.number",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(UnlistedRow {
            title: r.get(0)?,
            text: r.get(1)?,
            article: r.get(2)?,
            article_title: r.get(3)?,
            footnote: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
