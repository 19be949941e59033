//! Mentions: where articles name people and organizations. Found at import by the
//! [`linker`] and stored per article and entity; read back for entity pages, the CLI and the
//! article view's links.

pub mod linker;
mod record;
mod snippets;

use crate::db::{articles, entries, mentions as table, meta};
use crate::error::Result;
use crate::model::Kind;
use linker::{Found, Linker, Names};
use rayon::prelude::*;
use rusqlite::Connection;
use serde::Serialize;
use snippets::snippets;
use specta::Type;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Articles linked at once, on every core.
const BATCH: usize = 256;

/// Every person's and organization's names, as the linker takes them.
pub fn load_names(conn: &Connection) -> Result<Vec<Names>> {
    Ok(entries::list_names(conn)?
        .into_iter()
        .map(|r| Names {
            kind: r.kind,
            id: r.id,
            name: r.name,
            aliases: r.aliases,
            safe_aliases: r.safe_aliases,
        })
        .collect())
}

/// Whether the articles were ever linked (an import before mentions existed did not).
pub fn linked(conn: &Connection) -> Result<bool> {
    meta::has_linker_fingerprint(conn)
}

/// The linker for the library's names as they stand (inside an import: after the people and
/// organizations were imported, before the articles).
pub fn linker(conn: &Connection) -> Result<Linker> {
    Ok(Linker::new(&load_names(conn)?))
}

/// The people and organizations article `id` names, as `kind/id`, from its stored record.
pub fn named_in_article(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let data = table::get_mentions(conn, id)?.unwrap_or_default();
    Ok(record::parts(&data)
        .into_iter()
        .map(|p| format!("{}/{}", p.kind, p.id))
        .collect())
}

/// The people and organizations `text` names, as `kind/id`.
pub fn named_in_text(linker: &Linker, text: &str) -> Vec<String> {
    let mut found: Vec<usize> = linker.find(text).into_iter().map(|f| f.entity).collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|i| {
            let e = &linker.entities()[i];
            format!("{}/{}", e.kind.name(), e.id)
        })
        .collect()
}

/// Stores the names `found` in article `id` (replacing what was stored for it).
pub fn store(conn: &Connection, linker: &Linker, id: &str, found: &[Found]) -> Result<()> {
    if found.is_empty() {
        return table::delete_mentions(conn, id);
    }
    let mut by_entity: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for f in found {
        by_entity
            .entry(f.entity)
            .or_default()
            .push((f.start, f.end));
    }
    let mut data = Vec::new();
    for (entity, ranges) in by_entity {
        let e = &linker.entities()[entity];
        record::push(&mut data, e.kind.name(), &e.id, &ranges);
    }
    table::upsert_mentions(conn, id, &data)
}

/// Ends an import: when anyone's names changed since the last one, the articles this import
/// did not read (`changed` lists those it did) are linked again from their stored text.
pub fn finish(conn: &Connection, linker: &Linker, changed: &[(Kind, String)]) -> Result<()> {
    let known = meta::get_linker_fingerprint(conn)?;
    if known.as_deref() == Some(linker.fingerprint()) {
        return Ok(());
    }
    let fresh: HashSet<&str> = changed
        .iter()
        .filter(|(k, _)| *k == Kind::Article)
        .map(|(_, id)| id.as_str())
        .collect();
    // Ids first: reading the texts this import just wrote would be slow and is not needed.
    let stale: Vec<String> = articles::list_article_ids(conn)?
        .into_iter()
        .filter(|id| !fresh.contains(id.as_str()))
        .collect();
    let mut batch: Vec<(String, String)> = Vec::with_capacity(BATCH);
    for id in stale {
        let text = articles::get_article_text(conn, &id)?;
        batch.push((id, text));
        if batch.len() == BATCH {
            link(conn, linker, &mut batch)?;
        }
    }
    link(conn, linker, &mut batch)?;
    meta::set_linker_fingerprint(conn, linker.fingerprint())
}

/// Links a batch of `(id, text)` on every core and stores what it found.
fn link(conn: &Connection, linker: &Linker, batch: &mut Vec<(String, String)>) -> Result<()> {
    let found: Vec<Vec<Found>> = batch
        .par_iter()
        .map(|(_, text)| linker.find(text))
        .collect();
    for ((id, _), found) in batch.iter().zip(found) {
        store(conn, linker, id, &found)?;
    }
    batch.clear();
    Ok(())
}

/// One article's mentions of an entity: how many, and the sentences that hold them.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ArticleMentions {
    pub article: String,
    pub title: String,
    pub date: Option<String>,
    pub count: u32,
    pub snippets: Vec<MentionSnippet>,
}

/// A sentence with the mention in it; `start`..`end` is the name, in UTF-16 code units
/// (what the UI's strings count).
#[derive(Debug, Clone, Serialize, Type)]
pub struct MentionSnippet {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// Every article that names an entity, the most mentions first, then the newest; with the
/// sentences for the first `limit` of them (all when `None`).
/// An article naming an entity: its slug, date key and the ranges of the mentions.
type Naming = (String, Option<i64>, Vec<(usize, usize)>);

#[derive(Debug, Clone, Serialize, Type)]
pub struct Mentions {
    /// Articles that name the entity, and mentions in them all.
    pub articles: u32,
    pub count: u32,
    /// The articles listed, at most `limit`.
    pub list: Vec<ArticleMentions>,
}

pub fn of_entity(
    conn: &Connection,
    kind: Kind,
    id: &str,
    limit: Option<usize>,
) -> Result<Mentions> {
    let marker = record::marker(kind.name(), id);
    // Counts from the records alone; texts only for the articles listed.
    let mut found: Vec<Naming> = Vec::new();
    table::for_each_mentions_with(conn, &marker, |article, data, date_key| {
        let ranges = record::parts(data)
            .into_iter()
            .find(|p| p.kind == kind.name() && p.id == id)
            .map(|p| p.ranges)
            .unwrap_or_default();
        if !ranges.is_empty() {
            found.push((article, date_key, ranges));
        }
    })?;
    found.sort_by(|(a, da, ra), (b, db, rb)| {
        rb.len().cmp(&ra.len()).then(db.cmp(da)).then(a.cmp(b))
    });
    let total = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let count = total(found.iter().map(|(_, _, r)| r.len()).sum());
    let articles = total(found.len());
    let mut list = Vec::new();
    for (article, _, ranges) in found.into_iter().take(limit.unwrap_or(usize::MAX)) {
        let articles::TitledText { title, date, text } = articles::get_titled_text(conn, &article)?;
        list.push(ArticleMentions {
            article,
            title,
            date,
            count: total(ranges.len()),
            snippets: snippets(&text, &ranges),
        });
    }
    Ok(Mentions {
        articles,
        count,
        list,
    })
}

/// A mention in an article, for the article view's links: the range in UTF-16 code units of
/// the article's plain text.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MentionLink {
    pub start: u32,
    pub end: u32,
    pub kind: String,
    pub id: String,
    pub name: String,
}

/// Display names of people and of organizations, by id (what `list_titles` gives).
pub struct Titles<'a> {
    pub people: &'a HashMap<String, String>,
    pub organizations: &'a HashMap<String, String>,
}

/// Every mention in an article's plain `text`, in order, named from `titles`.
pub fn in_article(
    conn: &Connection,
    slug: &str,
    text: &str,
    titles: &Titles,
) -> Result<Vec<MentionLink>> {
    let data = table::get_mentions(conn, slug)?.unwrap_or_default();
    let mut bytes: Vec<(usize, usize, String, String)> = Vec::new();
    for part in record::parts(&data) {
        bytes.extend(
            part.ranges
                .iter()
                .map(|&(s, e)| (s, e, part.kind.to_owned(), part.id.to_owned())),
        );
    }
    bytes.sort();
    let mut utf16 = Utf16::new(text);
    Ok(bytes
        .into_iter()
        .filter(|(s, e, _, _)| {
            *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .map(|(s, e, kind, id)| MentionLink {
            start: utf16.at(s),
            end: utf16.at(e),
            name: if kind == Kind::Organization.name() {
                titles.organizations
            } else {
                titles.people
            }
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.clone()),
            kind,
            id,
        })
        .collect())
}

/// Byte offsets to UTF-16 offsets, for offsets visited in increasing order.
struct Utf16<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16<'a> {
    fn new(text: &'a str) -> Self {
        Utf16 {
            text,
            byte: 0,
            unit: 0,
        }
    }

    fn at(&mut self, byte: usize) -> u32 {
        if byte < self.byte {
            (self.byte, self.unit) = (0, 0);
        }
        let more: usize = self.text[self.byte..byte]
            .chars()
            .map(char::len_utf16)
            .sum();
        self.unit += u32::try_from(more).unwrap_or(u32::MAX);
        self.byte = byte;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units() {
        let mut u = Utf16::new("a€𝄞b");
        assert_eq!(u.at(1), 1);
        assert_eq!(u.at(4), 2);
        assert_eq!(u.at(8), 4);
    }
}
