// The window's first frame: when it opens on the Library, what the Library draws (the archive's
// counts, the first page of articles, the reading shelf) is asked for at once, before the app
// mounts, and the app mounts once it is in, so that the first frame already holds the list
// instead of drawing the bar alone and the list in a later, costlier frame. What that frame
// does not show (the problems count, a notice about the notes file) is asked for after it.
import { api, type Archive, type ArticlePage } from './api';
import { archiveQuery } from './archive';
import { parseRoute } from './router';
import { loadShelf } from './shelf.svelte';

/** Articles the Library asks for at a time (its first page is asked for here). */
export const LIBRARY_PAGE = 100;

/** The longest the mount waits for the first view's answers (a library busy importing). */
const MOUNT_WAIT_MS = 300;
/** The longest what waits for the first paint waits (a view that cannot draw, a library that
 * failed to open: the error comes from the problems count). */
const SHOWN_WAIT_MS = 600;

type Primed = { archive?: Promise<Archive>; page?: Promise<ArticlePage>; pageKey: string; shelf?: Promise<void> };
let primed: Primed | null = null;

let markShown: () => void = () => {};
/** Settles once the first view has painted (or at once when the window opens elsewhere). */
export const firstViewShown = new Promise<void>((resolve) => {
  markShown = resolve;
  setTimeout(resolve, SHOWN_WAIT_MS);
});

/** The first view has painted: what waits for it goes ahead. */
export function firstViewPainted(): void {
  markShown();
}

const queryKey = (q: ReturnType<typeof archiveQuery>) => JSON.stringify(q);

/** Asks for what the view at `hash` draws first, when it is the Library; settles when the
 * answers are in, or after `wait` ms at most (never rejects). */
export function primeFirstView(hash: string, wait = MOUNT_WAIT_MS): Promise<void> {
  const route = parseRoute(hash);
  if (route.name !== 'index') {
    markShown();
    return Promise.resolve();
  }
  const query = archiveQuery(route, 0, LIBRARY_PAGE);
  primed = { archive: api.archive(), page: api.articlePage(query), pageKey: queryKey(query), shelf: loadShelf() };
  const all = Promise.allSettled([primed.archive, primed.page, primed.shelf]);
  return Promise.race([all, new Promise((r) => setTimeout(r, wait))]).then(() => {});
}

/** The archive asked for at start, once; undefined afterwards (ask again). */
export function takeArchive(): Promise<Archive> | undefined {
  const p = primed?.archive;
  if (primed) primed.archive = undefined;
  return p;
}

/** The first page asked for at start, once, when `query` is the one asked. */
export function takePage(query: ReturnType<typeof archiveQuery>): Promise<ArticlePage> | undefined {
  if (!primed?.page || primed.pageKey !== queryKey(query)) return undefined;
  const p = primed.page;
  primed.page = undefined;
  return p;
}

/** The shelf loaded at start, once. */
export function takeShelf(): Promise<void> | undefined {
  const p = primed?.shelf;
  if (primed) primed.shelf = undefined;
  return p;
}
