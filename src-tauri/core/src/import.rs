//! Importing content/ into the library database: one transaction, unchanged files skipped,
//! deleted files removed, cross-references checked afterwards.

use crate::books::citations::relink;
use crate::content::{self, ContentFile, FileStamp, Roots, Source};
use crate::db::{self, citations, entries, histories, meta, problems, refs, sources};
use crate::error::Result;
use crate::mentions::{
    self,
    linker::{Found, Linker},
};
use crate::model::Kind;
use crate::parse::{offers, parse, Meta, Parsed};
use crate::problem::Problem;
use rayon::prelude::*;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::{HashMap, HashSet};

use std::time::{Instant, SystemTime};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportReport {
    pub added: u32,
    pub updated: u32,
    pub removed: u32,
    pub unchanged: u32,
    /// Problems in the whole library after the import.
    pub problems: u32,
    pub millis: u32,
    /// The entries added, changed or removed, for derived indexes.
    #[serde(skip)]
    pub changed: Vec<(Kind, String)>,
    /// Articles whose notes had to be placed anew because their text changed: only those
    /// where a note moved, was placed by likeness, or could not be placed.
    pub notes: Vec<NotesPlaced>,
}

/// What re-anchoring did to one changed article's notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct NotesPlaced {
    pub article: String,
    pub title: String,
    pub moved: u32,
    pub fuzzy: u32,
    pub orphaned: u32,
}

impl ImportReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// Marks the stored hash of a file that is not read because another folder's file took its id.
const SHADOWED: &str = "shadowed:";

/// Files read and parsed at once, on every core: enough to keep them busy, few enough that a
/// large library never sits in memory.
const BATCH: usize = 64;

/// Changed bytes after which a large import commits what it has and goes on in a new
/// transaction. In one transaction the WAL would grow to the size of the whole library, and
/// SQLite looks a page up in the WAL by walking its index from the newest frame back: an
/// import of 100,000 articles took twice as long per article as one of 10,000. A small import
/// (any content update) stays one transaction; a large one shows the library filling in, and
/// when it is interrupted the next start goes on from the last commit.
const COMMIT_BYTES: usize = 16 * 1024 * 1024;

/// A file whose modification time is this close to the import may change again within the
/// clock's resolution without its stamp changing, so its stamp is not kept (git does the same
/// with "racily clean" files).
const RACY_NANOS: i64 = 2_000_000_000;

/// What the database knows of a file from the last import.
struct Known {
    hash: String,
    stamp: Option<FileStamp>,
}

/// A file after the parallel step.
enum Prepared {
    /// Same size and modification time as last time: not read.
    Unchanged,
    /// Read, but the bytes are the same: only its stamp is updated.
    Touched,
    Changed(Box<Changed>),
}

/// A changed file, parsed, with the names found in it when it is an article.
struct Changed {
    source: Source,
    parsed: std::result::Result<Parsed, Problem>,
    mentions: Vec<Found>,
}

/// Brings the database in line with the content folders `roots`.
pub fn import(conn: &mut Connection, root: &Roots) -> Result<ImportReport> {
    let started = Instant::now();
    let files = root.list()?;
    let trusted_before = content::nanos(Some(SystemTime::now())) - RACY_NANOS;
    db::configure_for_import(conn)?;
    let tx = conn.transaction()?;
    let mut known = known_files(&tx)?;
    let mut report = ImportReport::default();
    // A file whose id another folder's file took (or gave back) since the last import is read
    // afresh, after its old rows are gone, so that one entry never meets another of its id.
    for file in &files {
        let was_shadowed = known.get(&file.path).map(|k| k.hash.starts_with(SHADOWED));
        if was_shadowed.is_some_and(|was| was != file.taken_by.is_some()) {
            sources::delete_source(&tx, &file.path)?;
            known.remove(&file.path);
        }
    }
    let present: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for path in known.keys().filter(|p| !present.contains(p.as_str())) {
        sources::delete_source(&tx, path)?;
        report.removed += 1;
        if let Some(key) = content::key_of_path(path) {
            report.changed.push(key);
        }
    }
    // Everything but articles first, so that the articles can be linked to the people and
    // organizations as they are read.
    let (articles, others): (Vec<&ContentFile>, Vec<&ContentFile>) =
        files.iter().partition(|f| f.kind == Kind::Article);
    let mut step = Step {
        tx: &tx,
        known: &known,
        root,
        trusted_before,
        report: &mut report,
        uncommitted: 0,
    };
    step.run(&others, None)?;
    // The names are compiled only when an article may have changed or anyone's names may
    // have: never on a start with nothing new.
    let names_changed = step
        .report
        .changed
        .iter()
        .any(|(k, _)| matches!(k, Kind::Person | Kind::Organization))
        || !mentions::linked(&tx)?;
    let articles_changed = articles
        .iter()
        .any(|f| known.get(&f.path).is_none_or(|k| k.stamp != Some(f.stamp)));
    let linker = (names_changed || articles_changed)
        .then(|| mentions::linker(&tx))
        .transpose()?;
    step.run(&articles, linker.as_ref())?;
    if let Some(linker) = &linker {
        mentions::finish(&tx, linker, &report.changed)?;
    }
    let cited = |k: &Kind| matches!(k, Kind::Article | Kind::Book | Kind::Person);
    if report.changed.iter().any(|(k, _)| cited(k)) {
        relink(&tx)?;
    }
    if report.changed() {
        problems::check_library(&tx)?;
        meta::bump_generation(&tx)?;
    }
    report.problems = problems::count_problems(&tx)?;
    tx.commit()?;
    report.millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(report)
}

/// One pass of the import over some files: reading and parsing (and linking articles) on
/// every core, a batch ahead of the inserts on this thread.
struct Step<'a> {
    tx: &'a Connection,
    known: &'a HashMap<String, Known>,
    root: &'a Roots,
    trusted_before: i64,
    report: &'a mut ImportReport,
    /// Bytes of changed files since the last commit.
    uncommitted: usize,
}

impl Step<'_> {
    fn run(&mut self, files: &[&ContentFile], linker: Option<&Linker>) -> Result<()> {
        let (known, root) = (self.known, self.root);
        std::thread::scope(|scope| -> Result<()> {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Result<Prepared>>>(2);
            scope.spawn(move || {
                for batch in files.chunks(BATCH) {
                    let prepared = batch
                        .par_iter()
                        .map(|f| prepare(f, known.get(&f.path), root, linker))
                        .collect();
                    if send.send(prepared).is_err() {
                        break; // the inserts stopped on an error
                    }
                }
            });
            for (batch, prepared) in files.chunks(BATCH).zip(receive) {
                for (file, prepared) in batch.iter().zip(prepared) {
                    self.insert(file, prepared?, linker)?;
                }
            }
            Ok(())
        })
    }

    fn insert(
        &mut self,
        file: &ContentFile,
        prepared: Prepared,
        linker: Option<&Linker>,
    ) -> Result<()> {
        let (tx, report) = (self.tx, &mut *self.report);
        let stamp = (file.stamp.mtime < self.trusted_before).then_some(file.stamp);
        match prepared {
            Prepared::Unchanged => report.unchanged += 1,
            Prepared::Touched => {
                report.unchanged += 1;
                sources::update_source_stamp(tx, &file.path, stamp)?;
            }
            Prepared::Changed(changed) => {
                let Changed {
                    source,
                    parsed,
                    mentions: found,
                } = *changed;
                let update = self.known.contains_key(&file.path);
                if update {
                    report.updated += 1;
                    sources::delete_source(tx, &source.path)?;
                } else {
                    report.added += 1;
                }
                let loaded = parsed.is_ok();
                add_source(tx, &source, stamp, parsed)?;
                if let (Some(linker), true) = (linker, loaded) {
                    mentions::store(tx, linker, &source.id, &found)?;
                }
                self.uncommitted += source.bytes.len();
                report.changed.push((source.kind, source.id));
                if self.uncommitted > COMMIT_BYTES {
                    // The caller's transaction goes on: its final commit (or its rollback on
                    // an error) covers the files after this point.
                    db::commit_so_far(tx)?;
                    self.uncommitted = 0;
                }
            }
        }
        Ok(())
    }
}

fn known_files(conn: &Connection) -> Result<HashMap<String, Known>> {
    Ok(sources::list_sources(conn)?
        .into_iter()
        .map(|r| {
            let known = Known {
                hash: r.hash,
                stamp: r.stamp,
            };
            (r.path, known)
        })
        .collect())
}

/// Reads, hashes and parses one file unless it is unchanged. Runs on any thread.
fn prepare(
    file: &ContentFile,
    known: Option<&Known>,
    root: &Roots,
    linker: Option<&Linker>,
) -> Result<Prepared> {
    if known.is_some_and(|k| k.stamp == Some(file.stamp)) {
        return Ok(Prepared::Unchanged);
    }
    let source = file.read()?;
    if known.is_some_and(|k| k.hash == source.hash) {
        return Ok(Prepared::Touched);
    }
    let mut source = source;
    let parsed = match &file.taken_by {
        Some(first) => Err(Problem::new(
            &source.path,
            1,
            "id",
            format!(
                "`{}` is also the id of {first}, which is read first; this file is not read (rename one of them)",
                source.id
            ),
        )),
        None => parse(&source, root),
    };
    if file.taken_by.is_some() {
        source.hash = format!("{SHADOWED}{}", source.hash);
    }
    let mentions = match (linker, &parsed) {
        (Some(linker), Ok(p)) => linker.find(&p.rendered.text),
        _ => Vec::new(),
    };
    Ok(Prepared::Changed(Box::new(Changed {
        source,
        parsed,
        mentions,
    })))
}

/// Empties the database and imports everything again.
pub fn rebuild(conn: &mut Connection, root: &Roots) -> Result<ImportReport> {
    sources::delete_all(conn)?;
    import(conn, root)
}

fn add_source(
    conn: &Connection,
    source: &Source,
    stamp: Option<FileStamp>,
    parsed: std::result::Result<Parsed, Problem>,
) -> Result<()> {
    sources::insert_source(conn, source, stamp)?;
    let parsed = match parsed {
        Ok(p) => p,
        Err(problem) => return problems::insert_problem(conn, &problem, "file"),
    };
    for p in &parsed.problems {
        problems::insert_problem(conn, p, "file")?;
    }
    for r in &parsed.references {
        refs::insert_ref(conn, &source.path, r)?;
    }
    for c in &parsed.citations {
        refs::insert_cite(conn, &source.path, c)?;
    }
    entries::insert_entry(conn, source, &parsed)?;
    match &parsed.meta {
        Meta::Organization(org) => histories::insert_history(conn, source, org)?,
        Meta::Article(_) => {
            citations::insert_footnote_texts(conn, &source.id, &source.path, &parsed)?
        }
        Meta::Book(_) => {
            for end in &parsed.offer_ends {
                let last_day = offers::last_day_key(end.valid_until);
                refs::insert_offer_end(conn, &source.path, end, last_day)?;
            }
        }
        _ => {}
    }
    Ok(())
}
