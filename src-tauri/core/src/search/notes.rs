//! The reader's notes in the one search: an index in memory over their quotes, notes and tags,
//! with the library index's schema (so one query plan serves both), rebuilt whenever the notes
//! have changed since it was built. A library has hundreds or thousands of notes, not millions:
//! rebuilding takes milliseconds.

use super::document::SearchDoc;
use super::index::SearchIndex;
use super::query::SearchKind;
use crate::error::Result;
use crate::notes::{Annotation, Filter, Notes};
use std::collections::HashMap;

/// What a note hit shows.
pub struct NoteHit {
    pub title: String,
    pub date: String,
    /// The quote, then the note.
    pub text: String,
}

pub struct NotesIndex {
    pub generation: u64,
    pub index: SearchIndex,
    /// By document id (`article/annotation-id`).
    pub texts: HashMap<String, NoteHit>,
}

/// A note's id in search results: its article's slug and its own id, `slug/urn:uuid:…`.
pub fn hit_id(a: &Annotation) -> String {
    format!("{}/{}", a.article, a.id)
}

/// Indexes every note; `titles` are the articles' titles by slug.
pub fn build(notes: &Notes, titles: &HashMap<String, String>) -> Result<NotesIndex> {
    let generation = notes.generation();
    let all = notes.list_notes(&Filter::default())?;
    let index = SearchIndex::open(None)?;
    let mut texts = HashMap::new();
    let docs: Vec<SearchDoc> = all
        .iter()
        .map(|a| {
            let id = hit_id(a);
            let title = titles
                .get(&a.article)
                .cloned()
                .unwrap_or_else(|| a.article.clone());
            let text = if a.note.is_empty() {
                a.quote.clone()
            } else {
                format!("{} — {}", a.quote, a.note)
            };
            texts.insert(
                id.clone(),
                NoteHit {
                    title: format!("Note on {title}"),
                    date: a.created.chars().take(10).collect(),
                    text: text.clone(),
                },
            );
            SearchDoc {
                named: Vec::new(),
                kind: SearchKind::Note,
                id,
                title: String::new(),
                heads: a.tags.join(" ; "),
                author: String::new(),
                series: String::new(),
                body: text,
                summary: String::new(),
                year_from: None,
                year_to: None,
            }
        })
        .collect();
    index.fill(&docs)?;
    Ok(NotesIndex {
        generation,
        index,
        texts,
    })
}
