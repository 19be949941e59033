// What the Library lists above its articles: reading positions and bookmarks, and the summaries
// of the articles they name (only those), as last loaded. Changes made while reading go through
// here, so a reload waits for any still on their way.
import { api, type ArticleSummary, type ReadingPosition } from './api';
import { uniqueSlugs } from './titles';

export const shelf = $state({
  positions: [] as ReadingPosition[],
  bookmarks: [] as string[],
  /** The articles of the positions and the bookmarks the library still has. */
  articles: [] as ArticleSummary[],
});

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the changes on their way are waited for, never shown
const pending = new Set<Promise<unknown>>();

function track<T>(call: Promise<T>): Promise<T> {
  const done: Promise<void> = call.then(
    () => void pending.delete(done),
    () => void pending.delete(done),
  );
  pending.add(done);
  return call;
}

/** Keeps the reading position in an article (a UTF-16 offset into its plain text). */
export const savePosition = (slug: string, offset: number) => track(api.savePosition(slug, offset));

/** Bookmarks the article or takes its bookmark off; whether it is bookmarked now. */
export const toggleBookmark = (slug: string) => track(api.toggleBookmark(slug));

const settled = () => Promise.allSettled([...pending]);

/** Reading positions, the most recent first (once the changes on their way are made). */
export const readingPositions = () => settled().then(() => api.readingPositions());

/** Bookmarked articles' slugs, newest first (once the changes on their way are made). */
export const listBookmarks = () => settled().then(() => api.listBookmarks());

/** Reloads both and their articles; a list that cannot be read stays as it was. */
export async function loadShelf(): Promise<void> {
  const [positions, bookmarks] = await Promise.all([readingPositions().catch(() => shelf.positions), listBookmarks().catch(() => shelf.bookmarks)]);
  const slugs = uniqueSlugs(
    positions.map((p) => p.article),
    bookmarks,
  );
  // Nothing read and nothing bookmarked (a first start): no articles to ask for, and no round trip.
  const articles = slugs.length === 0 ? [] : await api.articlesBySlug(slugs).catch(() => shelf.articles);
  shelf.positions = positions;
  shelf.bookmarks = bookmarks;
  shelf.articles = articles;
}
