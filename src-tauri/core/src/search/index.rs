//! The search index on disk (or in memory for tests): opening, rebuilding from the library,
//! applying an import's changes. The index is derived: it records the library stamp it was
//! built from in its commit payload, and anything doubtful is answered by a rebuild.

use super::analyzer;
use super::document::{self, Names, SearchDoc};
use super::query::SearchKind;
use super::schema::{Fields, LAYOUT_VERSION};
use crate::db::meta;
use crate::error::{Error, ErrorKind, Result};
use crate::mentions::{self, linker::Linker};
use crate::model::Kind;
use rusqlite::Connection;
use std::path::Path;
use std::sync::Mutex;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::LogMergePolicy;
use tantivy::schema::Schema;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Segments larger than this are left alone by the merges after an incremental update.
const SMALL_MERGE_DOCS: usize = 20_000;
/// Memory the indexer may use before it flushes a segment, per thread.
const WRITER_HEAP: usize = 128 * 1024 * 1024;
/// Text handed to the indexer between two commits of a rebuild.
const QUEUED_TEXT: usize = 96 * 1024 * 1024;

pub struct SearchIndex {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    /// Serializes writers: one import or rebuild at a time.
    writing: Mutex<()>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it, or recreating it when it cannot be opened or
    /// has another layout. `None` keeps it in memory.
    pub fn open(dir: Option<&Path>) -> Result<SearchIndex> {
        let (schema, _) = Fields::build();
        let mut index = match dir {
            None => Index::create_in_ram(schema.clone()),
            Some(dir) => open_or_recreate(dir, &schema)?,
        };
        index
            .tokenizers()
            .register(analyzer::STEMMED, analyzer::stemmed());
        // A query runs over the index's segments on every core.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        index.set_multithread_executor(cores).map_err(engine)?;
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| Error::new(ErrorKind::Database, "search index lacks a field"))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(engine)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writing: Mutex::new(()),
        })
    }

    /// The library stamp the index was last built from.
    pub fn built_from(&self) -> Option<String> {
        let payload = self.index.load_metas().ok()?.payload?;
        let (version, stamp) = payload.split_once('|')?;
        (version == LAYOUT_VERSION.to_string()).then(|| stamp.to_string())
    }

    /// Brings the index in line with the library: nothing when it was built from the current
    /// stamp, else a rebuild.
    pub fn sync(&self, conn: &Connection) -> Result<()> {
        if self.built_from() == Some(meta::stamp(conn)?) {
            return Ok(());
        }
        self.rebuild(conn)
    }

    /// Indexes the whole library again.
    pub fn rebuild(&self, conn: &Connection) -> Result<()> {
        let _guard = self.writing.lock().map_err(poisoned)?;
        let names = Names::load(conn)?;
        let linker = mentions::linker(conn)?;
        let mut writer = self.writer(2)?;
        writer.delete_all_documents().map_err(engine)?;
        // The indexer queues up to 10,000 documents while its threads catch up: with long
        // articles that queue, not the indexing, was the import's peak memory. Committing now
        // and then drains it. (These commits carry no stamp: an interrupted rebuild is redone.)
        let mut queued = 0;
        document::for_each_doc(conn, &names, |doc| {
            let doc = with_named(conn, &linker, doc)?;
            queued += doc.body.len() + doc.title.len() + doc.heads.len() + doc.summary.len();
            writer.add_document(self.to_engine(&doc)).map_err(engine)?;
            if queued > QUEUED_TEXT {
                writer.commit().map_err(engine)?;
                queued = 0;
            }
            Ok(())
        })?;
        self.commit(writer, &meta::stamp(conn)?)
    }

    /// Applies an import: re-indexes the entries it changed when the index was current
    /// before it (`before` is the library stamp then), else rebuilds.
    pub fn apply(&self, conn: &Connection, before: &str, changed: &[(Kind, String)]) -> Result<()> {
        // Names feed other entries' documents (authors, series titles): rebuild for those.
        let names_changed = changed
            .iter()
            .any(|(k, _)| matches!(k, Kind::Person | Kind::Organization | Kind::Series));
        if self.built_from().as_deref() != Some(before) || names_changed {
            return self.rebuild(conn);
        }
        let _guard = self.writing.lock().map_err(poisoned)?;
        let names = Names::load(conn)?;
        let linker = mentions::linker(conn)?;
        let writer = self.writer(1)?;
        // A few changed entries make a small segment; merging it must not pull in (and wait
        // for) the library's large ones.
        let mut small = LogMergePolicy::default();
        small.set_max_docs_before_merge(SMALL_MERGE_DOCS);
        writer.set_merge_policy(Box::new(small));
        for (kind, id) in changed {
            let Some(search_kind) = document::search_kind(*kind) else {
                continue;
            };
            let key = document::key(search_kind.name(), id);
            writer.delete_term(Term::from_field_text(self.fields.key, &key));
            if let Some(doc) = document::document_of(conn, &names, search_kind, id)? {
                let doc = with_named(conn, &linker, doc)?;
                writer.add_document(self.to_engine(&doc)).map_err(engine)?;
            }
        }
        self.commit(writer, &meta::stamp(conn)?)
    }

    /// Adds `docs` to an empty index (the notes' index in memory).
    pub fn fill(&self, docs: &[SearchDoc]) -> Result<()> {
        let _guard = self.writing.lock().map_err(poisoned)?;
        let mut writer = self.writer(1)?;
        for doc in docs {
            writer.add_document(self.to_engine(doc)).map_err(engine)?;
        }
        writer.commit().map_err(engine)?;
        self.reader.reload().map_err(engine)
    }

    fn writer(&self, threads: usize) -> Result<IndexWriter> {
        self.index
            .writer_with_num_threads(threads, WRITER_HEAP * threads)
            .map_err(engine)
    }

    fn commit(&self, mut writer: IndexWriter, stamp: &str) -> Result<()> {
        let mut prepared = writer.prepare_commit().map_err(engine)?;
        prepared.set_payload(&format!("{LAYOUT_VERSION}|{stamp}"));
        prepared.commit().map_err(engine)?;
        writer.wait_merging_threads().map_err(engine)?;
        self.reader.reload().map_err(engine)
    }

    fn to_engine(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        let kind = doc.kind;
        d.add_text(f.key, doc.key());
        d.add_text(f.kind, kind.name());
        let ord = SearchKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        d.add_u64(f.kind_ord, ord as u64);
        d.add_text(f.title, &doc.title);
        d.add_text(f.heads, &doc.heads);
        d.add_text(f.author, &doc.author);
        d.add_text(f.series, &doc.series);
        d.add_text(f.body, &doc.body);
        for key in &doc.named {
            d.add_text(f.named, key);
        }
        if let (Some(from), Some(to)) = (doc.year_from, doc.year_to) {
            d.add_i64(f.year_from, from);
            d.add_i64(f.year_to, to);
        }
        d
    }
}

/// `doc` with the people and organizations its body names: an article's as the import
/// stored them, another entry's found now.
fn with_named(conn: &Connection, linker: &Linker, mut doc: SearchDoc) -> Result<SearchDoc> {
    doc.named = if doc.kind == SearchKind::Article {
        mentions::named_in_article(conn, &doc.id)?
    } else {
        mentions::named_in_text(linker, &doc.body)
    };
    Ok(doc)
}

fn open_or_recreate(dir: &Path, schema: &Schema) -> Result<Index> {
    let attempt = || -> tantivy::Result<Index> {
        std::fs::create_dir_all(dir)?;
        let directory = MmapDirectory::open(dir)?;
        let index = Index::open_or_create(directory, schema.clone())?;
        Ok(index)
    };
    match attempt() {
        Ok(index) => Ok(index),
        Err(_) => {
            // Another layout or a damaged index: it is derived, so start afresh.
            let _ = std::fs::remove_dir_all(dir);
            attempt().map_err(engine)
        }
    }
}

pub(super) fn engine(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Database, format!("search index: {e}"))
}

fn poisoned<T>(_: T) -> Error {
    Error::new(
        ErrorKind::Database,
        "the search index writer was poisoned by a crash",
    )
}

/// In how many documents `word` (as the index analyzes it) occurs in any searched field: for
/// a word of several terms, its rarest term's.
pub fn doc_freq(searcher: &tantivy::Searcher, fields: Fields, word: &str) -> u64 {
    let terms = analyzer::terms(&mut analyzer::stemmed(), word);
    terms
        .iter()
        .map(|t| {
            fields
                .searched()
                .iter()
                .map(|(field, _)| {
                    searcher
                        .doc_freq(&Term::from_field_text(*field, t))
                        .unwrap_or(0)
                })
                .sum::<u64>()
        })
        .min()
        .unwrap_or(0)
}
