//! The Notes view's list, bounded: the reader's filters applied to every note's few columns,
//! the order chosen, and then only the page shown read in full (with tags, and the replies
//! in each note's thread). A reply is listed under the note it answers, not as a row of its
//! own (unless that note is gone). What the filters can choose from (the articles and tags
//! in use) is asked for apart.

use super::anchor::Status;
use super::annotations::{self, Annotation};
use crate::error::Result;
use crate::words::folded;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// The highlight colours the app offers; any other colour is drawn (and chosen) as yellow.
pub const COLORS: [&str; 5] = ["yellow", "green", "blue", "pink", "purple"];

/// How the list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum NotesSort {
    /// Newest first, then by place in the article.
    #[default]
    Newest,
    /// By the article's title, then by place in it.
    Article,
}

/// Which notes to list, in what order, and which page of them.
#[derive(Debug, Clone, Default, Deserialize, Type)]
#[serde(default)]
pub struct NotesQuery {
    pub article: Option<String>,
    pub tag: Option<String>,
    pub color: Option<String>,
    pub status: Option<Status>,
    /// Words to find in the quote, the note or the tags, as names are compared (case and
    /// accents aside); every word must be there.
    pub text: Option<String>,
    /// Made on or after this day (`YYYY-MM-DD`), and on or before `to`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: NotesSort,
    pub offset: u32,
    pub limit: u32,
}

/// A page of the notes a query leaves, and how many it leaves in all.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NotesPage {
    pub total: u32,
    pub notes: Vec<Annotation>,
    /// The replies in the threads of `notes` (each names the note it answers), oldest first.
    pub replies: Vec<Annotation>,
    /// The titles of the page's articles, by slug (an article the library lacks has none).
    pub titles: HashMap<String, String>,
}

/// A note's columns the filters and the order need: what is read of every note.
#[derive(Debug, Clone)]
pub struct Brief {
    pub id: String,
    pub article: String,
    pub start: u32,
    pub created: String,
}

/// The colour a note is drawn in: its own when known, yellow otherwise.
pub fn shown_color(color: &str) -> &str {
    if COLORS.contains(&color) {
        color
    } else {
        COLORS[0]
    }
}

/// `s` unless it is missing or blank.
fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

/// Notes that head a thread: no reply, or a reply to a note that is gone.
const THREAD_HEAD: &str =
    "(a.parent IS NULL OR NOT EXISTS (SELECT 1 FROM annotations p WHERE p.id = a.parent))";

/// The notes `q` leaves (its filters, not its order or page).
pub fn find(conn: &Connection, q: &NotesQuery) -> Result<Vec<Brief>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.article, a.start, a.created, a.color,
                -- The texts the words are looked for in, read only when there are words.
                CASE WHEN ?6 THEN a.quote END, CASE WHEN ?6 THEN a.note END,
                CASE WHEN ?6 THEN (SELECT group_concat(tag, ' ') FROM tags t WHERE t.annotation = a.id) END,
                -- A thread is found by the words of its replies too (the UI replies to a
                -- thread's head, so a reply's parent is the head).
                CASE WHEN ?6 THEN (SELECT group_concat(r.note, char(10)) FROM annotations r
                                   WHERE r.parent = a.id AND r.id <> a.id) END
         FROM annotations a
         WHERE (?1 IS NULL OR a.article = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.annotation = a.id AND t.tag = ?2))
           AND (?3 IS NULL OR a.status = ?3)
           AND (?4 IS NULL OR substr(a.created, 1, 10) >= ?4)
           AND (?5 IS NULL OR substr(a.created, 1, 10) <= ?5)
           AND {THREAD_HEAD}"
    ))?;
    let words: Vec<String> = nonempty(&q.text)
        .map(|t| {
            folded(t)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let color = nonempty(&q.color);
    let mut found = Vec::new();
    let mut rows = stmt.query(params![
        nonempty(&q.article),
        nonempty(&q.tag),
        q.status.map(Status::name),
        nonempty(&q.from),
        nonempty(&q.to),
        !words.is_empty()
    ])?;
    while let Some(r) = rows.next()? {
        if let Some(c) = color {
            if shown_color(&r.get::<_, String>(4)?) != c {
                continue;
            }
        }
        if !words.is_empty() {
            let quote: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
            let note: String = r.get::<_, Option<String>>(6)?.unwrap_or_default();
            let tags: Option<String> = r.get(7)?;
            let replies: Option<String> = r.get(8)?;
            let hay = folded(&format!(
                "{quote}\n{note}\n{}\n{}",
                tags.unwrap_or_default(),
                replies.unwrap_or_default()
            ));
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                continue;
            }
        }
        found.push(Brief {
            id: r.get(0)?,
            article: r.get(1)?,
            start: r.get(2)?,
            created: r.get(3)?,
        });
    }
    Ok(found)
}

/// Orders `found` as `sort` says; `titles` names the articles (a slug stands for a title it lacks).
pub fn order(found: &mut [Brief], sort: NotesSort, titles: &HashMap<String, String>) {
    match sort {
        NotesSort::Newest => found.sort_by(|a, b| {
            b.created
                .cmp(&a.created)
                .then(a.start.cmp(&b.start))
                .then(a.id.cmp(&b.id))
        }),
        NotesSort::Article => {
            let title = |b: &Brief| titles.get(&b.article).unwrap_or(&b.article).to_lowercase();
            found.sort_by_cached_key(|b| (title(b), b.article.clone(), b.start, b.id.clone()));
        }
    }
}

/// The page `q` asks for of `found` (already ordered), read in full (its titles still to name).
pub fn page(conn: &Connection, found: &[Brief], q: &NotesQuery) -> Result<NotesPage> {
    let from = (q.offset as usize).min(found.len());
    let to = from.saturating_add(q.limit as usize).min(found.len());
    let notes: Vec<Annotation> = found[from..to]
        .iter()
        .filter_map(|b| annotations::get_annotation(conn, &b.id).transpose())
        .collect::<Result<_>>()?;
    let ids: Vec<String> = notes.iter().map(|a| a.id.clone()).collect();
    Ok(NotesPage {
        total: u32::try_from(found.len()).unwrap_or(u32::MAX),
        notes,
        replies: annotations::list_replies(conn, &ids)?,
        titles: HashMap::new(),
    })
}

/// What the filters can choose from: every article with notes (and how many), every tag in use.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NotesFacets {
    /// Every note.
    pub total: u32,
    /// Articles with notes, by title.
    pub articles: Vec<NotedArticle>,
    /// Tags in use, by name (case aside).
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct NotedArticle {
    pub slug: String,
    /// The article's title, or its slug when the library no longer has it.
    pub title: String,
    pub count: u32,
}

/// The articles with notes, each with how many (threads, as the list counts them).
pub fn noted_articles(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT article, count(*) FROM annotations a WHERE {THREAD_HEAD}
         GROUP BY article ORDER BY article"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
