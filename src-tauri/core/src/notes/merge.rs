//! Merging annotations from a file into notes.sqlite by id: a new id is added, a known one
//! replaced only when the incoming copy was modified later, so importing the same file twice
//! changes nothing. Each annotation on a passage is placed anew by its quote in the article's
//! text as the library has it now (never at a position a file merely claims); a note on the
//! whole article and a reply are not placed; an annotation on an article the library lacks is
//! kept as an orphan. Each article's annotations are written in one transaction, each one
//! added or replaced with its sync record.

use super::anchor::{self, Prepared, Quote, Status};
use super::annotations::{self, Annotation};
use super::exchange::Unreadable;
use super::hypothesis::Unmatched;
use super::{limits, text_hash, Notes};
use crate::error::Result;
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;

/// What an import of annotations did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct Merged {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Annotations (from Hypothesis) that were not imported: on pages that are none of the
    /// library's articles, or replies to notes that are nowhere; each with why.
    pub unmatched: Vec<Unmatched>,
    /// Annotations in the file that could not be read, each with what is wrong with it.
    pub unreadable: Vec<Unreadable>,
}

/// An annotation to merge, with its place among the file's annotations (from 1).
pub struct Incoming {
    pub item: u32,
    pub annotation: Annotation,
}

/// Where an incoming annotation on a passage goes in `text`.
fn place(text: &Prepared, a: &Annotation) -> anchor::Placed {
    let quote = Quote {
        exact: a.quote.clone(),
        prefix: a.prefix.clone(),
        suffix: a.suffix.clone(),
    };
    if a.status == Status::Fuzzy {
        // A fuzzy placement made in this very text is kept as it was, with its confidence.
        if let Some(p) = text.keep(&quote, a.start, a.end, a.confidence) {
            return p;
        }
    }
    if a.start == a.end {
        // No position (a file with the quote alone): placed, not moved.
        text.place_quote(&quote)
    } else {
        text.reanchor(&quote, a.start, a.end)
    }
}

impl Notes {
    /// The article of each reply that names none: its parent's, from the same import or from
    /// the notes kept. The replies whose parent is nowhere are taken out and returned, each
    /// with why.
    pub fn resolve_threads(&self, incoming: &mut Vec<Incoming>) -> Result<Vec<(Incoming, String)>> {
        let mut article_of: HashMap<String, String> = incoming
            .iter()
            .filter(|i| !i.annotation.article.is_empty())
            .map(|i| (i.annotation.id.clone(), i.annotation.article.clone()))
            .collect();
        let mut lost = Vec::new();
        let mut kept = Vec::with_capacity(incoming.len());
        // A reply may answer a reply: a few rounds settle threads in any order.
        let mut pending: Vec<Incoming> = std::mem::take(incoming);
        for _ in 0..8 {
            let before = pending.len();
            for mut i in std::mem::take(&mut pending) {
                let a = &mut i.annotation;
                match (&a.parent, a.article.is_empty()) {
                    (Some(parent), true) => match article_of.get(parent) {
                        Some(article) => {
                            a.article = article.clone();
                            article_of.insert(a.id.clone(), article.clone());
                            kept.push(i);
                        }
                        None => pending.push(i),
                    },
                    _ => kept.push(i),
                }
            }
            if pending.is_empty() || pending.len() == before {
                break;
            }
        }
        let conn = self.conn()?;
        for mut i in pending {
            let parent = i.annotation.parent.clone().unwrap_or_default();
            match annotations::get_annotation(&conn, &parent)? {
                Some(p) => {
                    i.annotation.article = p.article;
                    kept.push(i);
                }
                None => lost.push((
                    i,
                    format!(
                        "a reply to `{parent}`, which is neither in the file nor among your notes"
                    ),
                )),
            }
        }
        *incoming = kept;
        Ok(lost)
    }

    /// Merges `incoming` by id (see the module's doc); `text_of` gives an article's current
    /// text. Annotations that cannot be kept (see [`limits::admit`]) are reported as
    /// unreadable.
    pub fn merge(
        &self,
        incoming: Vec<Incoming>,
        text_of: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Merged> {
        let mut merged = Merged::default();
        // By article, in the order they first come, so each text is read and folded once.
        let mut by_article: Vec<(String, Vec<Annotation>)> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        for Incoming {
            item,
            annotation: a,
        } in incoming
        {
            let refused = limits::admit(&a).err().or_else(|| {
                a.article
                    .is_empty()
                    .then(|| "no article: the target names none of the library's".to_owned())
            });
            if let Some(reason) = refused {
                merged.unreadable.push(Unreadable {
                    item,
                    id: Some(a.id),
                    reason,
                });
                continue;
            }
            let at = *slot.entry(a.article.clone()).or_insert_with(|| {
                by_article.push((a.article.clone(), Vec::new()));
                by_article.len() - 1
            });
            by_article[at].1.push(a);
        }
        for (article, list) in by_article {
            // The article's text is read before the notes are locked (a search holds the
            // library, then reads the notes): one transaction per article.
            let text = text_of(&article);
            let prepared = text.as_deref().map(Prepared::new);
            let hash = text.as_deref().map(text_hash).unwrap_or_default();
            let mut conn = self.conn()?;
            let tx = conn.transaction()?;
            for mut a in list {
                let known = annotations::get_annotation(&tx, &a.id)?;
                if known.as_ref().is_some_and(|k| k.modified >= a.modified) {
                    merged.unchanged += 1;
                    continue;
                }
                match &prepared {
                    Some(text) if a.on_passage() => {
                        let p = place(text, &a);
                        (a.start, a.end, a.status, a.confidence) =
                            (p.start, p.end, p.status, p.confidence);
                    }
                    Some(_) => {
                        (a.start, a.end, a.status, a.confidence) = (0, 0, Status::Anchored, 1.0);
                    }
                    None => a.status = Status::Orphaned,
                }
                annotations::upsert_annotation(&tx, &a, &hash)?;
                crate::notes::sync::outbox::annotation_written(&tx, &a)?;
                if known.is_some() {
                    merged.updated += 1;
                } else {
                    merged.added += 1;
                }
            }
            tx.commit()?;
            self.bump();
        }
        Ok(merged)
    }
}
