//! Which footnote cites which book: the citation linker ([`super::citelink`]) run over every
//! footnote of the library, after an import changed articles, books or people.

use super::citelink::{self, ShelfBook};
use crate::db::citations::{self, NewCitation};
use crate::db::entries::{list_data, list_titles};
use crate::error::Result;
use crate::model::{BookMeta, Kind};
use rusqlite::Connection;

/// The books as the linker compares them.
fn shelf(conn: &Connection) -> Result<Vec<ShelfBook>> {
    let names = list_titles(conn, Kind::Person)?;
    let mut out = Vec::new();
    for (id, data) in list_data(conn, Kind::Book)? {
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
    citations::delete_citations(conn)?;
    citations::for_each_footnote_text(conn, |article, number, note| {
        for (pos, c) in citelink::link(&note, &shelf).into_iter().enumerate() {
            citations::insert_citation(
                conn,
                &NewCitation {
                    article: &article,
                    number,
                    pos,
                    book: c.book.as_deref(),
                    title: &c.title,
                    text: &c.text,
                },
            )?;
        }
        Ok(())
    })
}
