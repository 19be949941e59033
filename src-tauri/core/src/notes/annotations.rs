//! The annotations table (and its tags), verb-first.

use super::anchor::{Placed, Status};
use crate::content::Roots;
use crate::error::Result;
use crate::markdown::{self, ImageBase};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::LazyLock;

/// One annotation: a highlight, with or without a note and tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Annotation {
    /// `urn:uuid:…`
    pub id: String,
    pub article: String,
    /// The exact words highlighted, and the context kept on each side.
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    /// UTF-16 range in the article's plain text.
    pub start: u32,
    pub end: u32,
    /// Markdown.
    pub note: String,
    /// The note rendered and sanitized (by the article pipeline: ammonia's allowlist).
    #[serde(default)]
    pub html: String,
    pub tags: Vec<String>,
    pub color: String,
    pub status: Status,
    /// 1 unless placed fuzzily.
    pub confidence: f64,
    /// RFC 3339.
    pub created: String,
    pub modified: String,
    /// A note on the whole article (a page note): on no passage, with no quote or position.
    #[serde(default)]
    pub whole_article: bool,
    /// The note this one answers (a reply, in that note's thread), by id.
    #[serde(default)]
    pub parent: Option<String>,
    /// The web address the annotation was made on (Hypothesis's `uri`), when it came from one.
    #[serde(default)]
    pub uri: Option<String>,
}

impl Annotation {
    /// Whether it is drawn over a passage: neither a note on the whole article nor a reply.
    pub fn on_passage(&self) -> bool {
        !self.whole_article && self.parent.is_none()
    }
}

/// Which annotations to list.
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct Filter {
    pub article: Option<String>,
    pub tag: Option<String>,
    pub status: Option<Status>,
}

const COLUMNS: &str = "id, article, quote, prefix, suffix, start, end, note, color, status, \
     confidence, created, modified, whole_article, parent, uri";

fn from_row(r: &Row) -> rusqlite::Result<Annotation> {
    let status: String = r.get(9)?;
    Ok(Annotation {
        id: r.get(0)?,
        article: r.get(1)?,
        quote: r.get(2)?,
        prefix: r.get(3)?,
        suffix: r.get(4)?,
        start: r.get(5)?,
        end: r.get(6)?,
        note: r.get(7)?,
        html: String::new(),
        tags: Vec::new(),
        color: r.get(8)?,
        status: Status::parse(&status).unwrap_or(Status::Orphaned),
        confidence: r.get(10)?,
        created: r.get(11)?,
        modified: r.get(12)?,
        whole_article: r.get(13)?,
        parent: r.get(14)?,
        uri: r.get(15)?,
    })
}

/// A note's Markdown as sanitized HTML, by the articles' pipeline (no images: a note has no
/// folder of its own), then without ids and classes: a note is shown beside its article, whose
/// ids (`fn-1`) its own footnotes would repeat.
pub fn note_html(markdown: &str) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let none = ImageBase {
        roots: &Roots::none(),
        dir: "",
    };
    plain_note(&markdown::render(markdown, &none).html)
}

/// Rendered HTML made a note's: ammonia's defaults (no ids, no classes) and no image source,
/// so an image in a note shows its alt text on every platform. The defaults alone dropped the
/// media address of Linux and macOS (`lectern-media:`) but kept Windows' (`http://`, see
/// [`crate::media_url`]).
fn plain_note(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tag_attributes("img", &["src"]);
        b
    });
    CLEANER.clean(html).to_string()
}

/// `a` with its tags (its note's HTML is left to the caller, to render only what is shown).
fn with_tags(conn: &Connection, mut a: Annotation) -> Result<Annotation> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM tags WHERE annotation = ?1 ORDER BY tag")?;
    a.tags = stmt
        .query_map([&a.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(a)
}

/// Inserts or replaces `a` with its tags; `text_hash` is the article text it was placed in.
pub fn upsert_annotation(conn: &Connection, a: &Annotation, text_hash: &str) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO annotations ({COLUMNS}, text_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
    ))?
    .execute(params![
        a.id,
        a.article,
        a.quote,
        a.prefix,
        a.suffix,
        a.start,
        a.end,
        a.note,
        a.color,
        a.status.name(),
        a.confidence,
        a.created,
        a.modified,
        a.whole_article,
        a.parent,
        a.uri,
        text_hash
    ])?;
    conn.prepare_cached("DELETE FROM tags WHERE annotation = ?1")?
        .execute([&a.id])?;
    for tag in &a.tags {
        conn.prepare_cached("INSERT OR IGNORE INTO tags (annotation, tag) VALUES (?1, ?2)")?
            .execute(params![a.id, tag])?;
    }
    Ok(())
}

pub fn get_annotation(conn: &Connection, id: &str) -> Result<Option<Annotation>> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM annotations WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?;
    found.map(|a| with_tags(conn, a)).transpose()
}

/// Annotations matching `filter`, in article order, then by position.
pub fn list_annotations(conn: &Connection, filter: &Filter) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM annotations a
         WHERE (?1 IS NULL OR article = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.annotation = a.id AND t.tag = ?2))
           AND (?3 IS NULL OR status = ?3)
         ORDER BY article, start, created"
    ))?;
    let rows = stmt.query_map(
        params![filter.article, filter.tag, filter.status.map(Status::name)],
        from_row,
    )?;
    let list: Vec<Annotation> = rows.collect::<rusqlite::Result<_>>()?;
    list.into_iter().map(|a| with_tags(conn, a)).collect()
}

/// Deletes an annotation; whether there was one.
pub fn delete_annotation(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM annotations WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// Annotations on passages of `article` placed in another text than `text_hash`.
pub fn list_stale(conn: &Connection, article: &str, text_hash: &str) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM annotations
         WHERE article = ?1 AND text_hash <> ?2 AND whole_article = 0 AND parent IS NULL"
    ))?;
    let rows = stmt.query_map(params![article, text_hash], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The replies in the threads of the notes `roots` (replies to them, and to those replies),
/// the oldest first.
pub fn list_replies(conn: &Connection, roots: &[String]) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH RECURSIVE thread(id) AS (
             SELECT id FROM annotations WHERE parent IN (SELECT value FROM json_each(?1))
             UNION
             SELECT a.id FROM annotations a JOIN thread t ON a.parent = t.id
         )
         SELECT {COLUMNS} FROM annotations WHERE id IN thread ORDER BY created, id"
    ))?;
    let roots = serde_json::to_string(roots)?;
    let list: Vec<Annotation> = stmt
        .query_map([roots], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    list.into_iter().map(|a| with_tags(conn, a)).collect()
}

/// Records where re-anchoring placed an annotation.
pub fn update_place(conn: &Connection, id: &str, p: &Placed, text_hash: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE annotations SET start = ?2, end = ?3, status = ?4, confidence = ?5, text_hash = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.start,
        p.end,
        p.status.name(),
        p.confidence,
        text_hash
    ])?;
    Ok(())
}

/// Makes every annotation of a deleted article an orphan.
pub fn orphan_article(conn: &Connection, article: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE annotations SET status = 'orphaned', confidence = 0, text_hash = ''
             WHERE article = ?1 AND status <> 'orphaned'",
        )?
        .execute([article])?)
}

#[cfg(test)]
mod tests {
    use super::{note_html, plain_note};
    use crate::media_url::Webview;

    /// A note has no folder of its own: an image in it keeps its alt text and no source, in
    /// either webview's form of media address.
    #[test]
    fn a_notes_images_show_their_alt_text_on_every_platform() {
        for webview in Webview::ALL {
            let url = webview.media_url("articles/images/map.png");
            let html = plain_note(&format!("<p><img src=\"{url}\" alt=\"map\"></p>"));
            assert_eq!(html, "<p><img alt=\"map\"></p>", "{webview:?}");
        }
        let html = note_html("![map](articles/images/map.png)");
        assert!(
            html.contains("alt=\"map\"") && !html.contains("src="),
            "{html}"
        );
    }

    #[test]
    fn a_notes_html_takes_no_ids_its_article_has() {
        let html =
            note_html("See the *date*.[^1]\n\n[^1]: In the minutes.\n\n<span id=\"main\">x</span>");
        assert!(html.contains("<em>date</em>"), "{html}");
        assert!(html.contains("In the minutes."), "{html}");
        assert!(!html.contains("id="), "{html}");
        assert!(!html.contains("class="), "{html}");
    }
}
