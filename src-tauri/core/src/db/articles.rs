//! The `entries` table's articles, read for one purpose each: their ids and texts for the
//! name linker, their addresses for importing Hypothesis notes, their tags for telling a
//! book's reviews from its announcements.

use super::fields;
use crate::error::Result;
use rusqlite::Connection;

/// Every article's slug.
pub fn list_article_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM entries WHERE kind = 'article'")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An article's plain text (an error when there is no such article).
pub fn get_article_text(conn: &Connection, id: &str) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT text FROM entries WHERE kind = 'article' AND id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// An article's title, date and plain text.
#[derive(Debug, Clone)]
pub struct TitledText {
    pub title: String,
    pub date: Option<String>,
    pub text: String,
}

/// An article's title, date and plain text (an error when there is no such article).
pub fn get_titled_text(conn: &Connection, id: &str) -> Result<TitledText> {
    Ok(conn
        .prepare_cached("SELECT title, date, text FROM entries WHERE kind = 'article' AND id = ?1")?
        .query_row([id], |r| {
            Ok(TitledText {
                title: r.get(0)?,
                date: r.get(1)?,
                text: r.get(2)?,
            })
        })?)
}

/// Every article's slug, title and address on the blog (`url`), if it has one.
pub fn list_article_urls(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let url = fields::URL;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, title, json_extract(data, '{url}') FROM entries WHERE kind = 'article'"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every article some entry lists as related (`related…` fields: a book's announcements and
/// reviews), and whether it is tagged a review.
pub fn list_related_reviews(conn: &Connection) -> Result<Vec<(String, bool)>> {
    let tags = fields::TAGS;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, EXISTS (SELECT 1 FROM json_each(data, '{tags}') t
                            WHERE lower(t.value) IN ('review', 'reviews', 'book review'))
         FROM entries WHERE kind = 'article' AND id IN (
             SELECT target FROM refs WHERE kind = 'article' AND field LIKE 'related%')"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
