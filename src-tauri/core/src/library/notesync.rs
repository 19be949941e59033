//! Notes sync through a folder, at the library's door: the notes' own run
//! ([`crate::notes::sync::run`]), then the notes that came from other devices placed in this
//! library's text of their articles (another device may hold another version of it).

use super::Library;
use crate::error::Result;
use crate::notes::sync::{SyncReport, SyncStatus};
use crate::notes::Resolution;
use std::path::Path;

impl Library {
    /// Runs notes sync once with the chosen folder.
    pub fn sync_notes(&self) -> Result<SyncReport> {
        let report = self.notes.sync()?;
        for slug in &report.articles {
            if let Ok(text) = self.article_text(slug) {
                self.notes.reanchor(slug, &text)?;
            }
        }
        Ok(report)
    }

    /// Chooses the folder notes sync through, or none.
    pub fn set_sync_folder(&self, folder: Option<&Path>) -> Result<()> {
        self.notes.set_sync_folder(folder, self.data_dir.as_deref())
    }

    /// Sync as the reader sees it.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        self.notes.sync_status()
    }

    /// Settles a conflict copy the way the reader chose, and places the note kept.
    pub fn resolve_conflict(&self, copy: &str, how: Resolution) -> Result<()> {
        if let Some(kept) = self.notes.resolve_conflict(copy, how)? {
            if let Ok(text) = self.article_text(&kept.article) {
                self.notes.reanchor(&kept.article, &text)?;
            }
        }
        Ok(())
    }
}
