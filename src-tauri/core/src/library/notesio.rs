//! Notes out of and into the library: exports written only inside the folder (or as the file)
//! the reader chose, and imports of JSON-LD or Hypothesis files, bounded in size, placed in
//! the articles' current texts.

use super::Library;
use crate::db::articles;
use crate::db::entries::{get_entry, list_titles};
use crate::error::{Error, ErrorKind, Result};
use crate::files;
use crate::model::Kind;
use crate::notes::exchange::{self, NotesFormat};
use crate::notes::hypothesis::{self, Pages, Unmatched};
use crate::notes::limits::MAX_FILE_BYTES;
use crate::notes::{Filter, Incoming, Merged};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The file `out` made sure to be a plain file name in its folder (see [`files::inside`]).
fn export_file(out: &Path) -> Result<PathBuf> {
    let name = out.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        Error::new(
            ErrorKind::Invalid,
            format!("{}: not a file name to export to", out.display()),
        )
    })?;
    files::inside(out.parent().unwrap_or(Path::new("")), name)
}

/// The text of a notes file, refused when it is larger than an import takes.
fn read_bounded(path: &Path) -> Result<String> {
    let failed = |e: std::io::Error| Error::new(ErrorKind::Io, format!("{}: {e}", path.display()));
    let too_big = |size: u64| {
        Error::new(
            ErrorKind::Invalid,
            format!(
                "{}: {size} bytes, over the {MAX_FILE_BYTES} bytes (64 MiB) a notes file may have",
                path.display()
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the cap, for a file that grows (or is no regular file).
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Invalid,
            format!(
                "{}: not UTF-8 text (at byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

impl Library {
    /// Writes every annotation in `format` to `out` (a folder, for Markdown: a file per
    /// article); what was written. Nothing is written outside `out` (or, for one file, outside
    /// its folder), whatever the notes say.
    pub fn export_notes(&self, format: NotesFormat, out: &Path) -> Result<Vec<PathBuf>> {
        let all = self.notes.list_unrendered(&Filter::default())?;
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let written = match format {
            NotesFormat::Markdown => {
                let titles = list_titles(&*self.conn()?, Kind::Article)?
                    .into_iter()
                    .collect();
                std::fs::create_dir_all(out)?;
                let mut paths = Vec::new();
                for (name, text) in
                    exchange::markdown(&all, &titles, &jiff::Timestamp::now().to_string())
                {
                    let path = files::inside(out, &name)?;
                    files::write_atomic(&path, text.as_bytes())?;
                    paths.push(path);
                }
                paths
            }
            NotesFormat::Jsonld => {
                let path = export_file(out)?;
                let id = format!("urn:uuid:{}", uuid::Uuid::new_v4());
                files::write_atomic(&path, exchange::jsonld(&all, &id).as_bytes())?;
                vec![path]
            }
            NotesFormat::Csv => {
                let path = export_file(out)?;
                files::write_atomic(&path, exchange::csv(&all)?.as_bytes())?;
                vec![path]
            }
        };
        Ok(written)
    }

    /// Merges the annotations of a file: W3C JSON-LD (see [`crate::notes::Notes::merge`]) or
    /// Hypothesis's export or API objects, placed by their quotes in the articles their pages
    /// are. A file over 64 MiB is refused; what is not imported is reported, each with why.
    pub fn import_notes(&self, path: &Path) -> Result<Merged> {
        let located = |e: Error| Error::new(e.kind, format!("{}: {}", path.display(), e.message));
        let text = read_bounded(path)?;
        let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::new(
                ErrorKind::Invalid,
                format!("{}: not JSON: {e}", path.display()),
            )
        })?;
        let text_of = |slug: &str| -> Option<String> {
            let conn = self.conn().ok()?;
            get_entry(&conn, Kind::Article, slug)
                .ok()
                .flatten()
                .map(|r| r.text)
        };
        if !hypothesis::is_hypothesis(&doc) {
            drop(text);
            let (mut incoming, mut unreadable) = exchange::read_jsonld_value(&doc);
            for (i, reason) in self.notes.resolve_threads(&mut incoming)? {
                unreadable.push(exchange::Unreadable {
                    item: i.item,
                    id: Some(i.annotation.id),
                    reason,
                });
            }
            let mut merged = self.notes.merge(incoming, &text_of)?;
            unreadable.append(&mut merged.unreadable);
            unreadable.sort_by_key(|u| u.item);
            merged.unreadable = unreadable;
            return Ok(merged);
        }
        let pages = Pages::new(
            articles::list_article_urls(&*self.conn()?)?
                .into_iter()
                .map(|(slug, title, url)| hypothesis::Page { slug, title, url })
                .collect(),
        );
        let (read, unreadable) = hypothesis::parse(&doc).map_err(located)?;
        let mut incoming = Vec::new();
        let mut unmatched = Vec::new();
        let mut foreign = std::collections::HashMap::new();
        for (item, f) in read {
            let article = match pages.find(&f) {
                Ok(page) => page.slug.clone(),
                // A reply off the library's pages may still answer a note on one.
                Err(_) if !f.references.is_empty() => String::new(),
                Err(reason) => {
                    unmatched.push(Unmatched::new(f, reason));
                    continue;
                }
            };
            let annotation = hypothesis::annotation(&f, &article);
            foreign.insert(annotation.id.clone(), f);
            incoming.push(Incoming { item, annotation });
        }
        for (i, reason) in self.notes.resolve_threads(&mut incoming)? {
            if let Some(f) = foreign.remove(&i.annotation.id) {
                unmatched.push(Unmatched::new(f, reason));
            }
        }
        let mut merged = self.notes.merge(incoming, &text_of)?;
        merged.unmatched = unmatched;
        let mut all = unreadable;
        all.append(&mut merged.unreadable);
        all.sort_by_key(|u| u.item);
        merged.unreadable = all;
        Ok(merged)
    }
}
