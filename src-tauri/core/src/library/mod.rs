//! [`Library`]: the one door to the library, used alike by the desktop shell and the CLI.

mod blogs;
mod notesio;
mod noteslist;
mod notesync;
mod printout;
mod reading_settings;
mod updates;

use crate::books::{cite, export};
use crate::content::Roots;
use crate::date::PartialDate;
use crate::db;
use crate::db::entries::get_entry;
use crate::error::{Error, ErrorKind, Result};
use crate::import::{self, ImportReport, NotesPlaced};
use crate::media;
use crate::mentions::{self, ArticleMentions};
use crate::model::Kind;
use crate::notes::{Annotation, NewAnnotation, Notes, Selection};
use crate::problem::{Problem, ProblemPage};
use crate::search::{Passage, Search, SearchIndex, SearchOptions, SearchResults};
use crate::timeline::{self, Histories, Timeline, TimelineQuery};
use crate::views::{
    self, Archive, ArchiveQuery, Article, ArticlePage, ArticleSummary, BookList, BookPage,
    EntryDetail, OrganizationPage, OrganizationSummary, PersonPage, PersonSummary,
};
pub use blogs::{BlogInfo, BlogReport, BlogSettings, BlogSource};
pub use reading_settings::{ReadingSettings, Theme, Typeface};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
pub use updates::UpdatePrefs;

/// Where the archive's counts are kept in the library's `meta` table.
const ARCHIVE_KEY: &str = "archive";

/// File name of the library database inside the data folder.
pub const LIBRARY_FILE: &str = "library.sqlite";
/// Folder of the search index inside the data folder.
pub const SEARCH_DIR: &str = "search";

/// The library database and the content folders it is built from.
pub struct Library {
    conn: Mutex<Connection>,
    /// `None` for an in-memory library.
    db_path: Option<PathBuf>,
    /// The data folder (where blogs are kept); `None` for an in-memory library.
    data_dir: Option<PathBuf>,
    /// The bundled starter library.
    starter: PathBuf,
    /// The folders read: the starter library (unless hidden) and every blog.
    roots: RwLock<Roots>,
    search: Search,
    /// Organizations' histories for the Timeline, until an import changes them.
    histories: Mutex<Option<Arc<Histories>>>,
    /// The archive's counts, until an import changes them.
    archive: Mutex<Option<Arc<Archive>>>,
    /// The reader's notes (notes.sqlite beside library.sqlite).
    notes: Notes,
}

impl Library {
    /// Opens the library in `data_dir` (creating it if needed) for the starter library at
    /// `content_root` and the blogs kept in `data_dir`. Opening does not import: call
    /// [`Library::import`].
    pub fn open(data_dir: &Path, content_root: &Path) -> Result<Self> {
        let db_path = data_dir.join(LIBRARY_FILE);
        Ok(Self {
            conn: Mutex::new(db::open_library(&db_path)?),
            db_path: Some(db_path),
            data_dir: Some(data_dir.to_owned()),
            starter: content_root.to_owned(),
            roots: RwLock::new(blogs::roots(data_dir, content_root)),
            search: Search::new(SearchIndex::open(Some(&data_dir.join(SEARCH_DIR)))?),
            histories: Mutex::new(None),
            archive: Mutex::new(None),
            notes: Notes::open(data_dir)?,
        })
    }

    /// An in-memory library, for tests.
    pub fn open_in_memory(content_root: &Path) -> Result<Self> {
        Ok(Self {
            conn: Mutex::new(db::open_library_in_memory()?),
            db_path: None,
            data_dir: None,
            starter: content_root.to_owned(),
            roots: RwLock::new(Roots::single(content_root)),
            search: Search::new(SearchIndex::open(None)?),
            histories: Mutex::new(None),
            archive: Mutex::new(None),
            notes: Notes::open_in_memory()?,
        })
    }

    /// The bundled starter library's folder.
    pub fn content_root(&self) -> &Path {
        &self.starter
    }

    /// The folders the library is read from, as they are now.
    pub fn roots(&self) -> Roots {
        self.roots.read().map(|r| r.clone()).unwrap_or_default()
    }

    /// Imports changed content, then brings the search index up to date. On a file-backed
    /// library the import runs on a connection of its own, so readers keep reading the
    /// previous state until it commits.
    pub fn import(&self) -> Result<ImportReport> {
        self.write(import::import)
    }

    /// Drops everything imported and imports the whole content folder again.
    pub fn rebuild(&self) -> Result<ImportReport> {
        self.write(import::rebuild)
    }

    fn write(
        &self,
        f: impl FnOnce(&mut Connection, &Roots) -> Result<ImportReport>,
    ) -> Result<ImportReport> {
        let mut own;
        let mut shared;
        let conn: &mut Connection = match &self.db_path {
            Some(path) => {
                own = db::open_library(path)?;
                &mut own
            }
            None => {
                shared = self.conn()?;
                &mut shared
            }
        };
        let before = db::meta::stamp(conn)?;
        let mut report = f(conn, &self.roots())?;
        if report.changed() {
            self.search.invalidate();
            if let Ok(mut h) = self.histories.lock() {
                *h = None;
            }
            if let Ok(mut a) = self.archive.lock() {
                *a = None;
            }
            self.search.index.apply(conn, &before, &report.changed)?;
            report.notes = self.reanchor_notes(conn, &report.changed)?;
            db::checkpoint(conn)?;
        } else {
            self.search.index.sync(conn)?;
        }
        // The words near spellings are put right to, gathered here, on the import's own
        // connection and thread, so that the first misspelt query does not wait for them.
        self.search.vocabulary_size(conn)?;
        Ok(report)
    }

    /// The reader's notes.
    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    fn article_text(&self, slug: &str) -> Result<String> {
        Ok(get_entry(&*self.conn()?, Kind::Article, slug)?
            .ok_or_else(|| Error::not_found("article", slug))?
            .text)
    }

    /// Places a new annotation by its quote in its article's current text and stores it.
    pub fn add_note_by_quote(&self, new: NewAnnotation) -> Result<Annotation> {
        self.notes.add(&self.article_text(&new.article)?, new)
    }

    /// Stores a new annotation over a reader's selection.
    pub fn add_note(&self, s: Selection) -> Result<Annotation> {
        let text = self.article_text(&s.article)?;
        let new = NewAnnotation {
            article: s.article,
            quote: Default::default(),
            note: s.note,
            tags: s.tags,
            color: s.color,
        };
        self.notes.add_at(&text, s.start, s.end, new)
    }

    /// Attaches an annotation to a new range of `article`'s text.
    pub fn reattach_note(
        &self,
        id: &str,
        article: &str,
        start: u32,
        end: u32,
    ) -> Result<Annotation> {
        self.notes
            .reattach(id, article, &self.article_text(article)?, start, end)
    }

    /// After an import: the notes on changed articles are placed again in their new text,
    /// and those on removed articles become orphans.
    /// Places the notes of changed articles anew; returns, per article, what moved.
    fn reanchor_notes(
        &self,
        conn: &Connection,
        changed: &[(Kind, String)],
    ) -> Result<Vec<NotesPlaced>> {
        let mut placed = Vec::new();
        for (_, slug) in changed.iter().filter(|(k, _)| *k == Kind::Article) {
            let (title, done) = match get_entry(conn, Kind::Article, slug)? {
                Some(row) => (row.title, self.notes.reanchor(slug, &row.text)?),
                None => {
                    let orphaned = self.notes.orphan_article(slug)?;
                    let done = crate::notes::Reanchored {
                        orphaned: u32::try_from(orphaned).unwrap_or(u32::MAX),
                        ..Default::default()
                    };
                    (slug.clone(), done)
                }
            };
            if done.moved + done.fuzzy + done.orphaned > 0 {
                placed.push(NotesPlaced {
                    article: slug.clone(),
                    title,
                    moved: done.moved,
                    fuzzy: done.fuzzy,
                    orphaned: done.orphaned,
                });
            }
        }
        Ok(placed)
    }

    /// The summaries of these articles, in that order; slugs not in the library are left out.
    pub fn articles_by_slug(&self, slugs: &[String]) -> Result<Vec<ArticleSummary>> {
        views::articles_by_slug(&*self.conn()?, slugs)
    }

    /// A page of the articles the reader's choices leave, newest first.
    pub fn article_page(&self, query: &ArchiveQuery) -> Result<ArticlePage> {
        views::article_page(&*self.conn()?, query)
    }

    /// What the archive offers to browse by, with counts (kept until an import changes them).
    pub fn archive(&self) -> Result<Arc<Archive>> {
        let mut slot = self.archive.lock().map_err(|_| poisoned())?;
        if let Some(archive) = slot.as_ref() {
            return Ok(archive.clone());
        }
        // Counting reads every article's front matter (seconds at 100,000 articles): the counts
        // are kept in the library file with the stamp they were made at, and made again only
        // after an import changed something.
        let conn = self.conn()?;
        let kept = db::meta::get_current(&conn, ARCHIVE_KEY)?
            .and_then(|json| serde_json::from_str::<Archive>(&json).ok());
        let archive = Arc::new(match kept {
            Some(a) => a,
            None => {
                let a = views::archive(&conn)?;
                let json = serde_json::to_string(&a)
                    .map_err(|e| Error::new(ErrorKind::Database, e.to_string()))?;
                // Kept only to save time: while a long import holds the file, it is not.
                let _ = db::meta::set_current(&conn, ARCHIVE_KEY, &json);
                a
            }
        });
        *slot = Some(archive.clone());
        Ok(archive)
    }

    /// Gathers (once) the words near spellings are corrected to; how many there are.
    pub fn search_vocabulary(&self) -> Result<usize> {
        self.search.vocabulary_size(&*self.conn()?)
    }

    /// Searches the whole library; see [`crate::search`] for the query language.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        self.search
            .search(&*self.conn()?, query, options, &self.notes)
    }

    /// The passage of an article where `query` matches best, to scroll to and highlight.
    pub fn locate(&self, slug: &str, query: &str) -> Result<Option<Passage>> {
        self.search.locate(&*self.conn()?, slug, query)
    }

    /// Organizations and people on a time axis; see [`crate::timeline`].
    pub fn timeline(&self, query: &TimelineQuery) -> Result<Timeline> {
        let conn = self.conn()?;
        timeline::timeline(&conn, &*self.histories(&conn)?, query)
    }

    /// The library's histories, loaded once per import.
    fn histories(&self, conn: &Connection) -> Result<Arc<Histories>> {
        let mut slot = self.histories.lock().map_err(|_| poisoned())?;
        Ok(match slot.as_ref() {
            Some(h) => h.clone(),
            None => slot.insert(Arc::new(Histories::load(conn)?)).clone(),
        })
    }

    pub fn get_person(&self, id: &str) -> Result<PersonPage> {
        let conn = self.conn()?;
        views::person_page(&conn, &*self.histories(&conn)?, id, &self.roots())
    }

    pub fn get_organization(&self, id: &str) -> Result<OrganizationPage> {
        let conn = self.conn()?;
        views::organization_page(&conn, &*self.histories(&conn)?, id, &self.roots())
    }

    /// Every article that names the person or organization `id` (or `person/id`,
    /// `organization/id`), with the sentences.
    pub fn mentions(&self, id: &str) -> Result<Vec<ArticleMentions>> {
        let conn = self.conn()?;
        let (kinds, id) = match id.split_once('/') {
            Some(("person", id)) => (vec![Kind::Person], id),
            Some(("organization", id)) => (vec![Kind::Organization], id),
            _ => (vec![Kind::Person, Kind::Organization], id),
        };
        let kind = kinds
            .into_iter()
            .find(|k| matches!(get_entry(&conn, *k, id), Ok(Some(_))))
            .ok_or_else(|| Error::not_found("person or organization", id))?;
        Ok(mentions::of_entity(&conn, kind, id, None)?.list)
    }

    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        views::article_summaries(&*self.conn()?)
    }

    pub fn get_article(&self, slug: &str) -> Result<Article> {
        views::article(&*self.conn()?, slug, &self.roots())
    }

    pub fn list_people(&self) -> Result<Vec<PersonSummary>> {
        views::people(&*self.conn()?)
    }

    pub fn list_organizations(&self) -> Result<Vec<OrganizationSummary>> {
        views::organizations(&*self.conn()?)
    }

    /// Every book with its offers judged on `today`, and titles cited but not in the list.
    pub fn list_books(&self, today: PartialDate) -> Result<BookList> {
        views::book_list(&*self.conn()?, &self.roots(), today)
    }

    pub fn get_book(&self, id: &str, today: PartialDate) -> Result<BookPage> {
        views::book_page(&*self.conn()?, id, &self.roots(), today)
    }

    /// A book's bibliography entry in a citation style.
    pub fn cite_book(&self, id: &str, style: cite::Style) -> Result<cite::Formatted> {
        let records = views::book_records(&*self.conn()?, &[id.to_owned()])?;
        cite::format(&records[0], style)
    }

    /// The books `ids` (all when empty) written in an export format.
    pub fn export_books(&self, ids: &[String], format: export::Format) -> Result<String> {
        export::write(&views::book_records(&*self.conn()?, ids)?, format)
    }

    pub fn list_problems(&self) -> Result<Vec<Problem>> {
        db::problems::list_problems(&*self.conn()?)
    }

    /// The problems from `offset`, at most `limit`, with how many there are and in how many files.
    pub fn problems_page(&self, offset: u32, limit: u32) -> Result<ProblemPage> {
        let conn = self.conn()?;
        let (problems, files) = db::problems::list_problems_page(&conn, offset, limit)?;
        Ok(ProblemPage {
            total: db::problems::count_problems(&conn)?,
            files,
            problems,
        })
    }

    /// Any entry by id, whatever its kind.
    pub fn show(&self, id: &str) -> Result<EntryDetail> {
        views::entry_detail(&*self.conn()?, id)
    }

    /// The image a media path names (`articles/images/x.svg`,
    /// `blogs/<name>/articles/images/y.jpg`), read from inside its content folder; see
    /// [`media::read_image`] for what is refused.
    pub fn media_file(&self, relative: &str) -> Result<media::Image> {
        media::read_image(&self.roots(), relative)
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| poisoned())
    }
}

fn poisoned() -> Error {
    Error::new(
        ErrorKind::Database,
        "the library connection was poisoned by a crash",
    )
}
