//! Commands that hand an article on with the reader's notes: printed, saved as PDF or HTML.

use crate::desk::Desk;
use lectern_core::printout::NotesPlacement;
use lectern_core::Result;
use tauri::{AppHandle, State};

/// Saves an article with the reader's notes as one HTML file through the save dialog; the path,
/// or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_article_html(
    app: AppHandle,
    desk: State<'_, Desk>,
    slug: String,
    notes: NotesPlacement,
) -> Result<Option<String>> {
    crate::export::save_article(&app, desk.library()?, &slug, notes)
}

/// Saves an article with the reader's notes as a PDF through the save dialog (Lectern writes
/// it, no print dialog); the path, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_article_pdf(
    app: AppHandle,
    desk: State<'_, Desk>,
    slug: String,
    notes: NotesPlacement,
) -> Result<Option<String>> {
    crate::export::save_article_pdf(&app, desk.library()?, &slug, notes)
}

/// An article with the reader's notes typeset as for "Save as PDF", page by page (an SVG
/// picture of each A4 page), for the window to print exactly these pages.
#[tauri::command]
#[specta::specta]
pub async fn print_pages(
    desk: State<'_, Desk>,
    slug: String,
    notes: NotesPlacement,
) -> Result<Vec<String>> {
    desk.library()?.article_print_pages(&slug, notes)
}

/// Saves several articles with the reader's notes, one HTML file each, in a folder the reader
/// chooses; the folder, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_articles_html(
    app: AppHandle,
    desk: State<'_, Desk>,
    slugs: Vec<String>,
    notes: NotesPlacement,
) -> Result<Option<String>> {
    crate::export::save_articles(&app, desk.library()?, &slugs, notes)
}
