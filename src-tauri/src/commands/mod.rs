//! Commands: each one line over lectern-core, async so they run off the main thread. The
//! library's views, search, books, blogs and settings here; the reader's notes (with their
//! sync) in `notes`, printing and saving articles in `printout`.

pub mod notes;
pub mod printout;

use crate::desk::{Desk, ImportStatus};
use crate::updates::{UpdateFound, UpdateStatus};
use lectern_core::books::{cite, export::Format, today};
use lectern_core::search::{Passage, SearchOptions, SearchResults};
use lectern_core::timeline::{Timeline, TimelineQuery};
use lectern_core::views::{
    Archive, ArchiveQuery, Article, ArticlePage, ArticleSummary, BookList, BookPage,
    OrganizationPage, OrganizationSummary, PersonPage, PersonSummary,
};
use lectern_core::{
    BlogInfo, BlogReport, BlogSettings, BlogSource, ImportReport, ProblemPage, ReadingSettings,
    Result, UpdatePrefs,
};
use tauri::{AppHandle, State};

/// Whether the start-up import is running, and what the last one did.
#[tauri::command]
#[specta::specta]
pub async fn library_status(desk: State<'_, Desk>) -> Result<ImportStatus> {
    Ok(desk.status())
}

/// Every article, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_articles(desk: State<'_, Desk>) -> Result<Vec<ArticleSummary>> {
    desk.library()?.list_articles()
}

/// One article to read.
#[tauri::command]
#[specta::specta]
pub async fn get_article(desk: State<'_, Desk>, slug: String) -> Result<Article> {
    desk.library()?.get_article(&slug)
}

/// A page of the content problems found by the last import, with how many there are.
#[tauri::command]
#[specta::specta]
pub async fn problems_page(desk: State<'_, Desk>, offset: u32, limit: u32) -> Result<ProblemPage> {
    desk.library()?.problems_page(offset, limit)
}

/// Called by the UI once the Blog index has painted; logs the start-up time when
/// `LECTERN_TRACE_STARTUP` is set (used by `scripts/measure-startup.sh`).
#[tauri::command]
#[specta::specta]
pub async fn index_painted() -> Result<()> {
    crate::startup::trace_painted()
}

/// Searches the whole library (the query language is in README, "Searching").
#[tauri::command]
#[specta::specta]
pub async fn search(
    desk: State<'_, Desk>,
    query: String,
    options: SearchOptions,
) -> Result<SearchResults> {
    desk.library()?.search(&query, &options)
}

/// The passage of an article that best matches a query, to scroll to and mark.
#[tauri::command]
#[specta::specta]
pub async fn locate(desk: State<'_, Desk>, slug: String, query: String) -> Result<Option<Passage>> {
    desk.library()?.locate(&slug, &query)
}

/// Organizations and people on a time axis, drawn by the Timeline view.
#[tauri::command]
#[specta::specta]
pub async fn timeline(desk: State<'_, Desk>, query: TimelineQuery) -> Result<Timeline> {
    desk.library()?.timeline(&query)
}

/// Every person, by name: for choosing whose careers the Timeline compares.
#[tauri::command]
#[specta::specta]
pub async fn list_people(desk: State<'_, Desk>) -> Result<Vec<PersonSummary>> {
    desk.library()?.list_people()
}

/// Every organization, by name: for the Timeline's filter.
#[tauri::command]
#[specta::specta]
pub async fn list_organizations(desk: State<'_, Desk>) -> Result<Vec<OrganizationSummary>> {
    desk.library()?.list_organizations()
}

/// A person's page.
#[tauri::command]
#[specta::specta]
pub async fn get_person(desk: State<'_, Desk>, id: String) -> Result<PersonPage> {
    desk.library()?.get_person(&id)
}

/// An organization's page.
#[tauri::command]
#[specta::specta]
pub async fn get_organization(desk: State<'_, Desk>, id: String) -> Result<OrganizationPage> {
    desk.library()?.get_organization(&id)
}

/// Saves an export through the save dialog; the path written, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_export(app: AppHandle, name: String, data: Vec<u8>) -> Result<Option<String>> {
    crate::export::save(&app, &name, &data)
}

/// Every book, offers judged on today's date in the reader's time zone.
#[tauri::command]
#[specta::specta]
pub async fn list_books(desk: State<'_, Desk>) -> Result<BookList> {
    desk.library()?.list_books(today())
}

/// A book's page.
#[tauri::command]
#[specta::specta]
pub async fn get_book(desk: State<'_, Desk>, id: String) -> Result<BookPage> {
    desk.library()?.get_book(&id, today())
}

/// A book's formatted citation.
#[tauri::command]
#[specta::specta]
pub async fn cite_book(
    desk: State<'_, Desk>,
    id: String,
    style: cite::Style,
) -> Result<cite::Formatted> {
    desk.library()?.cite_book(&id, style)
}

/// Exports books (all when `ids` is empty) through the save dialog; the path, or nothing.
#[tauri::command]
#[specta::specta]
pub async fn export_books(
    app: AppHandle,
    desk: State<'_, Desk>,
    ids: Vec<String>,
    format: Format,
) -> Result<Option<String>> {
    crate::export::save_books(&app, desk.library()?, &ids, format)
}

/// Every blog added beside the starter library.
#[tauri::command]
#[specta::specta]
pub async fn list_blogs(desk: State<'_, Desk>) -> Result<Vec<BlogInfo>> {
    desk.library()?.list_blogs()
}

/// Adds a blog from a site's or a feed's address; progress arrives as events.
#[tauri::command]
#[specta::specta]
pub async fn add_blog(
    app: AppHandle,
    desk: State<'_, Desk>,
    source: BlogSource,
    name: Option<String>,
) -> Result<BlogReport> {
    crate::blogs::add(&app, &desk, source, name).await
}

/// Adds a blog from a WordPress export chosen in the open dialog; nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn add_blog_export(
    app: AppHandle,
    desk: State<'_, Desk>,
    name: Option<String>,
    pages: bool,
) -> Result<Option<BlogReport>> {
    crate::blogs::add_export(&app, &desk, name, pages).await
}

/// Checks one blog (or all) for new and changed articles.
#[tauri::command]
#[specta::specta]
pub async fn sync_blogs(
    app: AppHandle,
    desk: State<'_, Desk>,
    name: Option<String>,
) -> Result<Vec<BlogReport>> {
    crate::blogs::sync(&app, &desk, name).await
}

/// Stops the blog work running; what was written stays and a later run resumes.
#[tauri::command]
#[specta::specta]
pub async fn cancel_blog_work(desk: State<'_, Desk>) -> Result<()> {
    crate::blogs::cancel(&desk)
}

/// Removes a blog; notes on its articles are kept as orphans.
#[tauri::command]
#[specta::specta]
pub async fn remove_blog(
    app: AppHandle,
    desk: State<'_, Desk>,
    name: String,
) -> Result<ImportReport> {
    crate::blogs::remove(&app, &desk, &name)
}

/// The reader's choices about sources: the starter library shown, a daily check.
#[tauri::command]
#[specta::specta]
pub async fn blog_settings(desk: State<'_, Desk>) -> Result<BlogSettings> {
    desk.library()?.blog_settings()
}

/// Changes those choices; the library is imported again when the starter is shown or hidden.
#[tauri::command]
#[specta::specta]
pub async fn set_blog_settings(
    app: AppHandle,
    desk: State<'_, Desk>,
    settings: BlogSettings,
) -> Result<ImportReport> {
    crate::blogs::set_settings(&app, &desk, settings)
}

/// A page of the Library: the articles the reader's choices leave, newest first.
#[tauri::command]
#[specta::specta]
pub async fn article_page(desk: State<'_, Desk>, query: ArchiveQuery) -> Result<ArticlePage> {
    desk.library()?.article_page(&query)
}

/// What the Library's archive offers to browse by: years and months, series, tags, authors,
/// sources, with counts.
#[tauri::command]
#[specta::specta]
pub async fn archive(desk: State<'_, Desk>) -> Result<Archive> {
    desk.library()?.archive().map(|a| (*a).clone())
}

/// The summaries of these articles, in that order (the reading shelf, a list of notes).
#[tauri::command]
#[specta::specta]
pub async fn articles_by_slug(
    desk: State<'_, Desk>,
    slugs: Vec<String>,
) -> Result<Vec<ArticleSummary>> {
    desk.library()?.articles_by_slug(&slugs)
}

/// The `lectern:` links received and not yet opened (at start, or from a second launch).
#[tauri::command]
#[specta::specta]
pub async fn take_links(links: State<'_, crate::links::Links>) -> Result<Vec<String>> {
    Ok(links.take())
}

/// This copy's version, whether it can update itself, and the reader's choice about updates.
#[tauri::command]
#[specta::specta]
pub async fn update_status(app: AppHandle, desk: State<'_, Desk>) -> Result<UpdateStatus> {
    crate::updates::status(&app, &desk)
}

/// Looks for a newer version now.
#[tauri::command]
#[specta::specta]
pub async fn check_for_update(app: AppHandle) -> Result<UpdateFound> {
    crate::updates::check(&app).await
}

/// Downloads, verifies, installs and restarts; returns only when something stopped it.
#[tauri::command]
#[specta::specta]
pub async fn install_update(app: AppHandle) -> Result<()> {
    crate::updates::install(&app).await
}

/// How the reader likes long text set: size, line length, spacing, typeface, theme.
#[tauri::command]
#[specta::specta]
pub async fn reading_settings(desk: State<'_, Desk>) -> Result<ReadingSettings> {
    Ok(desk.library()?.reading_settings())
}

/// Keeps the reader's reading settings (each brought within its range); what was kept.
#[tauri::command]
#[specta::specta]
pub async fn set_reading_settings(
    desk: State<'_, Desk>,
    settings: ReadingSettings,
) -> Result<ReadingSettings> {
    desk.library()?.set_reading_settings(settings)
}

/// Turns looking for updates at start (at most daily) on or off.
#[tauri::command]
#[specta::specta]
pub async fn set_update_check(desk: State<'_, Desk>, at_start: bool) -> Result<UpdatePrefs> {
    desk.library()?.set_update_check(at_start)
}
