// Blogs in words a reader understands: what adding or checking a blog did, how far the work
// has come, where a blog comes from, and what an address needs.

import type { BlogInfo, BlogProgress, BlogReport, NotesPlaced } from './api';
import { uniqueSlugs } from './titles';

/** `1 article`, `3 articles`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What happened to the notes on changed articles, summed: `2 notes moved, 1 could not be placed`. */
export function notesSentence(notes: readonly Pick<NotesPlaced, 'moved' | 'fuzzy' | 'orphaned'>[]): string {
  const moved = notes.reduce((s, n) => s + n.moved, 0);
  const fuzzy = notes.reduce((s, n) => s + n.fuzzy, 0);
  const orphaned = notes.reduce((s, n) => s + n.orphaned, 0);
  const parts = [
    ...(moved ? [`${count(moved, 'note')} moved`] : []),
    ...(fuzzy ? [`${count(fuzzy, 'note')} placed by likeness`] : []),
    ...(orphaned ? [`${count(orphaned, 'note')} could not be placed`] : []),
  ];
  // After the first, "note(s)" goes without saying: "2 notes moved, 1 could not be placed".
  return parts.map((p, i) => (i === 0 ? p : p.replace(/^(\d+) notes? /, '$1 '))).join(', ');
}

/** What adding or checking one blog did, in one sentence: `3 articles added, 2 changed on the
 * blog: 2 notes moved, 1 could not be placed.` */
export function reportSentence(r: BlogReport): string {
  if (r.offline) return 'Offline: nothing changed.';
  const parts: string[] = [];
  // "articles" is said once, by the first count.
  const say = (n: number, what: string) => parts.push(`${parts.length ? n : count(n, 'article')} ${what}`);
  if (r.added.length) say(r.added.length, 'added');
  if (r.changed.length) say(r.changed.length, 'changed on the blog');
  if (r.removed.length) say(r.removed.length, 'removed from the blog (kept here)');
  const notes = notesSentence(r.notes);
  const sentence = parts.length ? parts.join(', ') : 'Nothing new';
  return `${sentence}${notes ? `: ${notes}` : ''}.`;
}

/** The smaller facts of a report, each worth a line when it is not nothing. */
export function reportDetails(r: BlogReport): string[] {
  return [
    ...(r.unchanged ? [`${count(r.unchanged, 'article')} unchanged.`] : []),
    ...(r.older ? [`${count(r.older, 'post')} older than the version kept here, left alone.`] : []),
    ...(r.images_stored ? [`${count(r.images_stored, 'image')} stored for reading offline.`] : []),
    ...(r.unknown_shortcodes.length
      ? [`${count(r.unknown_shortcodes.length, 'shortcode')} not understood, kept as text: ${r.unknown_shortcodes.join('; ')}.`]
      : []),
    ...(r.problems ? [`${count(r.problems, 'problem')} in the library's content (see Problems).`] : []),
  ];
}

/** What to say about an article edited here whose newer version came from the blog. */
export function conflictSentence(title: string): string {
  return `You edited “${title}” here; the blog's new version is kept beside it.`;
}

/** What happened to one changed article's notes. */
export function notesPlacedSentence(n: NotesPlaced): string {
  return notesSentence([n]) || 'Notes unchanged';
}

/** A failed image as the report gives it (`address: why`): its address and the reason. */
export function failedImage(line: string): { url: string | null; why: string } {
  const m = /^(https?:\/\/\S+?): (.*)$/s.exec(line);
  return m ? { url: m[1], why: m[2] } : { url: null, why: line };
}

/** Bytes in megabytes, one decimal under ten: `0.4 MB`, `12 MB`. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A time left, roughly: `a few seconds`, `40 s`, `3 min`, `1 h 5 min`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 5) return 'a few seconds';
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

/** How far the work has come, part by part: posts, images, megabytes, time left. */
export function progressParts(p: BlogProgress): { posts: string; images: string; size: string | null; left: string | null } {
  const posts = p.posts_total != null ? `${p.posts} of ${count(p.posts_total, 'post')}` : `${count(p.posts, 'post')}`;
  const images = `${count(p.images, 'image')} fetched${p.images_failed ? `, ${p.images_failed} failed` : ''}`;
  const size = p.bytes != null && p.bytes > 0 ? formatMegabytes(p.bytes) : null;
  const left = p.eta_ms != null && p.eta_ms > 0 ? `about ${formatDuration(p.eta_ms)} left` : null;
  return { posts, images, size, left };
}

/** How far the work has come, in one line. */
export function progressSentence(p: BlogProgress): string {
  const { posts, images, size, left } = progressParts(p);
  return [posts, images, size, left].filter(Boolean).join(' · ');
}

/** Where a blog comes from, in words. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case 'export':
      return 'WordPress export';
    case 'site':
      return 'WordPress site';
    case 'feed':
      return 'Feed';
    default:
      return kind;
  }
}

/** Whether an address is plain http (readable on the way). */
export function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}

/** What is wrong with an address typed for a site or a feed, or null when it will do. */
export function addressProblem(url: string): string | null {
  const u = url.trim();
  if (u === '') return 'Type the address.';
  if (!/^https?:\/\/[^\s/]+/i.test(u)) return 'An address starts with https:// (or http://).';
  return null;
}

/** When a blog was last checked, in the reader's locale; `never` when it has not been. */
export function formatSynced(when: string | null, locale?: string): string {
  if (!when) return 'never';
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return when;
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The articles the reports and the blogs' list name by title: the first `shown` added in each
 * report, the changed, removed and edited-here ones, and each blog's edited-here ones. */
export function namedSlugs(reports: readonly BlogReport[], blogs: readonly Pick<BlogInfo, 'conflicts'>[], shown: number): string[] {
  return uniqueSlugs(...reports.flatMap((r) => [r.added.slice(0, shown), r.changed, r.removed, r.conflicts]), ...blogs.map((b) => b.conflicts));
}
