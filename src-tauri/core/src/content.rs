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

/// A content file found on disk, not yet read.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub kind: Kind,
    /// The id or slug: the file name without `.md`.
    pub id: String,
    /// Path relative to the content folder, with `/` separators (`articles/x.md`).
    pub path: String,
    pub file: PathBuf,
    pub stamp: FileStamp,
    /// Another content file, earlier in the roots, that already uses this kind and id: this
    /// one is then not read, and its problem says so.
    pub taken_by: Option<String>,
}

/// A file's size and modification time, to skip reading files that have not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: i64,
    /// Nanoseconds since the Unix epoch.
    pub mtime: i64,
}

/// Lists every `*.md` file directly inside the content folder's kind folders (`articles/`,
/// `people/`, `organizations/`, `books/`, `series/`), sorted by path. Other files (images)
/// are left for the renderer; a missing kind folder is simply empty.
pub fn list(root: &Path) -> Result<Vec<ContentFile>> {
    if !root.is_dir() {
        return Err(Error::new(
            ErrorKind::Content,
            format!("content folder {} does not exist", root.display()),
        ));
    }
    let mut found = Vec::new();
    for kind in Kind::ALL {
        let dir = root.join(kind.folder());
        if !dir.is_dir() {
            continue;
        }
        let mut files: Vec<(PathBuf, std::fs::Metadata)> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m)))
            .filter(|(_, m)| m.is_file())
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (file, meta) in files {
            let text = |s: Option<&std::ffi::OsStr>| {
                s.map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            let (id, name) = (text(file.file_stem()), text(file.file_name()));
            found.push(ContentFile {
                kind,
                id,
                path: format!("{}/{name}", kind.folder()),
                stamp: FileStamp {
                    size: i64::try_from(meta.len()).unwrap_or(i64::MAX),
                    mtime: nanos(meta.modified().ok()),
                },
                file,
                taken_by: None,
            });
        }
    }
    Ok(found)
}

impl ContentFile {
    /// Reads and hashes the file.
    pub fn read(&self) -> Result<Source> {
        let bytes = std::fs::read(&self.file)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", self.file.display())))?;
        Ok(Source {
            kind: self.kind,
            id: self.id.clone(),
            path: self.path.clone(),
            hash: hash(&bytes),
            bytes,
        })
    }
}

/// Nanoseconds since the Unix epoch, 0 when unknown.
pub fn nanos(t: Option<std::time::SystemTime>) -> i64 {
    t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(0)
}

/// The kind and id of a content path such as `articles/x.md` (or, in a blog's folder,
/// `blogs/<name>/articles/x.md`).
pub fn key_of_path(path: &str) -> Option<(Kind, String)> {
    let (rest, file) = path.rsplit_once('/')?;
    let folder = rest.rsplit('/').next()?;
    let kind = Kind::ALL.into_iter().find(|k| k.folder() == folder)?;
    Some((kind, file.strip_suffix(".md")?.to_string()))
}

pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `id` is a valid slug: lower-case ASCII letters, digits and single hyphens (one
/// rule, shared with the blog importer, which never writes a file the library refuses).
pub use lectern_blog::slug::is_slug;

/// Why a `/`-separated relative path could leave its folder or name another file on some
/// platform (one rule with the blog importer's file names).
pub use lectern_blog::file_name::relative_path_problem;

/// One folder the library is read from: the bundled starter library, or a blog's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// Its name for the reader (`starter`, or the blog's name).
    pub name: String,
    /// What its content paths start with: empty for the starter library, `blogs/<name>/` for
    /// a blog, so that every file of every root has one path of its own.
    pub prefix: String,
    pub dir: PathBuf,
}

/// The folders the library is read from, in order: where two use the same kind and id, the
/// first keeps it and the other is reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roots(Vec<Root>);

/// The prefix of a blog's content paths.
pub fn blog_prefix(name: &str) -> String {
    format!("blogs/{name}/")
}

impl Roots {
    /// One folder, as the library was before blogs.
    pub fn single(dir: &Path) -> Self {
        Self(vec![Root {
            name: "starter".into(),
            prefix: String::new(),
            dir: dir.to_owned(),
        }])
    }

    /// No folder at all (a note's Markdown has no images of its own).
    pub fn none() -> Self {
        Self(Vec::new())
    }

    pub fn push(&mut self, root: Root) {
        self.0.push(root);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Root> {
        self.0.iter()
    }

    /// The file a content path stands for, in the root whose prefix it starts with. `None`
    /// for a path that would leave its root.
    pub fn resolve(&self, path: &str) -> Option<PathBuf> {
        self.locate(path).map(|(_, file)| file)
    }

    /// The root a content path belongs to and the file it stands for, as [`Roots::resolve`].
    /// The path below the root must be plain parts between `/`, each a file name valid on
    /// every platform ([`relative_path_problem`]): whatever the platform, no root, drive,
    /// share, `\\`, `.` or `..`, and no name Windows reads as a device.
    pub fn locate(&self, path: &str) -> Option<(&Root, PathBuf)> {
        let root = self
            .0
            .iter()
            .filter(|r| path.starts_with(&r.prefix))
            .max_by_key(|r| r.prefix.len())?;
        let relative = &path[root.prefix.len()..];
        relative_path_problem(relative)
            .is_none()
            .then(|| (root, root.dir.join(relative)))
    }

    /// Every content file of every root, with its root's prefix. A root that does not exist is
    /// empty, unless no root exists at all.
    pub fn list(&self) -> Result<Vec<ContentFile>> {
        let mut files = Vec::new();
        let mut taken: std::collections::HashMap<(Kind, String), String> = Default::default();
        let mut any = false;
        for root in &self.0 {
            if !root.dir.is_dir() {
                continue;
            }
            any = true;
            for mut file in list(&root.dir)? {
                file.path = format!("{}{}", root.prefix, file.path);
                match taken.get(&(file.kind, file.id.clone())) {
                    Some(first) => file.taken_by = Some(first.clone()),
                    None => {
                        taken.insert((file.kind, file.id.clone()), file.path.clone());
                    }
                }
                files.push(file);
            }
        }
        match (any, self.0.first()) {
            (false, Some(first)) => list(&first.dir),
            _ => Ok(files),
        }
    }
}
