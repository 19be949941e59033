//! Notes sync in the app: one thread that runs lectern-core's sync when the app has started,
//! a moment after the reader's notes change, when another device's files arrive in the sync
//! folder (watched), and every few minutes anyway (sooner after a run that failed, say on a
//! folder that is missing). Each run's report goes to the window as [`NotesSynced`].

use crate::desk::Desk;
use lectern_core::notes::sync::SyncReport;
use lectern_core::{Error, Library, Result};
use notify::{RecursiveMode, Watcher};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_specta::Event;

/// How long after a change of the notes sync runs (more changes meanwhile go with it).
const AFTER_NOTES: Duration = Duration::from_secs(2);
/// How long after the folder's files change sync runs (a sync tool writes in bursts).
const AFTER_FOLDER: Duration = Duration::from_secs(1);
/// How often sync runs with nothing to prompt it, and how soon it tries again after a failure.
const EVERY: Duration = Duration::from_secs(300);
const RETRY: Duration = Duration::from_secs(30);

/// Sent after every sync run: what it did, or why it could not run.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct NotesSynced {
    pub report: Option<SyncReport>,
    pub error: Option<Error>,
}

/// What makes the sync thread run.
enum Nudge {
    /// Run now (the folder was chosen).
    Now,
    /// The reader's notes changed.
    Notes,
    /// Files changed in the sync folder.
    Folder,
}

/// Managed state: the way to the sync thread.
pub struct SyncWorker(Mutex<mpsc::Sender<Nudge>>);

impl SyncWorker {
    fn nudge(&self, n: Nudge) {
        if let Ok(s) = self.0.lock() {
            let _ = s.send(n);
        }
    }
}

/// Starts the sync thread (once the library has been imported); it runs at once if a sync
/// folder is chosen.
pub fn start(app: &AppHandle) {
    let (send, receive) = mpsc::channel();
    let on_write = send.clone();
    let on_write = std::sync::Arc::new(move || {
        let _ = on_write.send(Nudge::Notes);
    });
    if let Ok(library) = app.state::<Desk>().library() {
        library.notes().on_write(on_write);
    }
    let _ = send.send(Nudge::Now);
    app.manage(SyncWorker(Mutex::new(send.clone())));
    let app = app.clone();
    std::thread::spawn(move || work(&app, &receive, &send));
}

/// Asks for the folder to sync notes through (the end-to-end tests name it in
/// `LECTERN_SYNC_FOLDER` instead), chooses it and syncs at once; the folder, or nothing when
/// the reader cancelled.
pub fn choose(app: &AppHandle, desk: &Desk) -> Result<Option<String>> {
    let picked = match crate::export::stand_in("LECTERN_SYNC_FOLDER") {
        Some(folder) => Some(folder),
        None => app
            .dialog()
            .file()
            .set_title("Sync notes through this folder")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(folder) = picked else {
        return Ok(None);
    };
    desk.library()?.set_sync_folder(Some(&folder))?;
    if let Some(worker) = app.try_state::<SyncWorker>() {
        worker.nudge(Nudge::Now);
    }
    Ok(desk
        .library()?
        .notes()
        .sync_folder()?
        .map(|f| f.display().to_string()))
}

/// Runs sync now, in the caller's thread, and tells the window.
pub fn run_now(app: &AppHandle, desk: &Desk) -> Result<SyncReport> {
    let result = desk.library()?.sync_notes();
    let _ = synced(&result).emit(app);
    result
}

fn synced(result: &Result<SyncReport>) -> NotesSynced {
    NotesSynced {
        report: result.as_ref().ok().cloned(),
        error: result.as_ref().err().cloned(),
    }
}

/// The sync thread: waits for a nudge or the time for a run, runs, says how it went.
fn work(app: &AppHandle, receive: &mpsc::Receiver<Nudge>, send: &mpsc::Sender<Nudge>) {
    let desk = app.state::<Desk>();
    let Ok(library) = desk.library() else {
        return;
    };
    let mut watched: Option<(PathBuf, notify::RecommendedWatcher)> = None;
    let mut due: Option<Instant> = None;
    let mut next_anyway = Instant::now() + EVERY;
    loop {
        let wake = due.unwrap_or(next_anyway);
        match receive.recv_timeout(wake.saturating_duration_since(Instant::now())) {
            Ok(Nudge::Now) => due = Some(Instant::now()),
            Ok(Nudge::Notes) => {
                if library.notes().sync_waiting().unwrap_or(0) > 0 {
                    due = due.or(Some(Instant::now() + AFTER_NOTES));
                }
            }
            Ok(Nudge::Folder) => due = due.or(Some(Instant::now() + AFTER_FOLDER)),
            Err(RecvTimeoutError::Timeout) => due = Some(Instant::now()),
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if due.is_none_or(|d| d > Instant::now()) {
            continue;
        }
        due = None;
        let Ok(Some(folder)) = library.notes().sync_folder() else {
            watched = None;
            next_anyway = Instant::now() + EVERY;
            continue;
        };
        if watched.as_ref().is_none_or(|(f, _)| *f != folder) {
            watched = watch(library, &folder, send.clone()).map(|w| (folder.clone(), w));
        }
        let result = library.sync_notes();
        let failed = result.is_err();
        if failed {
            // The folder may be gone and come back as a new one: watch it afresh.
            watched = None;
        }
        let _ = synced(&result).emit(app);
        next_anyway = Instant::now() + if failed { RETRY } else { EVERY };
    }
}

/// Watches `folder` for other devices' files (this device's own folder and partial files
/// being written are not news).
fn watch(
    library: &Library,
    folder: &Path,
    send: mpsc::Sender<Nudge>,
) -> Option<notify::RecommendedWatcher> {
    let own = library
        .notes()
        .device_id()
        .ok()
        .map(|d| folder.join(d.as_str()));
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let news = event.paths.iter().any(|p| {
            let partial = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".partial"));
            !partial && own.as_ref().is_none_or(|own| !p.starts_with(own))
        });
        if news && !event.kind.is_access() {
            let _ = send.send(Nudge::Folder);
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}
