//! Saving what the reader exports (the Timeline as SVG or PNG, books for a reference manager): the native save dialog asks
//! where, and Rust writes the file; the webview gets no file-system access.

use lectern_core::books::export::Format;
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::Merged;
use lectern_core::printout::NotesPlacement;
use lectern_core::{files, Error, ErrorKind, Library, Result};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks where to save `name` and writes `data` there; `None` when the reader cancels.
/// `name` comes from the webview: only a plain file name is taken.
pub fn save(app: &AppHandle, name: &str, data: &[u8]) -> Result<Option<String>> {
    let Some(path) = save_path(app, file_name(name)?) else {
        return Ok(None);
    };
    files::write_atomic(&path, data)?;
    Ok(Some(path.display().to_string()))
}

/// `name` when it is a plain file name valid on every platform (`files::file_name_problem`,
/// the same rule wherever this runs): no folder separator, not `.` or `..`, not absolute, no
/// drive or stream (`:`), no control character, no name Windows reserves for a device, no
/// trailing dot or space. The webview names what it exports, never where it goes.
pub fn file_name(name: &str) -> Result<&str> {
    let problem = files::file_name_problem(name).or_else(|| {
        (Path::new(name).file_name() != Some(name.as_ref())).then_some("it is no file name")
    });
    match problem {
        None => Ok(name),
        Some(why) => Err(Error::new(
            ErrorKind::Invalid,
            format!("`{}` is not a plain file name: {why}", name.escape_debug()),
        )),
    }
}

/// What replaces a native dialog in the end-to-end tests, which cannot drive one: the folder
/// exports are written to (`LECTERN_EXPORT_DIR`) or the file an import reads
/// (`LECTERN_IMPORT_FILE`). Compiled into debug builds only (the end-to-end tests run one): a
/// release build always asks the reader.
#[cfg(debug_assertions)]
pub fn stand_in(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
pub fn stand_in(_var: &str) -> Option<PathBuf> {
    None
}

/// Where to save `name`: the reader's choice in the save dialog (or the tests' folder).
fn save_path(app: &AppHandle, name: &str) -> Option<PathBuf> {
    match stand_in("LECTERN_EXPORT_DIR") {
        Some(dir) => Some(dir.join(name)),
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

/// Asks for a JSON-LD file of annotations and merges it.
pub fn open_notes(app: &AppHandle, library: &Library) -> Result<Option<Merged>> {
    let path = match stand_in("LECTERN_IMPORT_FILE") {
        Some(file) => Some(file),
        None => app
            .dialog()
            .file()
            .add_filter("Web Annotation JSON-LD", &["jsonld", "json"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    path.map(|p| library.import_notes(&p)).transpose()
}

/// Saves article `slug` with the reader's notes (placed as `placement` says) as one HTML file
/// where the reader chooses.
pub fn save_article(
    app: &AppHandle,
    library: &Library,
    slug: &str,
    placement: NotesPlacement,
) -> Result<Option<String>> {
    let html = library.article_html(slug, placement)?;
    save(app, &format!("{slug}.html"), html.as_bytes())
}

/// Saves article `slug` with the reader's notes as a PDF where the reader chooses.
pub fn save_article_pdf(
    app: &AppHandle,
    library: &Library,
    slug: &str,
    placement: NotesPlacement,
) -> Result<Option<String>> {
    let pdf = library.article_pdf(slug, placement)?;
    save(app, &format!("{slug}.pdf"), &pdf)
}

/// Saves each of `slugs` with the reader's notes as its own HTML file (`<slug>.html`) in a
/// folder the reader chooses (the tests' export folder in their place); the folder.
pub fn save_articles(
    app: &AppHandle,
    library: &Library,
    slugs: &[String],
    placement: NotesPlacement,
) -> Result<Option<String>> {
    let folder = match stand_in("LECTERN_EXPORT_DIR") {
        Some(dir) => Some(dir),
        None => app
            .dialog()
            .file()
            .set_title("Save the articles with their notes in this folder")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(folder) = folder else {
        return Ok(None);
    };
    for slug in slugs {
        let html = library.article_html(slug, placement)?;
        let path = files::inside(&folder, file_name(&format!("{slug}.html"))?)?;
        files::write_atomic(&path, html.as_bytes())?;
    }
    Ok(Some(folder.display().to_string()))
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

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn only_a_plain_file_name_is_taken_from_the_webview() {
        for good in [
            "lectern-books.ris",
            "timeline 1924–1928.svg",
            ".hidden",
            "a..b.csv",
        ] {
            assert_eq!(file_name(good).unwrap(), good);
        }
        for bad in [
            "",
            ".",
            "..",
            "../x.ris",
            "../../.bashrc",
            "/etc/passwd",
            "a/b.ris",
            "..\\x.ris",
            "C:\\x.ris",
            "C:x.ris",
            "x.ris:stream",
            "x\0.ris",
            "line\nbreak.ris",
            "CON",
            "nul.svg",
            "com1.png",
            "LPT1.ris",
            "timeline.svg.",
            "timeline.svg ",
            "a<b>.svg",
            "a|b.svg",
            "a?.svg",
            "a*.svg",
            "a\"b.svg",
            "\\\\server\\share",
        ] {
            assert!(file_name(bad).is_err(), "{bad:?}");
        }
    }
}
