//! The app's state: the library (or why it could not be opened) and the start-up import.

use lectern_core::{Error, ImportReport, Library, Result};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// Where the start-up import stands.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct ImportStatus {
    pub running: bool,
    pub report: Option<ImportReport>,
    pub error: Option<Error>,
}

/// Sent when an import has finished, with what changed.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct LibraryImported(pub ImportStatus);

/// Managed state: the library, opened once at start.
pub struct Desk {
    library: Result<Library>,
    status: Mutex<ImportStatus>,
    /// The cancel flag of the blog work running, if any.
    blog_cancel: Mutex<Option<Arc<AtomicBool>>>,
}

impl Desk {
    pub fn new(library: Result<Library>) -> Self {
        let error = library.as_ref().err().cloned();
        Self {
            library,
            status: Mutex::new(ImportStatus {
                running: false,
                report: None,
                error,
            }),
            blog_cancel: Mutex::new(None),
        }
    }

    pub fn blog_cancel(&self) -> Option<Arc<AtomicBool>> {
        self.blog_cancel.lock().ok().and_then(|c| c.clone())
    }

    pub fn set_blog_cancel(&self, flag: Option<Arc<AtomicBool>>) {
        if let Ok(mut c) = self.blog_cancel.lock() {
            *c = flag;
        }
    }

    pub fn library(&self) -> Result<&Library> {
        self.library.as_ref().map_err(Clone::clone)
    }

    pub fn status(&self) -> ImportStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn set_status(&self, status: ImportStatus) {
        if let Ok(mut s) = self.status.lock() {
            *s = status;
        }
    }
}
