// Reading positions and bookmarks, the parts that need no DOM: throttling saves, finding the
// first visible place, and what the Library's "Continue reading" and "Bookmarks" list.

import type { ArticleSummary, ReadingPosition } from './api';
import { formatter } from './dates';

export type Throttled = {
  /** Runs now if the last run was `ms` or more ago, else once when that time is up. */
  call(): void;
  /** Runs a call still waiting, now; nothing when none is. */
  flush(): void;
  /** Drops a call still waiting. */
  cancel(): void;
};

/** `fn` at most once every `ms`: the first call runs at once, the last one of a burst later. */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = last + ms - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      run();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * The first index in `0..n` for which `test` holds, given it holds for every index after one
 * where it does (as "ends below the top of the view" does for text in reading order); `n` if none.
 */
export function firstIndex(n: number, test: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first of `n` boxes in reading order that reaches below `top` (is at least partly in view). */
export function firstVisible(n: number, bottomOf: (i: number) => number, top: number): number {
  return firstIndex(n, (i) => bottomOf(i) > top);
}

/** Where the window should scroll so that something `rectTop` from the viewport's top sits at `viewTop`. */
export function scrollTarget(scrollY: number, rectTop: number, viewTop: number): number {
  return Math.max(0, Math.round(scrollY + rectTop - viewTop));
}

/** A saved place is restored only when the route does not ask for another (a passage, a note, an annotation). */
export function shouldRestore(route: { q?: string; note?: number; ann?: string }): boolean {
  return !route.q && route.note === undefined && !route.ann;
}

/** Whether an offset is where the text begins (nothing but space before it): no place to go back to. */
export function atStart(text: string, offset: number): boolean {
  return text.slice(0, offset).trim() === '';
}

/** How far in an offset is, in whole percent of the text; null when the length is unknown. */
export function percentRead(offset: number, length: number | undefined): number | null {
  if (!length || length <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((offset / length) * 100)));
}

export type ContinueItem = { slug: string; title: string; percent: number | null; updated: string };

/** The most recent positions (up to `limit`) in articles the library still has. */
export function continueItems(
  positions: readonly ReadingPosition[],
  articles: readonly ArticleSummary[],
  lengths: Readonly<Record<string, number>>,
  limit = 3,
): ContinueItem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const items: ContinueItem[] = [];
  for (const p of positions) {
    const a = bySlug.get(p.article);
    if (!a || items.some((i) => i.slug === a.slug)) continue;
    items.push({ slug: a.slug, title: a.title, percent: percentRead(p.offset, lengths[a.slug]), updated: p.updated });
    if (items.length >= limit) break;
  }
  return items;
}

/** Bookmarked articles the library still has, in the bookmarks' order. */
export function bookmarkItems(slugs: readonly string[], articles: readonly ArticleSummary[]): ArticleSummary[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  return slugs.flatMap((s) => bySlug.get(s) ?? []);
}

/** The day of an RFC 3339 time, as "5 May 2024"; the value as it is when it is not one. */
export function formatDay(value: string, locale?: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return formatter(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

const LENGTHS = 'lectern.textLengths';

/** The plain-text lengths of articles read here (the index has only summaries): slug → length. */
export function knownLengths(store: Pick<Storage, 'getItem'> = localStorage): Record<string, number> {
  try {
    const v: unknown = JSON.parse(store.getItem(LENGTHS) ?? '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Remembers an article's text length, for the percent "Continue reading" shows. */
export function rememberLength(slug: string, length: number, store: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const all = knownLengths(store);
  if (all[slug] === length) return;
  all[slug] = length;
  try {
    store.setItem(LENGTHS, JSON.stringify(all));
  } catch {
    // A full or unavailable store only costs the percent.
  }
}
