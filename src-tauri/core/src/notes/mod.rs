//! The reader's notes: annotations anchored in articles' plain text, kept in notes.sqlite
//! (see [`store`] for how that file is protected). Each write is one transaction, committed
//! with synchronous=FULL before it is acknowledged. Each write of the reader's (not the
//! placement derived from an article's text) appends its sync record to the outbox in that
//! same transaction ([`crate::notes::sync::outbox`]).

pub mod anchor;
pub mod annotations;
mod conflicts;
pub mod exchange;
pub mod fold;
mod fuzzy;
pub mod hypothesis;
mod jsonld;
pub mod limits;
pub mod listing;
mod merge;
pub mod reading;
mod snap;
pub mod store;
pub mod sync;

use crate::error::{Error, ErrorKind, Result};
use anchor::{NotPlaced, Quote};
pub use annotations::{Annotation, Filter};
pub use conflicts::Resolution;
pub use listing::{NotedArticle, NotesFacets, NotesPage, NotesQuery, NotesSort};
pub use merge::{Incoming, Merged};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
pub use store::Opened;
use sync::outbox;

/// File name of the notes database inside the data folder.
pub const NOTES_FILE: &str = "notes.sqlite";
/// Rendered notes kept; past this many the cache starts again.
const RENDERED_KEPT: usize = 20_000;

/// What a new annotation says.
#[derive(Debug, Clone, Default)]
pub struct NewAnnotation {
    pub article: String,
    pub quote: Quote,
    pub note: String,
    pub tags: Vec<String>,
    pub color: Option<String>,
}

/// A reader's selection to annotate: a UTF-16 range of the article's plain text.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
pub struct Selection {
    pub article: String,
    pub start: u32,
    pub end: u32,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub color: Option<String>,
}

/// What re-anchoring an article did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reanchored {
    pub anchored: u32,
    pub moved: u32,
    pub fuzzy: u32,
    pub orphaned: u32,
}

pub struct Notes {
    conn: Mutex<Connection>,
    /// Notes' Markdown rendered, by id, with the `modified` stamp it was rendered at: a note
    /// is rendered once until it changes, not at every list.
    rendered: Mutex<HashMap<String, (String, String)>>,
    /// How many times a note's Markdown was rendered (what the cache could not spare).
    renders: std::sync::atomic::AtomicU64,
    /// Counts writes, so that what is derived from the notes (their search index) knows when
    /// it is stale.
    generation: std::sync::atomic::AtomicU64,
    /// What opening had to do (a backup, a recovery), for the reader.
    pub opened: Opened,
    /// Held through a sync run: runs are one at a time.
    sync_lock: Mutex<()>,
    /// Called after every write of the notes (sync waits for it to send them).
    on_write: Mutex<Option<WriteListener>>,
}

/// What is called after every write of the notes.
pub type WriteListener = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The hash an article's text is known by, to skip re-anchoring when it has not changed.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The byte range of UTF-16 range `start..end` of an article's text, if it holds text.
fn bytes_of(text: &str, start: u32, end: u32, article: &str) -> Result<(usize, usize)> {
    anchor::byte_at(text, start)
        .zip(anchor::byte_at(text, end))
        .filter(|(a, b)| a < b)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Invalid,
                format!("no text at {start}–{end} in article `{article}`"),
            )
        })
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

impl Notes {
    /// Opens notes.sqlite in `data_dir`, with its backups beside it.
    pub fn open(data_dir: &Path) -> Result<Notes> {
        let (conn, opened) = store::open(
            &data_dir.join(NOTES_FILE),
            &data_dir.join(store::BACKUP_DIR),
        )?;
        Ok(Notes {
            conn: Mutex::new(conn),
            rendered: Default::default(),
            renders: Default::default(),
            generation: Default::default(),
            opened,
            sync_lock: Default::default(),
            on_write: Default::default(),
        })
    }

    pub fn open_in_memory() -> Result<Notes> {
        Ok(Notes {
            conn: Mutex::new(store::open_in_memory()?),
            rendered: Default::default(),
            renders: Default::default(),
            generation: Default::default(),
            opened: Opened::default(),
            sync_lock: Default::default(),
            on_write: Default::default(),
        })
    }

    fn bump(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.wrote();
    }

    /// Tells the listener, if there is one, that the notes were written.
    fn wrote(&self) {
        let listener = self.on_write.lock().ok().and_then(|l| l.clone());
        if let Some(listener) = listener {
            listener();
        }
    }

    /// Calls `listener` after every write of the notes from now on.
    pub fn on_write(&self, listener: WriteListener) {
        if let Ok(mut l) = self.on_write.lock() {
            *l = Some(listener);
        }
    }

    /// How many notes' Markdown has been rendered since opening: listing the same notes
    /// again renders none of them anew.
    pub fn renders(&self) -> u64 {
        self.renders.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Changes whenever the notes change.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Fills in each note's HTML, rendering only what was not rendered at its `modified`.
    fn render(&self, list: &mut [Annotation]) {
        let Ok(mut cache) = self.rendered.lock() else {
            list.iter_mut()
                .for_each(|a| a.html = annotations::note_html(&a.note));
            return;
        };
        for a in list {
            match cache.get(&a.id) {
                Some((modified, html)) if *modified == a.modified => a.html = html.clone(),
                _ => {
                    a.html = annotations::note_html(&a.note);
                    self.renders
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if cache.len() >= RENDERED_KEPT {
                        cache.clear();
                    }
                    cache.insert(a.id.clone(), (a.modified.clone(), a.html.clone()));
                }
            }
        }
    }

    /// The connection, for reading.
    fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| {
            Error::new(
                ErrorKind::Database,
                "the notes connection was poisoned by a crash",
            )
        })
    }

    /// Places and stores a new annotation in `text` (the article's plain text); returns it once
    /// it is durably committed.
    pub fn add(&self, text: &str, new: NewAnnotation) -> Result<Annotation> {
        let (a, b, quote) = anchor::place(text, &new.quote).map_err(|e| match e {
            NotPlaced::NotFound => Error::new(
                ErrorKind::NotFound,
                format!("the quote is not in article `{}`", new.article),
            ),
            NotPlaced::Ambiguous(n) => Error::new(
                ErrorKind::Invalid,
                format!(
                    "the quote is in article `{}` {n} times: give a prefix or suffix that picks one",
                    new.article
                ),
            ),
        })?;
        self.store_new(text, a, b, quote, new)
    }

    fn store_new(
        &self,
        text: &str,
        a: usize,
        b: usize,
        quote: Quote,
        new: NewAnnotation,
    ) -> Result<Annotation> {
        let stamp = now();
        let mut tags: Vec<String> = new
            .tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        let annotation = Annotation {
            id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            article: new.article,
            quote: quote.exact,
            prefix: quote.prefix,
            suffix: quote.suffix,
            start: anchor::utf16_at(text, a),
            end: anchor::utf16_at(text, b),
            html: String::new(),
            note: new.note,
            tags,
            color: new.color.unwrap_or_else(|| "yellow".into()),
            status: anchor::Status::Anchored,
            confidence: 1.0,
            created: stamp.clone(),
            modified: stamp,
            whole_article: false,
            parent: None,
            uri: None,
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        annotations::upsert_annotation(&tx, &annotation, &text_hash(text))?;
        outbox::annotation_written(&tx, &annotation)?;
        tx.commit()?;
        self.bump();
        let mut annotation = annotation;
        self.render(std::slice::from_mut(&mut annotation));
        Ok(annotation)
    }

    /// Stores a new annotation over UTF-16 range `start..end` of `text` (a reader's selection).
    pub fn add_at(
        &self,
        text: &str,
        start: u32,
        end: u32,
        new: NewAnnotation,
    ) -> Result<Annotation> {
        let (a, b) = bytes_of(text, start, end, &new.article)?;
        let quote = anchor::quote_at(text, a, b);
        self.store_new(text, a, b, quote, new)
    }

    /// Puts a deleted annotation back as it was (undo). It comes back from the webview, so it
    /// is checked as an imported one is.
    pub fn restore_note(&self, a: &Annotation) -> Result<()> {
        limits::admit(a)
            .and_then(|()| {
                if a.article.is_empty() {
                    Err("article is empty".into())
                } else {
                    Ok(())
                }
            })
            .map_err(|why| {
                Error::new(ErrorKind::Invalid, format!("annotation `{}`: {why}", a.id))
            })?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        annotations::upsert_annotation(&tx, a, "")?;
        outbox::annotation_written(&tx, a)?;
        tx.commit()?;
        self.bump();
        Ok(())
    }

    /// Attaches an annotation (an orphan, say) to UTF-16 range `start..end` of `text`, the
    /// text of `article`.
    pub fn reattach(
        &self,
        id: &str,
        article: &str,
        text: &str,
        start: u32,
        end: u32,
    ) -> Result<Annotation> {
        let mut a = self.get(id)?;
        let (x, y) = bytes_of(text, start, end, article)?;
        a.article = article.to_owned();
        let q = anchor::quote_at(text, x, y);
        (a.quote, a.prefix, a.suffix) = (q.exact, q.prefix, q.suffix);
        (a.start, a.end, a.status, a.confidence) = (start, end, anchor::Status::Anchored, 1.0);
        (a.whole_article, a.parent) = (false, None);
        a.modified = now();
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        annotations::upsert_annotation(&tx, &a, &text_hash(text))?;
        outbox::annotation_written(&tx, &a)?;
        tx.commit()?;
        self.bump();
        Ok(a)
    }

    /// Bookmarks `article`, or removes its bookmark; whether it is bookmarked now.
    pub fn toggle_bookmark(&self, article: &str) -> Result<bool> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let set = reading::toggle_bookmark(&tx, article, &now())?;
        outbox::bookmark_set(&tx, article, set)?;
        tx.commit()?;
        self.wrote();
        Ok(set)
    }

    pub fn list_bookmarks(&self) -> Result<Vec<String>> {
        reading::list_bookmarks(&*self.conn()?)
    }

    /// Keeps where the reader is in `article` (a UTF-16 offset into its text).
    pub fn save_position(&self, article: &str, offset: u32) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        reading::upsert_position(&tx, article, offset, &now())?;
        outbox::position_saved(&tx, article, offset)?;
        tx.commit()?;
        self.wrote();
        Ok(())
    }

    /// Where the reader left each article, the most recent first.
    pub fn reading_positions(&self) -> Result<Vec<reading::Position>> {
        reading::list_positions(&*self.conn()?)
    }

    /// Every tag in use, for completion.
    pub fn note_tags(&self) -> Result<Vec<String>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT tag FROM tags ORDER BY tag COLLATE NOCASE")?;
        let tags = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    /// The notes `q`'s filters leave, in no order: the few columns ordering needs.
    pub fn find_notes(&self, q: &NotesQuery) -> Result<Vec<listing::Brief>> {
        listing::find(&*self.conn()?, q)
    }

    /// The page `q` asks for of `found` (ordered), read in full, with the replies in the
    /// threads of its notes.
    pub fn read_page(&self, found: &[listing::Brief], q: &NotesQuery) -> Result<NotesPage> {
        let mut page = listing::page(&*self.conn()?, found, q)?;
        self.render(&mut page.notes);
        self.render(&mut page.replies);
        Ok(page)
    }

    /// The articles with notes, by slug, each with how many.
    pub fn noted_articles(&self) -> Result<Vec<(String, u32)>> {
        listing::noted_articles(&*self.conn()?)
    }

    /// The annotations `filter` leaves, with their notes rendered.
    pub fn list_notes(&self, filter: &Filter) -> Result<Vec<Annotation>> {
        let mut list = self.list_unrendered(filter)?;
        self.render(&mut list);
        Ok(list)
    }

    /// The annotations `filter` leaves, their notes not rendered (`html` empty): for exports
    /// and indexes, which read the Markdown.
    pub fn list_unrendered(&self, filter: &Filter) -> Result<Vec<Annotation>> {
        annotations::list_annotations(&*self.conn()?, filter)
    }

    pub fn get(&self, id: &str) -> Result<Annotation> {
        let mut a = annotations::get_annotation(&*self.conn()?, id)?
            .ok_or_else(|| Error::not_found("annotation", id))?;
        self.render(std::slice::from_mut(&mut a));
        Ok(a)
    }

    /// Changes an annotation's note, tags or colour.
    pub fn edit_note(
        &self,
        id: &str,
        note: Option<String>,
        tags: Option<Vec<String>>,
        color: Option<String>,
    ) -> Result<Annotation> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut a = annotations::get_annotation(&tx, id)?
            .ok_or_else(|| Error::not_found("annotation", id))?;
        let hash: String = tx.query_row(
            "SELECT text_hash FROM annotations WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        a.note = note.unwrap_or(a.note);
        a.tags = tags.unwrap_or(a.tags);
        a.color = color.unwrap_or(a.color);
        a.modified = now();
        annotations::upsert_annotation(&tx, &a, &hash)?;
        outbox::annotation_written(&tx, &a)?;
        tx.commit()?;
        self.bump();
        self.render(std::slice::from_mut(&mut a));
        Ok(a)
    }

    pub fn delete_note(&self, id: &str) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        if !annotations::delete_annotation(&tx, id)? {
            return Err(Error::not_found("annotation", id));
        }
        outbox::annotation_deleted(&tx, id)?;
        tx.commit()?;
        self.bump();
        Ok(())
    }

    /// This installation's device id for sync.
    pub fn device_id(&self) -> Result<crate::notes::sync::DeviceId> {
        outbox::device(&*self.conn()?)
    }

    /// The sync records of the reader's writes not yet written to a sync folder, by sequence
    /// number.
    pub fn outbox(&self) -> Result<Vec<crate::notes::sync::Record>> {
        outbox::pending(&*self.conn()?)
    }

    /// What sync keeps of annotation `id` (it outlives a deletion), if anything.
    pub fn sync_entry(&self, id: &str) -> Result<Option<crate::notes::sync::rule::Entry>> {
        sync::versions::entry(&*self.conn()?, id)
    }

    /// Places again the annotations of `article` made in another version of its text.
    pub fn reanchor(&self, article: &str, text: &str) -> Result<Reanchored> {
        let hash = text_hash(text);
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut done = Reanchored::default();
        let stale = annotations::list_stale(&tx, article, &hash)?;
        // The text is folded once, for all its notes (and not at all when none is stale).
        let prepared = anchor::Prepared::new(if stale.is_empty() { "" } else { text });
        for a in stale {
            let quote = Quote {
                exact: a.quote,
                prefix: a.prefix,
                suffix: a.suffix,
            };
            let placed = prepared.reanchor(&quote, a.start, a.end);
            annotations::update_place(&tx, &a.id, &placed, &hash)?;
            match placed.status {
                anchor::Status::Anchored => done.anchored += 1,
                anchor::Status::Moved => done.moved += 1,
                anchor::Status::Fuzzy => done.fuzzy += 1,
                anchor::Status::Orphaned => done.orphaned += 1,
            }
        }
        tx.commit()?;
        self.bump();
        Ok(done)
    }

    /// The article is gone: its annotations become orphans, kept with their quotes.
    pub fn orphan_article(&self, article: &str) -> Result<usize> {
        self.bump();
        annotations::orphan_article(&*self.conn()?, article)
    }
}
