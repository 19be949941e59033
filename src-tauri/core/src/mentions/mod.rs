//! Mentions: where articles name people and organizations. Found at import by the
//! [`linker`] and stored per article and entity; read back for entity pages, the CLI and the
//! article view's links.

pub mod linker;
mod record;

use crate::error::Result;
use crate::model::Kind;
use linker::{Found, Linker, Names};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Articles linked at once, on every core.
const BATCH: usize = 256;
/// Sentences shown per article on an entity's page.
const SENTENCES: usize = 8;
/// A sentence longer than this is cut around the mention, in bytes.
const SENTENCE_MAX: usize = 320;

/// Every person's and organization's names, as the linker takes them.
pub fn load_names(conn: &Connection) -> Result<Vec<Names>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, id, title, json_extract(data, '$.aliases'), json_extract(data, '$.safe_aliases')
         FROM entries WHERE kind IN ('person', 'organization') ORDER BY kind, id",
    )?;
    let list = |json: Option<String>| -> Vec<String> {
        json.and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    };
    let rows = stmt.query_map([], |r| {
        Ok(Names {
            kind: Kind::from_name(&r.get::<_, String>(0)?).unwrap_or(Kind::Person),
            id: r.get(1)?,
            name: r.get(2)?,
            aliases: list(r.get(3)?),
            safe_aliases: list(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether the articles were ever linked (an import before mentions existed did not).
pub fn linked(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM meta WHERE key = 'linker'", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The linker for the library's names as they stand (inside an import: after the people and
/// organizations were imported, before the articles).
pub fn linker(conn: &Connection) -> Result<Linker> {
    Ok(Linker::new(&load_names(conn)?))
}

/// Stores the names `found` in article `id` (replacing what was stored for it).
pub fn store(conn: &Connection, linker: &Linker, id: &str, found: &[Found]) -> Result<()> {
    if found.is_empty() {
        conn.prepare_cached("DELETE FROM mentions WHERE article = ?1")?
            .execute([id])?;
        return Ok(());
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
    conn.prepare_cached("INSERT OR REPLACE INTO mentions (article, data) VALUES (?1, ?2)")?
        .execute(params![id, data])?;
    Ok(())
}

/// Ends an import: when anyone's names changed since the last one, the articles this import
/// did not read (`changed` lists those it did) are linked again from their stored text.
pub fn finish(conn: &Connection, linker: &Linker, changed: &[(Kind, String)]) -> Result<()> {
    let known: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'linker'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if known.as_deref() == Some(linker.fingerprint()) {
        return Ok(());
    }
    let fresh: HashSet<&str> = changed
        .iter()
        .filter(|(k, _)| *k == Kind::Article)
        .map(|(_, id)| id.as_str())
        .collect();
    // Ids first: reading the texts this import just wrote would be slow and is not needed.
    let stale: Vec<String> = conn
        .prepare("SELECT id FROM entries WHERE kind = 'article'")?
        .query_map([], |r| r.get(0))?
        .filter(|id| {
            id.as_ref()
                .map_or(true, |id: &String| !fresh.contains(id.as_str()))
        })
        .collect::<Result<_, _>>()?;
    let mut batch: Vec<(String, String)> = Vec::with_capacity(BATCH);
    for id in stale {
        let text: String = conn
            .prepare_cached("SELECT text FROM entries WHERE kind = 'article' AND id = ?1")?
            .query_row([&id], |r| r.get(0))?;
        batch.push((id, text));
        if batch.len() == BATCH {
            link(conn, linker, &mut batch)?;
        }
    }
    link(conn, linker, &mut batch)?;
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('linker', ?1)",
        [linker.fingerprint()],
    )?;
    Ok(())
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
    let mut stmt = conn.prepare_cached(
        "SELECT m.article, m.data, e.date_key
         FROM mentions m JOIN entries e ON e.kind = 'article' AND e.id = m.article
         WHERE instr(m.data, ?1) > 0",
    )?;
    let rows = stmt.query_map([&marker], |r| {
        let data: Vec<u8> = r.get(1)?;
        let ranges = record::parts(&data)
            .into_iter()
            .find(|p| p.kind == kind.name() && p.id == id)
            .map(|p| p.ranges)
            .unwrap_or_default();
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(2)?, ranges))
    })?;
    let mut found: Vec<Naming> = rows
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|(_, _, r)| !r.is_empty())
        .collect();
    found.sort_by(|(a, da, ra), (b, db, rb)| {
        rb.len().cmp(&ra.len()).then(db.cmp(da)).then(a.cmp(b))
    });
    let total = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let count = total(found.iter().map(|(_, _, r)| r.len()).sum());
    let articles = total(found.len());
    let mut list = Vec::new();
    for (article, _, ranges) in found.into_iter().take(limit.unwrap_or(usize::MAX)) {
        let (title, date, text): (String, Option<String>, String) = conn
            .prepare_cached(
                "SELECT title, date, text FROM entries WHERE kind = 'article' AND id = ?1",
            )?
            .query_row([&article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
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
    let data: Vec<u8> = conn
        .prepare_cached("SELECT data FROM mentions WHERE article = ?1")?
        .query_row([slug], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
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

/// The distinct sentences holding the mentions, in text order, at most [`SENTENCES`].
fn snippets(text: &str, ranges: &[(usize, usize)]) -> Vec<MentionSnippet> {
    let mut out: Vec<MentionSnippet> = Vec::new();
    let mut last_sentence = None;
    for &(s, e) in ranges {
        if e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let (from, to) = sentence(text, s, e);
        if last_sentence == Some((from, to)) {
            continue;
        }
        last_sentence = Some((from, to));
        let units = |a: usize, b: usize| -> u32 {
            u32::try_from(text[a..b].chars().map(char::len_utf16).sum::<usize>()).unwrap_or(0)
        };
        // An ellipsis where the snippet cuts a sentence, not where the sentence begins or ends.
        let ends = |t: &str| t.is_empty() || t.ends_with(['.', '!', '?', '\n']);
        let lead = if ends(text[..from].trim_end_matches(' ')) {
            ""
        } else {
            "…"
        };
        let whole_end = to == text.len()
            || text[to..].starts_with('\n')
            || text[..to].ends_with(['.', '!', '?', '"', '”', '’']);
        let tail = if whole_end { "" } else { "…" };
        let lead_units = u32::try_from(lead.encode_utf16().count()).unwrap_or(0);
        out.push(MentionSnippet {
            text: format!("{lead}{}{tail}", &text[from..to]),
            start: lead_units + units(from, s),
            end: lead_units + units(from, e),
        });
        if out.len() == SENTENCES {
            break;
        }
    }
    out
}

/// The sentence around `start..end`: from after the previous sentence end or line break to
/// the next, cut to [`SENTENCE_MAX`] bytes around the mention at word boundaries.
fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let before = &text[..start];
    let mut from = before
        .rmatch_indices(['.', '!', '?', '\n'])
        .find(|(i, m)| *m == "\n" || ends_sentence(text, *i))
        .map_or(0, |(i, _)| i + 1);
    from += text[from..start].len() - text[from..start].trim_start().len();
    let after = &text[end..];
    let mut to = after
        .match_indices(['.', '!', '?', '\n'])
        .find(|(i, m)| *m == "\n" || ends_sentence(text, end + i))
        .map_or(text.len(), |(i, m)| end + i + usize::from(m != "\n"));
    let half = SENTENCE_MAX / 2;
    if start - from > half {
        from = floor_word(text, start - half);
    }
    if to - end > half {
        to = ceil_word(text, end + half);
    }
    (from, to)
}

/// Whether the `.`, `!` or `?` at byte `i` ends a sentence: followed by a space or the end,
/// and not an initial (`E.H. Carr`).
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return false;
    }
    let mut before = text[..i].chars().rev();
    let initial = matches!(
        (before.next(), before.next()),
        (Some(c), p) if c.is_uppercase() && p.is_none_or(|p| !p.is_alphanumeric())
    );
    !(text.as_bytes()[i] == b'.' && initial)
}

fn floor_word(text: &str, at: usize) -> usize {
    let mut i = at;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    text[i..].find(' ').map_or(i, |ws| i + ws + 1)
}

fn ceil_word(text: &str, at: usize) -> usize {
    let mut i = at;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    text[..i].rfind(' ').unwrap_or(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_the_sentences_with_the_mention_marked_in_utf16() {
        let text =
            "First one. Then E. H. Münzenberg’s aid came — Münzenberg again. Last.\nNext line";
        let s = text.find("Münzenberg").unwrap();
        let s2 = text.rfind("Münzenberg").unwrap();
        let n = "Münzenberg".len();
        let got = snippets(text, &[(s, s + n), (s2, s2 + n)]);
        assert_eq!(
            got.len(),
            1,
            "two mentions in one sentence give one snippet"
        );
        assert_eq!(
            got[0].text,
            "Then E. H. Münzenberg’s aid came — Münzenberg again."
        );
        let units: Vec<u16> = got[0].text.encode_utf16().collect();
        let name = String::from_utf16(&units[got[0].start as usize..got[0].end as usize]).unwrap();
        assert_eq!(name, "Münzenberg");
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let mut u = Utf16::new("a€𝄞b");
        assert_eq!(u.at(1), 1);
        assert_eq!(u.at(4), 2);
        assert_eq!(u.at(8), 4);
    }
}
