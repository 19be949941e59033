// The titles a list names (the reading shelf, a list of notes, a blog's report): the slugs to ask
// the library for, each once, and the answer as a slug → title map.

import type { ArticleSummary } from './api';

/** Every slug of `lists`, each once, in the order first met. */
export function uniqueSlugs(...lists: Iterable<string>[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const slug of list) seen.add(slug);
  return [...seen];
}

/** Slug → title of the articles the library returned. */
export function titleMap(articles: readonly ArticleSummary[]): Map<string, string> {
  return new Map(articles.map((a) => [a.slug, a.title]));
}
