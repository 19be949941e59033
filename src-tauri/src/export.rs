//! Saving what the reader exports (the Timeline as SVG or PNG, books for a reference manager): the native save dialog asks
//! where, and Rust writes the file; the webview gets no file-system access.

use lectern_core::books::export::Format;
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::Merged;
use lectern_core::{files, Library, Result};
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks where to save `name` and writes `data` there; `None` when the reader cancels.
/// `LECTERN_EXPORT_DIR`, when set, replaces the dialog (the end-to-end tests cannot drive a
/// native dialog).
pub fn save(app: &AppHandle, name: &str, data: &[u8]) -> Result<Option<String>> {
    let Some(path) = save_path(app, name) else {
        return Ok(None);
    };
    files::write_atomic(&path, data)?;
    Ok(Some(path.display().to_string()))
}

/// Where to save `name`: the reader's choice in the save dialog, or in `LECTERN_EXPORT_DIR`.
fn save_path(app: &AppHandle, name: &str) -> Option<PathBuf> {
    match std::env::var_os("LECTERN_EXPORT_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(name)),
        None => app
            .dialog()
            .file()
            .set_file_name(name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    }
}

/// Exports every note in `format` where the reader chooses (for Markdown, a folder that will
/// hold a file per article).
pub fn save_notes(
    app: &AppHandle,
    library: &Library,
    format: NotesFormat,
) -> Result<Option<String>> {
    let name = match format {
        NotesFormat::Markdown => "lectern-notes",
        NotesFormat::Jsonld => "lectern-notes.jsonld",
        NotesFormat::Csv => "lectern-notes.csv",
    };
    let Some(path) = save_path(app, name) else {
        return Ok(None);
    };
    library.export_notes(format, &path)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a JSON-LD file of annotations and merges it. `LECTERN_IMPORT_FILE` replaces the
/// dialog in the end-to-end tests.
pub fn open_notes(app: &AppHandle, library: &Library) -> Result<Option<Merged>> {
    let path = match std::env::var_os("LECTERN_IMPORT_FILE") {
        Some(file) => Some(PathBuf::from(file)),
        None => app
            .dialog()
            .file()
            .add_filter("Web Annotation JSON-LD", &["jsonld", "json"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    path.map(|p| library.import_notes(&p)).transpose()
}

/// Writes books in `format` where the reader chooses.
pub fn save_books(
    app: &AppHandle,
    library: &Library,
    ids: &[String],
    format: Format,
) -> Result<Option<String>> {
    let text = library.export_books(ids, format)?;
    save(
        app,
        &format!("lectern-books.{}", format.extension()),
        text.as_bytes(),
    )
}
