//! Commands of the reader's notes: annotations, bookmarks, reading places, their exchange
//! with other tools and their sync through a folder.

use crate::desk::Desk;
use lectern_core::notes::exchange::NotesFormat;
use lectern_core::notes::reading::Position;
use lectern_core::notes::sync::{SyncReport, SyncStatus};
use lectern_core::notes::{
    Annotation, Filter, Merged, NotesFacets, NotesPage, NotesQuery, Opened, Resolution, Selection,
};
use lectern_core::Result;
use tauri::{AppHandle, State};

/// A page of the Notes view's list: the notes its filters leave, in its order.
#[tauri::command]
#[specta::specta]
pub async fn notes_page(desk: State<'_, Desk>, query: NotesQuery) -> Result<NotesPage> {
    desk.library()?.notes_page(&query)
}

/// What the Notes view's filters offer: the articles with notes and the tags in use.
#[tauri::command]
#[specta::specta]
pub async fn notes_facets(desk: State<'_, Desk>) -> Result<NotesFacets> {
    desk.library()?.notes_facets()
}

/// Annotations matching a filter.
#[tauri::command]
#[specta::specta]
pub async fn list_notes(desk: State<'_, Desk>, filter: Filter) -> Result<Vec<Annotation>> {
    desk.library()?.notes().list_notes(&filter)
}

/// Highlights a selection (with a note, tags, a colour); returned once durably stored.
#[tauri::command]
#[specta::specta]
pub async fn add_note(desk: State<'_, Desk>, selection: Selection) -> Result<Annotation> {
    desk.library()?.add_note(selection)
}

/// Changes an annotation's note, tags or colour (`None` keeps each).
#[tauri::command]
#[specta::specta]
pub async fn edit_note(
    desk: State<'_, Desk>,
    id: String,
    note: Option<String>,
    tags: Option<Vec<String>>,
    color: Option<String>,
) -> Result<Annotation> {
    desk.library()?.notes().edit_note(&id, note, tags, color)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_note(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.library()?.notes().delete_note(&id)
}

/// Puts a deleted annotation back (undo).
#[tauri::command]
#[specta::specta]
pub async fn restore_note(desk: State<'_, Desk>, annotation: Annotation) -> Result<()> {
    desk.library()?.notes().restore_note(&annotation)
}

/// Attaches an annotation (an orphan) to a new selection.
#[tauri::command]
#[specta::specta]
pub async fn reattach_note(
    desk: State<'_, Desk>,
    id: String,
    article: String,
    start: u32,
    end: u32,
) -> Result<Annotation> {
    desk.library()?.reattach_note(&id, &article, start, end)
}

/// Tags in use, for completion.
#[tauri::command]
#[specta::specta]
pub async fn note_tags(desk: State<'_, Desk>) -> Result<Vec<String>> {
    desk.library()?.notes().note_tags()
}

/// What opening notes.sqlite had to do (a backup before migrating, a recovery).
#[tauri::command]
#[specta::specta]
pub async fn notes_opened(desk: State<'_, Desk>) -> Result<Opened> {
    Ok(desk.library()?.notes().opened.clone())
}

/// Exports every note through the save dialog; the path, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_notes(
    app: AppHandle,
    desk: State<'_, Desk>,
    format: NotesFormat,
) -> Result<Option<String>> {
    crate::export::save_notes(&app, desk.library()?, format)
}

/// Merges a JSON-LD file chosen in the open dialog; what it did, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_notes(app: AppHandle, desk: State<'_, Desk>) -> Result<Option<Merged>> {
    crate::export::open_notes(&app, desk.library()?)
}

/// Bookmarks an article, or removes its bookmark; whether it is bookmarked now.
#[tauri::command]
#[specta::specta]
pub async fn toggle_bookmark(desk: State<'_, Desk>, article: String) -> Result<bool> {
    desk.library()?.notes().toggle_bookmark(&article)
}

/// Bookmarked articles, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_bookmarks(desk: State<'_, Desk>) -> Result<Vec<String>> {
    desk.library()?.notes().list_bookmarks()
}

/// Keeps the reading position in an article (a UTF-16 offset into its text).
#[tauri::command]
#[specta::specta]
pub async fn save_position(desk: State<'_, Desk>, article: String, offset: u32) -> Result<()> {
    desk.library()?.notes().save_position(&article, offset)
}

/// Reading positions, the most recent first ("continue reading").
#[tauri::command]
#[specta::specta]
pub async fn reading_positions(desk: State<'_, Desk>) -> Result<Vec<Position>> {
    desk.library()?.notes().reading_positions()
}

/// How notes sync stands: the folder, the last run, the other devices, the conflicts.
#[tauri::command]
#[specta::specta]
pub async fn sync_status(desk: State<'_, Desk>) -> Result<SyncStatus> {
    desk.library()?.sync_status()
}

/// Asks for the folder notes sync through, and syncs at once; the folder, or nothing when
/// cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_sync_folder(app: AppHandle, desk: State<'_, Desk>) -> Result<Option<String>> {
    crate::notesync::choose(&app, &desk)
}

/// Stops syncing notes (what was merged stays).
#[tauri::command]
#[specta::specta]
pub async fn stop_sync(desk: State<'_, Desk>) -> Result<()> {
    desk.library()?.set_sync_folder(None)
}

/// Syncs notes now.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(app: AppHandle, desk: State<'_, Desk>) -> Result<SyncReport> {
    crate::notesync::run_now(&app, &desk)
}

/// Settles a conflict copy: keeps the edit, the deletion, or both.
#[tauri::command]
#[specta::specta]
pub async fn resolve_conflict(desk: State<'_, Desk>, copy: String, how: Resolution) -> Result<()> {
    desk.library()?.resolve_conflict(&copy, how)
}
