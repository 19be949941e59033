//! Blogs from the app: added from an export chosen in the open dialog or from an address,
//! synced, with progress sent to the window and a way to cancel; a daily check at start when
//! the reader allows it.

use crate::desk::{Desk, ImportStatus, LibraryImported};
use lectern_core::{
    BlogControl, BlogProgress, BlogReport, BlogSettings, BlogSource, Error, ErrorKind,
    ImportReport, Result,
};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

/// How far adding or syncing a blog has come: posts, images, bytes and time.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct BlogWorkProgress {
    pub posts: u32,
    pub posts_total: Option<u32>,
    pub images: u32,
    pub images_failed: u32,
    pub bytes: f64,
    pub elapsed_ms: f64,
    pub eta_ms: Option<f64>,
}

impl From<&BlogProgress> for BlogWorkProgress {
    fn from(p: &BlogProgress) -> Self {
        let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            posts: n(p.posts),
            posts_total: p.posts_total.map(n),
            images: n(p.images),
            images_failed: n(p.images_failed),
            bytes: p.bytes as f64,
            elapsed_ms: p.elapsed_ms as f64,
            eta_ms: p.eta_ms.map(|e| e as f64),
        }
    }
}

/// A control for one piece of blog work: progress to the window, cancel kept in the desk.
fn control(app: &AppHandle, desk: &Desk) -> BlogControl {
    let cancel = Arc::new(AtomicBool::new(false));
    desk.set_blog_cancel(Some(cancel.clone()));
    let handle = app.clone();
    BlogControl {
        cancel,
        skip_images: false,
        progress: Some(Arc::new(move |p: &BlogProgress| {
            let _ = BlogWorkProgress::from(p).emit(&handle);
        })),
    }
}

/// Tells the window the library changed, as the start-up import does.
fn imported(app: &AppHandle, desk: &Desk) {
    let status = ImportStatus {
        running: false,
        report: None,
        error: None,
    };
    desk.set_status(status.clone());
    let _ = LibraryImported(status).emit(app);
}

/// Adds a blog from an address (site or feed) or an export path.
pub async fn add(
    app: &AppHandle,
    desk: &Desk,
    source: BlogSource,
    name: Option<String>,
) -> Result<BlogReport> {
    let control = control(app, desk);
    let report = desk
        .library()?
        .add_blog(source, name.as_deref(), &control)
        .await;
    desk.set_blog_cancel(None);
    imported(app, desk);
    report
}

/// Adds a blog from an export file chosen in the open dialog; nothing when cancelled.
pub async fn add_export(
    app: &AppHandle,
    desk: &Desk,
    name: Option<String>,
    pages: bool,
) -> Result<Option<BlogReport>> {
    let path = match crate::export::stand_in("LECTERN_IMPORT_FILE") {
        Some(file) => Some(file),
        None => app
            .dialog()
            .file()
            .add_filter("WordPress export", &["xml"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let source = BlogSource::Export {
        path: path.display().to_string(),
        pages,
    };
    add(app, desk, source, name).await.map(Some)
}

/// Fetches what changed on one blog or all.
pub async fn sync(app: &AppHandle, desk: &Desk, name: Option<String>) -> Result<Vec<BlogReport>> {
    let control = control(app, desk);
    let reports = desk.library()?.sync_blogs(name.as_deref(), &control).await;
    desk.set_blog_cancel(None);
    imported(app, desk);
    reports
}

/// Removes a blog; the window hears that the library changed.
pub fn remove(app: &AppHandle, desk: &Desk, name: &str) -> Result<ImportReport> {
    let report = desk.library()?.remove_blog(name);
    imported(app, desk);
    report
}

/// Changes the reader's choices about sources; the window hears that the library changed.
pub fn set_settings(app: &AppHandle, desk: &Desk, settings: BlogSettings) -> Result<ImportReport> {
    let report = desk.library()?.set_blog_settings(settings);
    imported(app, desk);
    report
}

/// Cancels the blog work running, if any: what was written stays, a later run resumes.
pub fn cancel(desk: &Desk) -> Result<()> {
    match desk.blog_cancel() {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            Ok(())
        }
        None => Err(Error::new(ErrorKind::NotFound, "no blog work is running")),
    }
}

/// At start, when the reader allows it and a day has passed, checks every blog for new
/// articles, quietly (offline changes nothing).
pub fn check_daily(app: &AppHandle) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = handle.state::<Desk>();
        let due = desk.library().is_ok_and(|lib| lib.daily_check_due());
        if due {
            let _ = sync(&handle, &desk, None).await;
        }
    });
}
