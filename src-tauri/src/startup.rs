//! Start-up: find the data and content folders, open the library, import in the background.

use crate::desk::{Desk, ImportStatus, LibraryImported};
use lectern_core::Library;
use std::path::PathBuf;
use tauri::{App, Manager};
use tauri_specta::Event;

/// Opens the library and starts the import on a thread of its own: the window shows what
/// the library already holds at once and refreshes when the import reports.
pub fn open_desk(app: &mut App) {
    trace("setup");
    let data = data_flag().or_else(|| app.path().app_data_dir().ok());
    let content = flag("--content", "LECTERN_CONTENT_DIR").unwrap_or_else(|| default_content(app));
    let library = match data {
        Some(dir) => Library::open(&dir, &content),
        None => Err(lectern_core::Error::new(
            lectern_core::ErrorKind::Io,
            "no app-data folder",
        )),
    };
    trace("library opened");
    let ok = library.is_ok();
    app.manage(Desk::new(library));
    if !ok {
        return;
    }
    let handle = app.handle().clone();
    let desk = app.state::<Desk>();
    desk.set_status(ImportStatus {
        running: true,
        ..Default::default()
    });
    std::thread::spawn(move || {
        let desk = handle.state::<Desk>();
        trace("import started");
        let result = desk.library().and_then(|lib| lib.import());
        let status = ImportStatus {
            running: false,
            report: result.as_ref().ok().cloned(),
            error: result.err(),
        };
        desk.set_status(status.clone());
        trace("import finished");
        let _ = LibraryImported(status).emit(&handle);
        crate::notesync::start(&handle);
        crate::blogs::check_daily(&handle);
        crate::updates::check_at_start(&handle);
    });
}

/// The data folder given on the command line (`--data DIR`) or in `LECTERN_DATA_DIR`.
pub fn data_flag() -> Option<PathBuf> {
    flag("--data", "LECTERN_DATA_DIR")
}

/// `--name DIR` on the command line, else the environment variable.
fn flag(name: &str, env: &str) -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os(env).map(PathBuf::from))
}

/// The content shipped with the app; in a debug build, the checkout's own content/.
fn default_content(app: &App) -> PathBuf {
    if cfg!(debug_assertions) {
        return PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    }
    app.path()
        .resource_dir()
        .map(|d| d.join("content"))
        .unwrap_or_else(|_| PathBuf::from("content"))
}

/// Prints the wall-clock time at which the index painted, once, when tracing is asked for.
pub fn trace_painted() -> lectern_core::Result<()> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        trace("index painted");
        PAINTED.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    Ok(())
}

/// Whether the index has painted: commands are traced until then.
static PAINTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Traces a command the UI called, until the index has painted: what the first view asks
/// for, and when.
pub fn trace_command(name: &str) {
    if !PAINTED.load(std::sync::atomic::Ordering::Relaxed) {
        trace(&format!("command {name}"));
    }
}

/// Prints `what` happened and when (ms since the epoch), when tracing is asked for
/// (`LECTERN_TRACE_STARTUP`, read by `scripts/measure-startup.sh`).
pub fn trace(what: &str) {
    if std::env::var_os("LECTERN_TRACE_STARTUP").is_none() {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    eprintln!("lectern: {what} at {now} ms since the epoch");
}
