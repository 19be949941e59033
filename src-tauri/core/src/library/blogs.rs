//! Blogs beside the starter library. Each lives in its own folder, `<data>/blogs/<name>/`, in
//! exactly the format of `content/`, brought in and kept current by lectern-blog and read by
//! the one import; its notes are re-anchored like any other article's.

use super::Library;
use crate::content::{blog_prefix, Root, Roots};
use crate::db::entries::list_names;
use crate::error::{Error, ErrorKind, Result};
use crate::import::{ImportReport, NotesPlaced};
use crate::model::Kind;
use lectern_blog::state::{SourceKind, SourceState, STATE_FILE};
use lectern_blog::sync::{self, Control, SourceSpec, SyncReport};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The folder of the data folder that holds the blogs.
pub const BLOGS_DIR: &str = "blogs";
/// The reader's choices about sources, in the blogs folder.
const SETTINGS_FILE: &str = "settings.json";

/// Where a blog comes from, as the reader gives it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlogSource {
    /// A WordPress export file (WXR); pages become articles too when `pages`.
    Export { path: String, pages: bool },
    /// A live WordPress site, through its REST API.
    Site { url: String },
    /// An RSS or Atom feed with full text.
    Feed { url: String },
}

/// A blog as the reader sees it in the list of sources.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BlogInfo {
    pub name: String,
    pub title: String,
    /// `export`, `site` or `feed`.
    pub kind: String,
    /// The export file or the address it is synced from.
    pub location: String,
    pub site_url: String,
    pub articles: u32,
    /// Articles deleted on the blog, kept here.
    pub removed: u32,
    /// Articles edited here whose newer version waits beside them (`<slug>.md.upstream`).
    pub conflicts: Vec<String>,
    pub failed_images: u32,
    /// When it was last synced (RFC 3339), if ever.
    pub last_sync: Option<String>,
}

/// What adding or syncing a blog did, for the reader.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct BlogReport {
    pub name: String,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: u32,
    /// Posts of an older version than the one kept (an older export): left alone.
    pub older: u32,
    pub conflicts: Vec<String>,
    /// `article: [shortcode]` of shortcodes not understood, kept as text.
    pub unknown_shortcodes: Vec<String>,
    pub images_stored: u32,
    /// Images that could not be fetched, each with its address and why (shown as their alt
    /// text, linked).
    pub images_failed: Vec<String>,
    /// The site could not be reached: nothing changed.
    pub offline: bool,
    /// The feed said nothing changed.
    pub not_modified: bool,
    /// What happened to the notes on changed articles.
    pub notes: Vec<NotesPlaced>,
    /// Content problems in the whole library after the import.
    pub problems: u32,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Settings {
    starter_hidden: bool,
    daily_check: bool,
    /// When the daily check last ran (RFC 3339).
    last_daily_check: Option<String>,
}

/// The reader's choices about sources.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BlogSettings {
    /// The bundled starter library is read beside the blogs.
    pub starter_shown: bool,
    /// Blogs are checked for new articles once a day at start.
    pub daily_check: bool,
}

fn settings(data_dir: &Path) -> Settings {
    std::fs::read(data_dir.join(BLOGS_DIR).join(SETTINGS_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn save_settings(data_dir: &Path, s: &Settings) -> Result<()> {
    let dir = data_dir.join(BLOGS_DIR);
    std::fs::create_dir_all(&dir)?;
    crate::files::write_atomic(&dir.join(SETTINGS_FILE), &serde_json::to_vec_pretty(s)?)
}

/// The folders the library is read from: the starter library (unless the reader hid it), then
/// every blog, by name.
pub fn roots(data_dir: &Path, starter: &Path) -> Roots {
    let mut roots = Roots::none();
    if !settings(data_dir).starter_hidden {
        roots.push(Root {
            name: "starter".into(),
            prefix: String::new(),
            dir: starter.to_owned(),
        });
    }
    for (name, dir) in blog_dirs(data_dir) {
        roots.push(Root {
            prefix: blog_prefix(&name),
            name,
            dir,
        });
    }
    roots
}

fn blog_dirs(data_dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(BLOGS_DIR)) else {
        return Vec::new();
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join(STATE_FILE).is_file())
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .filter(|(name, _)| crate::content::is_slug(name))
        .collect();
    dirs.sort();
    dirs
}

fn blog_error(e: lectern_blog::BlogError) -> Error {
    let kind = match &e {
        lectern_blog::BlogError::Io { .. } => ErrorKind::Io,
        lectern_blog::BlogError::Offline { .. } => ErrorKind::Offline,
        lectern_blog::BlogError::Cancelled => ErrorKind::Cancelled,
        _ => ErrorKind::Invalid,
    };
    Error::new(kind, e.to_string())
}

/// A name for a blog when the reader gives none: the site's host, or the export file's name.
fn default_name(source: &BlogSource) -> String {
    let text = match source {
        BlogSource::Export { path, .. } => Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        BlogSource::Site { url } | BlogSource::Feed { url } => {
            let host = url.split("://").nth(1).unwrap_or(url);
            host.split('/')
                .next()
                .unwrap_or(host)
                .trim_start_matches("www.")
                .to_string()
        }
    };
    let name = lectern_blog::slug::slugify(&text);
    if name.is_empty() {
        "blog".into()
    } else {
        name
    }
}

impl Library {
    fn blogs_dir(&self) -> Result<PathBuf> {
        self.data_dir
            .as_ref()
            .map(|d| d.join(BLOGS_DIR))
            .ok_or_else(|| Error::new(ErrorKind::Invalid, "an in-memory library keeps no blogs"))
    }

    fn reload_roots(&self) {
        if let (Some(data_dir), Ok(mut roots)) = (&self.data_dir, self.roots.write()) {
            *roots = self::roots(data_dir, &self.starter);
        }
    }

    /// The people the library knows, by folded name and alias, for matching authors.
    fn known_people(&self) -> Result<HashMap<String, String>> {
        let mut known = HashMap::new();
        for row in list_names(&*self.conn()?)?
            .into_iter()
            .filter(|r| r.kind == Kind::Person)
        {
            for name in std::iter::once(&row.name).chain(&row.aliases) {
                known
                    .entry(lectern_blog::write::fold_name(name))
                    .or_insert_with(|| row.id.clone());
            }
        }
        Ok(known)
    }

    /// Every blog added, with what it holds.
    pub fn list_blogs(&self) -> Result<Vec<BlogInfo>> {
        let Some(data_dir) = &self.data_dir else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, dir) in blog_dirs(data_dir) {
            let state = SourceState::load(&dir).map_err(blog_error)?;
            let live = state.posts.values().filter(|p| !p.removed).count();
            out.push(BlogInfo {
                name,
                title: state.title.clone(),
                kind: match state.kind {
                    SourceKind::Export => "export",
                    SourceKind::Rest => "site",
                    SourceKind::Feed => "feed",
                }
                .into(),
                location: state.location.clone(),
                site_url: state.site_url.clone(),
                articles: u32::try_from(live).unwrap_or(u32::MAX),
                removed: u32::try_from(state.posts.len() - live).unwrap_or(u32::MAX),
                conflicts: state
                    .posts
                    .values()
                    .filter(|p| p.conflict)
                    .map(|p| p.slug.clone())
                    .collect(),
                failed_images: u32::try_from(state.failed_images.len()).unwrap_or(u32::MAX),
                last_sync: state.last_sync.map(|t| t.to_string()),
            });
        }
        Ok(out)
    }

    /// Adds a blog (or goes on adding one that was stopped): its posts are written to its own
    /// folder, then imported with everything else.
    pub async fn add_blog(
        &self,
        source: BlogSource,
        name: Option<&str>,
        control: &Control,
    ) -> Result<BlogReport> {
        let name = match name.map(lectern_blog::slug::slugify) {
            Some(n) if !n.is_empty() => n,
            Some(_) => {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    "a blog's name needs a letter or a digit",
                ))
            }
            None => default_name(&source),
        };
        let root = self.blogs_dir()?.join(&name);
        let spec = match source {
            BlogSource::Export { path, pages } => SourceSpec::Export {
                path: PathBuf::from(path),
                pages,
            },
            BlogSource::Site { url } => SourceSpec::Rest {
                url: checked_url(&url)?,
            },
            BlogSource::Feed { url } => SourceSpec::Feed {
                url: checked_url(&url)?,
            },
        };
        if let Ok(existing) = SourceState::load(&root) {
            let location = match &spec {
                SourceSpec::Export { path, .. } => std::path::absolute(path)
                    .unwrap_or(path.clone())
                    .display()
                    .to_string(),
                SourceSpec::Rest { url } => lectern_blog::rest::api_base(url),
                SourceSpec::Feed { url } => url.trim().to_string(),
            };
            if existing.location != location && existing.kind != SourceKind::Export {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    format!(
                        "a blog named `{name}` already exists ({})",
                        existing.location
                    ),
                ));
            }
        }
        let known = self.known_people()?;
        let report = sync::add(spec, &root, &name, known, control).await;
        self.after_sync(&name, report)
    }

    /// Brings one blog (or every blog) up to date with its source: only what changed is
    /// fetched, changed articles' notes are placed anew.
    pub async fn sync_blogs(
        &self,
        name: Option<&str>,
        control: &Control,
    ) -> Result<Vec<BlogReport>> {
        let Some(data_dir) = &self.data_dir else {
            return Ok(Vec::new());
        };
        let blogs: Vec<(String, PathBuf)> = blog_dirs(data_dir)
            .into_iter()
            .filter(|(n, _)| name.is_none_or(|w| w == n))
            .collect();
        if let (Some(name), true) = (name, blogs.is_empty()) {
            return Err(Error::not_found("blog", name));
        }
        let mut reports = Vec::new();
        for (name, dir) in blogs {
            let known = self.known_people()?;
            let report = sync::sync(&dir, known, control).await;
            reports.push(self.after_sync(&name, report)?);
        }
        Ok(reports)
    }

    fn after_sync(
        &self,
        name: &str,
        report: lectern_blog::Result<SyncReport>,
    ) -> Result<BlogReport> {
        let report = report.map_err(blog_error)?;
        self.reload_roots();
        let imported = if report.offline || report.not_modified {
            ImportReport::default()
        } else {
            tokio::task::block_in_place(|| self.import())?
        };
        let posts = report.posts;
        let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(BlogReport {
            name: name.to_string(),
            added: posts.added,
            changed: posts.changed,
            removed: posts.removed,
            unchanged: count(posts.unchanged),
            older: count(posts.older),
            conflicts: posts.conflicts,
            unknown_shortcodes: posts
                .unknown_shortcodes
                .into_iter()
                .map(|(a, s)| format!("{a}: [{s}]"))
                .collect(),
            images_stored: count(report.images_stored),
            images_failed: report
                .images_failed
                .into_iter()
                .map(|(_, why)| why)
                .collect(),
            offline: report.offline,
            not_modified: report.not_modified,
            notes: imported.notes,
            problems: imported.problems,
        })
    }

    /// Removes a blog: its folder goes, its articles leave the library, and notes on them are
    /// kept as orphans with their quotes.
    pub fn remove_blog(&self, name: &str) -> Result<ImportReport> {
        let dir = self.blogs_dir()?.join(name);
        if !crate::content::is_slug(name) || !dir.join(STATE_FILE).is_file() {
            return Err(Error::not_found("blog", name));
        }
        std::fs::remove_dir_all(&dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", dir.display())))?;
        self.reload_roots();
        self.import()
    }

    /// The reader's choices about sources.
    pub fn blog_settings(&self) -> Result<BlogSettings> {
        let s = self.data_dir.as_deref().map(settings).unwrap_or_default();
        Ok(BlogSettings {
            starter_shown: !s.starter_hidden,
            daily_check: s.daily_check,
        })
    }

    /// Changes them; showing or hiding the starter library imports again.
    pub fn set_blog_settings(&self, new: BlogSettings) -> Result<ImportReport> {
        let data_dir = self.data_dir.as_deref().ok_or_else(|| {
            Error::new(ErrorKind::Invalid, "an in-memory library keeps no settings")
        })?;
        let mut s = settings(data_dir);
        let starter_changed = s.starter_hidden == new.starter_shown;
        s.starter_hidden = !new.starter_shown;
        s.daily_check = new.daily_check;
        save_settings(data_dir, &s)?;
        if !starter_changed {
            return Ok(ImportReport::default());
        }
        self.reload_roots();
        self.import()
    }

    /// Whether the daily check should run now (allowed, and a day since the last); if so,
    /// it is recorded as run.
    pub fn daily_check_due(&self) -> bool {
        let Some(data_dir) = self.data_dir.as_deref() else {
            return false;
        };
        let mut s = settings(data_dir);
        let now = jiff::Timestamp::now();
        let last = s
            .last_daily_check
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        let due = s.daily_check && last.is_none_or(|l| now.duration_since(l).as_hours() >= 24);
        if due {
            s.last_daily_check = Some(now.to_string());
            let _ = save_settings(data_dir, &s);
        }
        due
    }
}

/// An address a blog can be read from: `https://` or `http://` (accepted, as local and older
/// sites use it; the CLI warns).
fn checked_url(url: &str) -> Result<String> {
    let url = url.trim();
    let ok =
        (url.starts_with("https://") || url.starts_with("http://")) && url.len() > "https://".len();
    if ok {
        Ok(url.to_string())
    } else {
        Err(Error::new(
            ErrorKind::Invalid,
            format!("`{url}` is not a web address (https://…)"),
        ))
    }
}
