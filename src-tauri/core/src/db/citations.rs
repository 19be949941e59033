//! Which footnote cites which book: the citation linker run over every footnote of the
//! library, after an import changed articles, books or people.

use crate::books::citelink::{self, NoteText, ShelfBook};
use crate::db::entries::list_titles;
use crate::error::Result;
use crate::model::{BookMeta, Kind};
use crate::parse::Parsed;
use rusqlite::{params, Connection};

/// Stores an article's footnotes for the linker.
pub fn store_notes(conn: &Connection, article: &str, path: &str, parsed: &Parsed) -> Result<()> {
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

/// The books as the linker compares them.
fn shelf(conn: &Connection) -> Result<Vec<ShelfBook>> {
    let names = list_titles(conn, Kind::Person)?;
    let mut stmt = conn.prepare("SELECT id, data FROM entries WHERE kind = 'book' ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, data) = row?;
        let m: BookMeta = serde_json::from_str(&data)?;
        let people: Vec<String> = m
            .authors
            .iter()
            .chain(&m.editors)
            .filter_map(|p| names.get(p).cloned())
            .collect();
        let year = m.date.map(|d| d.year);
        out.push(ShelfBook::new(
            &id,
            &m.title,
            m.subtitle.as_deref(),
            &people,
            year,
        ));
    }
    Ok(out)
}

/// Links every stored footnote again.
pub fn relink(conn: &Connection) -> Result<()> {
    let shelf = shelf(conn)?;
    conn.execute("DELETE FROM citations", [])?;
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
        let note = NoteText {
            text,
            emphasis: serde_json::from_str(&emphasis).unwrap_or_default(),
        };
        for (pos, c) in citelink::link(&note, &shelf).into_iter().enumerate() {
            conn.prepare_cached(
                "INSERT INTO citations (article, number, pos, book, title, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                article, number, pos as i64, c.book, c.title, c.text
            ])?;
        }
    }
    Ok(())
}
