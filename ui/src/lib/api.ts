// The only importer of the generated bindings: friendly names, errors as ApiError with a kind.
import { getCurrentWindow } from '@tauri-apps/api/window';
import { openUrl as openInBrowser } from '@tauri-apps/plugin-opener';
import {
  commands,
  events,
  type Article_Serialize,
  type ArticleSummary_Serialize,
  type Error as BindingError,
  type ErrorKind,
  type ImportStatus_Serialize,
  type Problem,
  type SeriesNav_Serialize,
  type SeriesPartLink_Serialize,
  type SearchHit,
  type SearchKind,
  type SearchOptions,
  type SearchResults,
  type Passage,
  type Timeline_Serialize,
  type Lane_Serialize,
  type Bar_Serialize,
  type Mark_Serialize,
  type TimelineQuery_Deserialize,
  type PersonSummary,
  type OrganizationSummary_Serialize,
  type PersonPage_Serialize,
  type OrganizationPage_Serialize,
  type Mentions_Serialize,
  type MentionLink,
  type BookList_Serialize,
  type BookCard_Serialize,
  type BookPage_Serialize,
  type BookStatus,
  type EditionView_Serialize,
  type OfferView_Serialize,
  type ArticleLink_Serialize,
  type CitingNote_Serialize,
  type Unlisted,
  type Treatment,
  type Style,
  type Format,
  type Formatted,
  type EntityRef,
  type Annotation,
  type Status as NoteStatus,
  type Filter_Deserialize,
  type Selection_Deserialize,
  type NotesFormat,
  type Merged,
  type Opened_Serialize,
  type Recovery_Serialize,
  type Position,
  type BlogInfo_Serialize,
  type BlogReport,
  type BlogSettings,
  type BlogSource,
  type BlogWorkProgress_Serialize,
  type NotesPlaced,
  type ImportReport,
  type ArchiveQuery_Deserialize,
  type ArticlePage_Serialize,
  type Archive as ArchiveCounts,
  type Count,
  type YearCount,
  type MonthCount,
  type NotesQuery_Deserialize,
  type NotesPage_Serialize,
  type NotesFacets,
  type NotedArticle,
  type NotesSort,
  type ProblemPage,
  type UpdateStatus_Serialize,
  type UpdateFound_Serialize,
  type UpdatePrefs_Serialize,
  type SyncStatus_Serialize,
  type SyncReport_Serialize,
  type Conflict_Serialize,
  type Peer_Serialize,
  type NotesSynced_Serialize,
  type Resolution,
  type NotesPlacement,
  type ReadingSettings_Serialize,
  type Theme,
  type Typeface,
} from './bindings';

export type Article = Article_Serialize;
export type UpdateStatus = UpdateStatus_Serialize;
export type UpdateFound = UpdateFound_Serialize;
export type UpdatePrefs = UpdatePrefs_Serialize;
/** How notes sync stands: the folder, the last run, the other devices, the conflicts. */
export type SyncStatus = SyncStatus_Serialize;
/** What one sync run did. */
export type SyncReport = SyncReport_Serialize;
/** An edit made on one device after the note was deleted on another: kept as a copy to settle. */
export type SyncConflict = Conflict_Serialize;
/** Another device seen in the sync folder. */
export type SyncPeer = Peer_Serialize;
/** A sync run's report, or why it could not run. */
export type NotesSynced = NotesSynced_Serialize;
export type { Resolution };
/** Where a printout puts the reader's notes: beside the text, after it, or nowhere. */
export type { NotesPlacement };
/** How the reader likes long text set: size, line length, spacing, typeface, theme. */
export type ReadingSettings = ReadingSettings_Serialize;
export type { Theme, Typeface };
export type ArticleSummary = ArticleSummary_Serialize;
export type ImportStatus = ImportStatus_Serialize;
export type SeriesNav = SeriesNav_Serialize;
export type SeriesPart = SeriesPartLink_Serialize;
export type Timeline = Timeline_Serialize;
export type Lane = Lane_Serialize;
export type Bar = Bar_Serialize;
export type Mark = Mark_Serialize;
export type TimelineQuery = TimelineQuery_Deserialize;
export type PersonPage = PersonPage_Serialize;
export type OrganizationPage = OrganizationPage_Serialize;
export type OrganizationSummary = OrganizationSummary_Serialize;
export type Mentions = Mentions_Serialize;
export type BookList = BookList_Serialize;
export type BookCard = BookCard_Serialize;
export type BookPage = BookPage_Serialize;
export type EditionView = EditionView_Serialize;
export type OfferView = OfferView_Serialize;
export type ArticleLink = ArticleLink_Serialize;
export type CitingNote = CitingNote_Serialize;
/** A citation style the library formats books in. */
export type CiteStyle = Style;
/** A file format books export to. */
export type ExportFormat = Format;
export type { PersonSummary, MentionLink };
export type { BookStatus, Unlisted, Treatment, Formatted, EntityRef };
/** Which annotations to list. */
export type NoteFilter = Filter_Deserialize;
/** The Notes view's filters, order and page. */
export type NotesQuery = NotesQuery_Deserialize;
/** A page of the Notes view's list and how many notes its filters leave. */
export type NotesPage = NotesPage_Serialize;
export type { NotesFacets, NotedArticle, NotesSort, ProblemPage };
/** A reader's selection to annotate: a UTF-16 range of the article's plain text. */
export type NoteSelection = Selection_Deserialize;
/** What opening the notes file had to do (a backup, a recovery). */
export type NotesOpened = Opened_Serialize;
/** A damaged notes file set aside, and the backup (if any) restored in its place. */
export type NotesRecovery = Recovery_Serialize;
export type { Annotation, NoteStatus, NotesFormat, Merged };
/** Where the reader was in an article: a UTF-16 offset into its text, and when. */
export type ReadingPosition = Position;
/** A blog added beside the starter library, as its list shows it. */
export type BlogInfo = BlogInfo_Serialize;
/** How far adding or syncing a blog has come. */
export type BlogProgress = BlogWorkProgress_Serialize;
/** Where a blog comes from: a site's address (REST API) or a feed's. */
export type BlogAddress = Exclude<BlogSource, { kind: 'export' }>;
export type { BlogReport, BlogSettings, NotesPlaced, ImportReport };
/** The reader's choices in the Library and the page of articles wanted (at most 500). */
export type ArchiveQuery = ArchiveQuery_Deserialize;
/** A page of the Library, newest first, and how many articles the choices leave in all. */
export type ArticlePage = ArticlePage_Serialize;
/** What the whole library offers to browse by, with counts. */
export type Archive = ArchiveCounts;
/** A series, tag, author or source of the archive, and its articles. */
export type ArchiveCount = Count;
export type { YearCount, MonthCount };
export type { ErrorKind, Problem, SearchHit, SearchKind, SearchOptions, SearchResults, Passage };

/** An error from the library, with the kind the UI switches on. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  constructor(e: BindingError) {
    super(e.message);
    this.kind = e.kind;
  }
}

type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: BindingError };

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const r = await call;
  if (r.status === 'error') throw new ApiError(r.error);
  return r.data;
}

export const api = {
  libraryStatus: () => unwrap(commands.libraryStatus()),
  /** The summaries of these articles, in the order asked; slugs the library does not have are left out. */
  articlesBySlug: (slugs: string[]) => unwrap(commands.articlesBySlug(slugs)),
  /** A page of the articles the reader's choices leave, newest first. */
  articlePage: (query: ArchiveQuery) => unwrap(commands.articlePage(query)),
  /** What the Library's archive offers: years and months, series, tags, authors, sources, with counts. */
  archive: () => unwrap(commands.archive()),
  getArticle: (slug: string) => unwrap(commands.getArticle(slug)),
  /** A page of the content problems (by path and line), with how many there are and in how many files. */
  problemsPage: (offset: number, limit: number) => unwrap(commands.problemsPage(offset, limit)),
  search: (query: string, options: SearchOptions) => unwrap(commands.search(query, options)),
  locate: (slug: string, query: string) => unwrap(commands.locate(slug, query)),
  timeline: (query: TimelineQuery) => unwrap(commands.timeline(query)),
  listPeople: () => unwrap(commands.listPeople()),
  listOrganizations: () => unwrap(commands.listOrganizations()),
  getPerson: (id: string) => unwrap(commands.getPerson(id)),
  getOrganization: (id: string) => unwrap(commands.getOrganization(id)),
  /** Saves `data` through the save dialog (written by Rust); the path, or null if cancelled. */
  saveExport: (name: string, data: Uint8Array) => unwrap(commands.saveExport(name, Array.from(data))),
  listBooks: () => unwrap(commands.listBooks()),
  getBook: (id: string) => unwrap(commands.getBook(id)),
  citeBook: (id: string, style: CiteStyle) => unwrap(commands.citeBook(id, style)),
  /** Exports books (all when `ids` is empty) through the save dialog; the path, or null if cancelled. */
  exportBooks: (ids: string[], format: ExportFormat) => unwrap(commands.exportBooks(ids, format)),
  listNotes: (filter: NoteFilter) => unwrap(commands.listNotes(filter)),
  /** A page of the Notes view's list: the notes its filters leave, in its order. */
  notesPage: (query: NotesQuery) => unwrap(commands.notesPage(query)),
  /** What the Notes view's filters offer: the articles with notes (by title, with counts) and the tags. */
  notesFacets: () => unwrap(commands.notesFacets()),
  addNote: (selection: NoteSelection) => unwrap(commands.addNote(selection)),
  /** Changes a note, its tags or colour; null keeps each as it is. */
  editNote: (id: string, note: string | null, tags: string[] | null, color: string | null) => unwrap(commands.editNote(id, note, tags, color)),
  deleteNote: (id: string) => unwrap(commands.deleteNote(id)),
  /** Puts a deleted annotation back (undo). */
  restoreNote: (annotation: Annotation) => unwrap(commands.restoreNote(annotation)),
  reattachNote: (id: string, article: string, start: number, end: number) => unwrap(commands.reattachNote(id, article, start, end)),
  noteTags: () => unwrap(commands.noteTags()),
  notesOpened: () => unwrap(commands.notesOpened()),
  /** Exports every note through the save dialog; the path, or null if cancelled. */
  exportNotes: (format: NotesFormat) => unwrap(commands.exportNotes(format)),
  /** Merges a JSON-LD file chosen in the open dialog; what it did, or null if cancelled. */
  importNotes: () => unwrap(commands.importNotes()),
  indexPainted: () => unwrap(commands.indexPainted()),
  /** Bookmarks the article, or removes its bookmark; whether it is bookmarked now. */
  toggleBookmark: (article: string) => unwrap(commands.toggleBookmark(article)),
  /** Bookmarked articles' slugs, newest first. */
  listBookmarks: () => unwrap(commands.listBookmarks()),
  /** Keeps the reading position in an article: a UTF-16 offset into its plain text. */
  savePosition: (article: string, offset: number) => unwrap(commands.savePosition(article, offset)),
  /** Reading positions, the most recent first. */
  readingPositions: () => unwrap(commands.readingPositions()),
  listBlogs: () => unwrap(commands.listBlogs()),
  /** Adds a blog from a site's or a feed's address; progress comes through `onBlogProgress`. */
  addBlog: (source: BlogAddress, name: string | null) => unwrap(commands.addBlog(source, name)),
  /** Adds a blog from a WordPress export chosen in the open dialog; what it did, or null if cancelled. */
  addBlogExport: (name: string | null, pages: boolean) => unwrap(commands.addBlogExport(name, pages)),
  /** Checks one blog (or every blog, when `name` is null) for new and changed articles. */
  syncBlogs: (name: string | null) => unwrap(commands.syncBlogs(name)),
  /** Stops the blog work running: what was written stays, and a later run goes on from there. */
  cancelBlogWork: () => unwrap(commands.cancelBlogWork()),
  /** Removes a blog; notes on its articles are kept, as notes that could not be placed. */
  removeBlog: (name: string) => unwrap(commands.removeBlog(name)),
  blogSettings: () => unwrap(commands.blogSettings()),
  setBlogSettings: (settings: BlogSettings) => unwrap(commands.setBlogSettings(settings)),
  onBlogProgress: (cb: (p: BlogProgress) => void) => events.blogWorkProgress.listen((e) => cb(e.payload as BlogProgress)),
  onLibraryImported: (cb: (s: ImportStatus) => void) => events.libraryImported.listen((e) => cb(e.payload as ImportStatus)),
  /** The `lectern:` links received and not yet opened: the one Lectern started with, a second launch's. */
  takeLinks: () => unwrap(commands.takeLinks()),
  /** This copy's version, whether it can update itself, and the reader's choice about updates. */
  updateStatus: () => unwrap(commands.updateStatus()),
  /** Looks for a newer version now. */
  checkForUpdate: () => unwrap(commands.checkForUpdate()),
  /** Downloads, verifies, installs and restarts; resolves only when something stopped it. */
  installUpdate: () => unwrap(commands.installUpdate()),
  setUpdateCheck: (atStart: boolean) => unwrap(commands.setUpdateCheck(atStart)),
  /** How the reader likes long text set (the defaults when nothing is kept). */
  readingSettings: () => unwrap(commands.readingSettings()),
  /** Keeps the reading settings (each brought within range); what was kept. */
  setReadingSettings: (settings: ReadingSettings) => unwrap(commands.setReadingSettings(settings)),
  /** Called when the look at start found a newer version. */
  onUpdateFound: (cb: (found: UpdateFound) => void) => events.updateFound.listen((e) => cb(e.payload as UpdateFound)),
  /** Called when a link arrives while Lectern runs; take it with `takeLinks`. */
  onLinkOpened: (cb: () => void) => events.linkOpened.listen(() => cb()),
  /** How notes sync stands. */
  syncStatus: () => unwrap(commands.syncStatus()),
  /** Asks for the folder notes sync through and syncs at once; the folder, or null if cancelled. */
  chooseSyncFolder: () => unwrap(commands.chooseSyncFolder()),
  /** Stops syncing notes; what was merged stays. */
  stopSync: () => unwrap(commands.stopSync()),
  syncNow: () => unwrap(commands.syncNow()),
  /** Settles a conflict copy: keeps the edit, the deletion, or both. */
  resolveConflict: (copy: string, how: Resolution) => unwrap(commands.resolveConflict(copy, how)),
  /** Called after every sync run, in the background or asked for. */
  onNotesSynced: (cb: (s: NotesSynced) => void) => events.notesSynced.listen((e) => cb(e.payload as NotesSynced)),
  /** Saves an article with the notes as one HTML file through the save dialog; the path, or null if cancelled. */
  saveArticleHtml: (slug: string, notes: NotesPlacement) => unwrap(commands.saveArticleHtml(slug, notes)),
  /** Saves an article with the notes as a PDF through the save dialog; the path, or null if cancelled. */
  saveArticlePdf: (slug: string, notes: NotesPlacement) => unwrap(commands.saveArticlePdf(slug, notes)),
  /** An article with its notes typeset as for the PDF: one SVG picture per A4 page, to print. */
  printPages: (slug: string, notes: NotesPlacement) => unwrap(commands.printPages(slug, notes)),
  /** Saves articles with their notes, one HTML file each, in a folder chosen; the folder, or null if cancelled. */
  saveArticlesHtml: (slugs: string[], notes: NotesPlacement) => unwrap(commands.saveArticlesHtml(slugs, notes)),
  /** Sets the document's and the window's title. */
  setTitle: (title: string) => {
    document.title = title;
    getCurrentWindow()
      .setTitle(title)
      .catch(() => {});
  },
  /** Opens http(s) links in the system browser; anything else is ignored. */
  openUrl: (url: string) => {
    if (/^https?:\/\//i.test(url)) openInBrowser(url).catch(() => {});
  },
};
