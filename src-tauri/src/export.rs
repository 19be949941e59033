//! Saving what the reader exports (the Timeline as SVG or PNG, books for a reference manager): the native save dialog asks
//! where, and Rust writes the file; the webview gets no file-system access.

use lectern_core::books::export::Format;
use lectern_core::{files, Library, Result};
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks where to save `name` and writes `data` there; `None` when the reader cancels.
/// `LECTERN_EXPORT_DIR`, when set, replaces the dialog (the end-to-end tests cannot drive a
/// native dialog).
pub fn save(app: &AppHandle, name: &str, data: &[u8]) -> Result<Option<String>> {
    let path: Option<PathBuf> = match std::env::var_os("LECTERN_EXPORT_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(name)),
        None => app
            .dialog()
            .file()
            .set_file_name(name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    files::write_atomic(&path, data)?;
    Ok(Some(path.display().to_string()))
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
