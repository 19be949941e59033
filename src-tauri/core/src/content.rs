//! Walking the content folder: one [`Source`] per content file, with its bytes and hash.

use crate::error::{Error, ErrorKind, Result};
use crate::model::Kind;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One content file as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: Kind,
    /// The id or slug: the file name without `.md`.
    pub id: String,
    /// Path relative to the content folder, with `/` separators (`articles/x.md`).
    pub path: String,
    pub bytes: Vec<u8>,
    /// Hex SHA-256 of the bytes.
    pub hash: String,
}

/// Reads every `*.md` file directly inside the content folder's kind folders
/// (`articles/`, `people/`, `organizations/`, `books/`, `series/`), sorted by path.
/// Other files (images) are left for the renderer; a missing kind folder is simply empty.
pub fn load(root: &Path) -> Result<Vec<Source>> {
    if !root.is_dir() {
        return Err(Error::new(
            ErrorKind::Content,
            format!("content folder {} does not exist", root.display()),
        ));
    }
    let mut sources = Vec::new();
    for kind in Kind::ALL {
        let dir = root.join(kind.folder());
        if !dir.is_dir() {
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", file.display())))?;
            let id = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = file
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            sources.push(Source {
                kind,
                id,
                path: format!("{}/{name}", kind.folder()),
                hash: hash(&bytes),
                bytes,
            });
        }
    }
    Ok(sources)
}

/// The kind and id of a content path such as `articles/x.md`.
pub fn key_of_path(path: &str) -> Option<(Kind, String)> {
    let (folder, file) = path.split_once('/')?;
    let kind = Kind::ALL.into_iter().find(|k| k.folder() == folder)?;
    Some((kind, file.strip_suffix(".md")?.to_string()))
}

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `id` is a valid slug: lower-case ASCII letters, digits and single hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
