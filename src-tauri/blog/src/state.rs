//! What a blog's folder remembers of its source, in `source.json` beside the content: where
//! it comes from, and for every post the file it became, the version written and that file's
//! hash (to tell the reader's own edits from ours).

use crate::error::{BlogError, Result};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const STATE_FILE: &str = "source.json";

/// Which way the blog comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    #[default]
    Export,
    Rest,
    Feed,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceState {
    pub name: String,
    pub kind: SourceKind,
    /// The export file's path or the site's (or feed's) address.
    pub location: String,
    pub title: String,
    pub site_url: String,
    pub pages: bool,
    pub added: Option<Timestamp>,
    pub last_sync: Option<Timestamp>,
    /// A feed's validators, sent back on the next poll.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Posts by key (`id:123`, or `url:<address>` where the source has no ids).
    pub posts: BTreeMap<String, PostState>,
    /// Series this source made: id -> title and parts.
    pub series: BTreeMap<String, SeriesState>,
    /// People this source made: id -> name.
    pub people: BTreeMap<String, String>,
    /// Images stored: address -> path relative to the folder.
    pub images: BTreeMap<String, String>,
    /// Images that could not be fetched: address -> why.
    pub failed_images: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostState {
    pub slug: String,
    pub title: String,
    /// The version written (modified, else published).
    pub version: Option<Timestamp>,
    /// SHA-256 of the file as written; a file on disk with another hash was edited here.
    pub hash: String,
    /// Gone from the site; the article stays, marked.
    pub removed: bool,
    /// A newer upstream version waits beside the reader's edited file.
    pub conflict: bool,
    /// Images it shows that could not be fetched (shown as their alt text): tried again at
    /// every sync that sees the post.
    pub missing_images: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SeriesState {
    pub title: String,
    pub parts: BTreeMap<u32, String>,
    /// How many parts a title announced ("of 9"), when one did.
    pub total: Option<u32>,
}

impl SourceState {
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(STATE_FILE);
        let bytes = std::fs::read(&path).map_err(|e| BlogError::io(&path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| BlogError::Io {
            path: path.display().to_string(),
            message: format!("line {}: {e}", e.line()),
        })
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        let json =
            serde_json::to_vec_pretty(self).map_err(|e| BlogError::Invalid(e.to_string()))?;
        crate::write::atomic_write(&root.join(STATE_FILE), &json)
    }
}

/// The key a post is remembered by: the site's id, else its address.
pub fn post_key(site_id: u64, url: Option<&str>) -> String {
    match (site_id, url) {
        (0, Some(url)) => format!("url:{url}"),
        (id, _) => format!("id:{id}"),
    }
}
