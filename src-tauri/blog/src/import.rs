//! Bringing a whole source into a blog folder: the posts of an export file, converted and
//! written, the folder's state kept.

use crate::error::Result;
use crate::state::{SourceKind, SourceState};
use crate::write::{Folder, WriteReport};
use crate::wxr::{self, ExportInfo, ExportOptions};
use std::collections::HashMap;
use std::path::Path;

/// Imports (or re-imports) an export file into the blog folder `root`. Posts already written
/// in the same or a newer version are left alone, so importing the same export twice changes
/// nothing and an older export never replaces newer content.
pub fn import_export(
    export: &Path,
    root: &Path,
    name: &str,
    options: ExportOptions,
    known_people: HashMap<String, String>,
) -> Result<(ExportInfo, WriteReport)> {
    let mut state = SourceState::load(root).unwrap_or_default();
    state.name = name.to_string();
    state.kind = SourceKind::Export;
    state.location = export.display().to_string();
    state.pages = options.pages;
    state.added.get_or_insert_with(jiff::Timestamp::now);
    let mut folder = Folder::open(root, state, known_people)?;
    let images = folder.state.images.clone();
    let local = |url: &str| images.get(url).cloned();
    let info = wxr::read(export, options, |post, site| {
        if folder.state.site_url.is_empty() {
            folder.state.site_url = post.url.as_deref().map(origin).unwrap_or_default();
        }
        folder.put(&post, site, &local)
    })?;
    if !info.site_url.is_empty() {
        folder.state.site_url = info.site_url.clone();
    }
    if !info.title.is_empty() {
        folder.state.title = info.title.clone();
    }
    folder.state.last_sync = Some(jiff::Timestamp::now());
    folder.finish()?;
    Ok((info, folder.report))
}

/// `https://host` of an address.
pub fn origin(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    url[..end].to_string()
}
