//! Search over the whole library: one query finds articles, people, organizations and books
//! (and, later, notes), forgiving of case, diacritics, word forms and aliases.
//!
//! The engine is tantivy, chosen by measurement against a bare SQLite FTS5 table over the same
//! text (`cargo bench -p lectern-core --bench search`; figures in README, Performance). SQLite
//! stays the one source of truth: the index holds no text (snippets are cut from the text in
//! library.sqlite), is stamped with the library generation it was built from, and is rebuilt
//! from library.sqlite whenever in doubt.

mod aliases;
mod analyzer;
mod counts;
pub mod document;
mod index;
mod notes;
mod plan;
pub mod query;
mod schema;
pub mod snippet;
mod spelling;
mod stem;
mod suggest;
mod tokenizer;
mod translit;

pub use index::SearchIndex;
pub use query::SearchKind;
pub use snippet::Passage;

use crate::db::entries;
use crate::error::Result;
use crate::model::Kind;
use crate::notes::Notes;
use aliases::Aliases;
use document::Names;
use index::engine;
use rayon::prelude::*;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::{Arc, Mutex};
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// What the reader asked for besides the query text.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SearchOptions {
    /// Only these kinds (the filter chips); empty means all.
    #[serde(default)]
    pub kinds: Vec<SearchKind>,
    /// At most this many hits (1–200).
    pub limit: u32,
    /// The query is being typed: its last word is also a prefix.
    #[serde(default)]
    pub as_typed: bool,
    /// Search for the words as typed, never for a correction of them ("Search instead for").
    #[serde(default)]
    pub exact: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            kinds: Vec::new(),
            limit: 20,
            as_typed: false,
            exact: false,
        }
    }
}

/// One result.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    /// The entry's date as stored (publication, birth, founding), if any.
    pub date: Option<String>,
    /// Where the words matched, marked.
    pub passage: Passage,
    pub score: f32,
    /// Whether the hit was found for the words as typed or for their correction.
    pub matched: Matched,
}

/// What a hit was found for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum Matched {
    #[serde(rename = "as typed")]
    AsTyped,
    #[serde(rename = "corrected")]
    Corrected,
}

/// The query the results are for when they are not for the words as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Correction {
    /// The query searched: the words as typed with near spellings put right.
    pub query: String,
    /// The words as typed.
    pub typed: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct KindCount {
    pub kind: SearchKind,
    pub count: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Matches of every kind, before the chips' restriction.
    pub total: u32,
    /// Matches per kind, before the chips' restriction, for the chips' counts.
    pub counts: Vec<KindCount>,
    /// A query built from the library's own names and words, when nothing matched and no
    /// correction found more.
    pub suggestion: Option<String>,
    /// Set when the results are those of a corrected query.
    pub corrected: Option<Correction>,
}

/// The index with what it needs at query time.
pub struct Search {
    pub index: SearchIndex,
    names: Mutex<Option<Arc<Names>>>,
    aliases: Mutex<Option<Arc<Aliases>>>,
    vocabulary: Mutex<Option<Arc<suggest::Vocabulary>>>,
    notes: Mutex<Option<Arc<notes::NotesIndex>>>,
}

impl Search {
    pub fn new(index: SearchIndex) -> Search {
        Search {
            index,
            names: Mutex::new(None),
            aliases: Mutex::new(None),
            vocabulary: Mutex::new(None),
            notes: Mutex::new(None),
        }
    }

    /// Forgets what was derived from the library's names; call after an import.
    pub fn invalidate(&self) {
        if let Ok(mut n) = self.names.lock() {
            *n = None;
        }
        if let Ok(mut a) = self.aliases.lock() {
            *a = None;
        }
        if let Ok(mut v) = self.vocabulary.lock() {
            *v = None;
        }
        if let Ok(mut n) = self.notes.lock() {
            *n = None; // the articles' titles may have changed
        }
    }

    fn names(&self, conn: &Connection) -> Result<Arc<Names>> {
        cached(&self.names, || Names::load(conn))
    }

    fn aliases(&self, conn: &Connection) -> Result<Arc<Aliases>> {
        cached(&self.aliases, || Ok(Aliases::new(&*self.names(conn)?)))
    }

    /// The notes' index, rebuilt when the notes changed since it was built.
    fn notes_index(&self, conn: &Connection, notes: &Notes) -> Result<Arc<notes::NotesIndex>> {
        let mut slot = self.notes.lock().map_err(engine)?;
        if let Some(n) = slot.as_ref().filter(|n| n.generation == notes.generation()) {
            return Ok(n.clone());
        }
        let titles = entries::list_titles(conn, Kind::Article)?;
        let built = Arc::new(notes::build(notes, &titles)?);
        *slot = Some(built.clone());
        Ok(built)
    }

    /// Runs `input` against the library and the reader's notes; when the words as typed find
    /// little and a correction of their spelling finds much more, the correction's results
    /// (unless `options.exact`: then the correction is only offered, when nothing matched).
    /// Never fails on what the reader typed.
    pub fn search(
        &self,
        conn: &Connection,
        input: &str,
        options: &SearchOptions,
        reader_notes: &Notes,
    ) -> Result<SearchResults> {
        let mut typed = self.run(conn, input, options, reader_notes)?;
        let parsed = query::parse(input, options.as_typed);
        if typed.total >= suggest::FEW || !parsed.has_terms() {
            return Ok(typed);
        }
        let vocabulary = cached(&self.vocabulary, || suggest::Vocabulary::load(conn))?;
        let searcher = self.index.reader.searcher();
        let frequency = |word: &str| index::doc_freq(&searcher, self.index.fields, word);
        let Some(corrected) = suggest::correct(&vocabulary, &parsed, input, frequency) else {
            return Ok(typed);
        };
        let mut fixed = self.run(conn, &corrected, options, reader_notes)?;
        if !options.exact && suggest::better(typed.total, fixed.total) {
            fixed
                .hits
                .iter_mut()
                .for_each(|h| h.matched = Matched::Corrected);
            fixed.corrected = Some(Correction {
                query: corrected.trim().to_string(),
                typed: input.trim().to_string(),
            });
            return Ok(fixed);
        }
        if typed.total == 0 && fixed.total > 0 {
            typed.suggestion = Some(corrected.trim().to_string());
        }
        Ok(typed)
    }

    /// Runs `input` as typed.
    fn run(
        &self,
        conn: &Connection,
        input: &str,
        options: &SearchOptions,
        reader_notes: &Notes,
    ) -> Result<SearchResults> {
        let parsed = query::parse(input, options.as_typed);
        let aliases = self.aliases(conn)?;
        let searcher = self.index.reader.searcher();
        let mut planner =
            plan::Planner::new(self.index.fields, &searcher, &aliases).with_named_texts();
        let Some(all_kinds) = planner.plan(&parsed, &[]) else {
            return Ok(SearchResults::default());
        };
        let limit = options.limit.clamp(1, 200) as usize;
        let (top, mut counts) = if options.kinds.is_empty() {
            searcher
                .search(
                    &*all_kinds,
                    &(
                        TopDocs::with_limit(limit).order_by_score(),
                        counts::KindCounts,
                    ),
                )
                .map_err(engine)?
        } else {
            let counts = searcher
                .search(&*all_kinds, &counts::KindCounts)
                .map_err(engine)?;
            let chosen = planner
                .plan(&parsed, &options.kinds)
                .expect("a query with terms plans with kinds too");
            let top = searcher
                .search(&*chosen, &TopDocs::with_limit(limit).order_by_score())
                .map_err(engine)?;
            (top, counts)
        };
        // The notes, planned alike in their own index; their counts join the chips'.
        let notes_index = self.notes_index(conn, reader_notes)?;
        let note_searcher = notes_index.index.reader.searcher();
        let mut note_planner =
            plan::Planner::new(notes_index.index.fields, &note_searcher, &aliases);
        let mut note_top = Vec::new();
        if let Some(plan) = note_planner.plan(&parsed, &[]) {
            let found = note_searcher
                .search(&*plan, &counts::KindCounts)
                .map_err(engine)?;
            for (c, n) in counts.iter_mut().zip(found) {
                *c += n;
            }
            if options.kinds.is_empty() || options.kinds.contains(&SearchKind::Note) {
                note_top = note_searcher
                    .search(&*plan, &TopDocs::with_limit(limit).order_by_score())
                    .map_err(engine)?;
            }
        }
        let names = self.names(conn)?;
        let mut found = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(engine)?;
            let Some(key) = doc
                .get_first(self.index.fields.key)
                .and_then(|v| v.as_str())
            else {
                continue;
            };
            let Some((kind, id)) = key
                .split_once('/')
                .and_then(|(k, id)| Some((SearchKind::parse(k)?, id.to_string())))
            else {
                continue;
            };
            let Some(row) = document::library_kind(kind)
                .map(|k| entries::get_entry_text(conn, k, &id))
                .transpose()?
                .flatten()
            else {
                continue; // indexed but since removed; the next sync drops it
            };
            found.push((score, kind, row));
        }
        // Asked for offers, books with an offer running today come first.
        let running: std::collections::HashSet<String> = if document::asks_for_offers(&parsed) {
            let today = crate::books::today();
            found
                .iter()
                .filter(|(_, kind, row)| {
                    *kind == SearchKind::Book && document::has_running_offer(&row.data, today)
                })
                .map(|(_, _, row)| row.id.clone())
                .collect()
        } else {
            Default::default()
        };
        // Snippets scan whole texts: on every core, each with its own matcher.
        let highlight = &planner.highlight;
        let mut hits: Vec<SearchHit> = found
            .into_par_iter()
            .map_init(
                || snippet::Snippets::new(highlight.clone()),
                |snippets, (score, kind, row)| {
                    let (title, date) = (row.title.clone(), row.date.clone());
                    let doc = document::document(row, kind, &names);
                    // For people, organizations and books a summary can be what matched:
                    // show it with the text (unless the text says it already). What matched
                    // may also be only in the headings or roles: then show those.
                    let summary = doc.summary.trim();
                    let text = if kind != SearchKind::Article
                        && !summary.is_empty()
                        && !doc.body.contains(summary)
                    {
                        format!("{summary} — {}", doc.body)
                    } else {
                        doc.body
                    };
                    let mut passage = snippets.passage(&text);
                    if passage.marks.is_empty() && !doc.heads.is_empty() {
                        let heads = snippets.passage(&doc.heads);
                        if !heads.marks.is_empty() {
                            passage = heads;
                        }
                    }
                    SearchHit {
                        kind,
                        passage,
                        title,
                        date,
                        id: doc.id,
                        score,
                        matched: Matched::AsTyped,
                    }
                },
            )
            .collect();
        let mut snippets = snippet::Snippets::new(highlight.clone());
        for (score, address) in note_top {
            let doc: TantivyDocument = note_searcher.doc(address).map_err(engine)?;
            let Some(id) = doc
                .get_first(notes_index.index.fields.key)
                .and_then(|v| v.as_str())
                .and_then(|k| k.strip_prefix("note/"))
            else {
                continue;
            };
            if let Some(n) = notes_index.texts.get(id) {
                hits.push(SearchHit {
                    kind: SearchKind::Note,
                    id: id.to_owned(),
                    title: n.title.clone(),
                    date: Some(n.date.clone()),
                    passage: snippets.passage(&n.text),
                    score,
                    matched: Matched::AsTyped,
                });
            }
        }
        // Equal scores keep a stable order: kind, then id.
        let first = |h: &SearchHit| h.kind == SearchKind::Book && running.contains(&h.id);
        hits.sort_by(|a, b| {
            first(b)
                .cmp(&first(a))
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        let total = counts.iter().sum();
        let counts = SearchKind::ALL
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(kind, count)| KindCount { kind: *kind, count })
            .collect();
        Ok(SearchResults {
            hits,
            total,
            counts,
            suggestion: None,
            corrected: None,
        })
    }

    /// The words near spellings are corrected to, gathered if they were not: how many.
    pub fn vocabulary_size(&self, conn: &Connection) -> Result<usize> {
        Ok(cached(&self.vocabulary, || suggest::Vocabulary::load(conn))?.len())
    }

    /// The passage of an article that best matches `input`, to scroll to and highlight.
    pub fn locate(&self, conn: &Connection, slug: &str, input: &str) -> Result<Option<Passage>> {
        let parsed = query::parse(input, false);
        let aliases = self.aliases(conn)?;
        let searcher = self.index.reader.searcher();
        let mut planner =
            plan::Planner::new(self.index.fields, &searcher, &aliases).with_named_texts();
        if planner.plan(&parsed, &[]).is_none() {
            return Ok(None);
        }
        let Some(row) = entries::get_entry_text(conn, Kind::Article, slug)? else {
            return Ok(None);
        };
        let passage = snippet::Snippets::new(planner.highlight).passage(&row.text);
        Ok((!passage.marks.is_empty()).then_some(passage))
    }
}

/// The value in `slot`, computed by `make` the first time.
fn cached<T>(slot: &Mutex<Option<Arc<T>>>, make: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
    let mut slot = slot.lock().map_err(engine)?;
    if let Some(v) = slot.as_ref() {
        return Ok(v.clone());
    }
    let v = Arc::new(make()?);
    *slot = Some(v.clone());
    Ok(v)
}
