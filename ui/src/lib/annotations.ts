// Pure helpers for annotations: colours, overlapping highlights cut into segments, tags as
// typed, the Notes view's question to the core, and what to tell the reader after a recovery.
import { formatter } from './dates';
import type { Annotation, Merged, NoteStatus, NotesQuery, NotesRecovery, NotesSort } from './api';

export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Color = (typeof COLORS)[number];
export const STATUSES: readonly NoteStatus[] = ['anchored', 'moved', 'fuzzy', 'orphaned'];

/** The colour a highlight is drawn in: its own when known, yellow otherwise. */
export function colorOf(a: { color: string }): Color {
  return (COLORS as readonly string[]).includes(a.color) ? (a.color as Color) : 'yellow';
}

export type Span = { id: string; start: number; end: number };
/** A stretch of text covered by the same highlights, outermost first. */
export type Segment = { start: number; end: number; ids: string[] };

/**
 * Cuts possibly overlapping spans into adjacent segments, each covered by the same spans.
 * Within a segment the ids run from the outermost (starting first, then longest) inwards,
 * so the innermost, the one a click lands on, is the last. Empty spans are dropped.
 */
export function segments(spans: readonly Span[]): Segment[] {
  // Outermost first: starting first, then longest. A sweep over the cut points keeps the
  // spans covering the current stretch in that order (they join in it, and leaving keeps it).
  const live = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
  const cuts = [...new Set(live.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const out: Segment[] = [];
  let covering: Span[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    // Every end is a cut, so a span still open past `start` runs at least to `end`.
    covering = covering.filter((s) => s.end > start);
    while (next < live.length && live[next].start <= start) covering.push(live[next++]);
    if (covering.length) out.push({ start, end, ids: covering.map((s) => s.id) });
  }
  return out;
}

/** Tags as typed, comma separated: trimmed, empty ones dropped, each once. */
export function parseTags(input: string): string[] {
  return [
    ...new Set(
      input
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
}

/** The tag being typed (after the last comma), and the text before it, for completion. */
export function tagCompletions(input: string, known: readonly string[]): string[] {
  const cut = input.lastIndexOf(',');
  const head = cut < 0 ? '' : `${input.slice(0, cut + 1).trimEnd()} `;
  const typed = parseTags(input.slice(0, cut + 1));
  return known.filter((t) => !typed.includes(t)).map((t) => head + t);
}

/** A quote cut to about `max` characters at a word. */
export function snippet(quote: string, max = 120): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return `${flat.slice(0, cut > max / 2 ? cut : max)}…`;
}

/** The Notes view's filters as the reader set them (an empty string: not filtered). */
export type NotesFilters = {
  article: string;
  tag: string;
  color: string;
  status: NoteStatus | '';
  /** Words to find in the quote, the note or the tags (case and accents aside). */
  text: string;
  /** Made on or after this day (`YYYY-MM-DD`), and on or before `to`. */
  from: string;
  to: string;
};

export const NO_FILTERS: NotesFilters = { article: '', tag: '', color: '', status: '', text: '', from: '', to: '' };

/** What the core is asked for: the filters set (the others null), the order and a page. */
export function notesQuery(f: NotesFilters, sort: NotesSort, offset: number, limit: number): NotesQuery {
  const set = (v: string) => (v.trim() === '' ? null : v);
  return {
    article: set(f.article),
    tag: set(f.tag),
    color: set(f.color),
    status: f.status === '' ? null : f.status,
    text: set(f.text),
    from: set(f.from),
    to: set(f.to),
    sort,
    offset,
    limit,
  };
}

/** Whether a note is drawn over a passage: neither a note on the whole article nor a reply. */
export function onPassage(n: Annotation): boolean {
  return !n.whole_article && !n.parent;
}

/**
 * The replies among `replies` under the note heading each thread, by that note's id, oldest
 * first. A reply to a reply goes under the first note of the thread; a reply whose note is in
 * neither list heads its own thread (and is under no key). `notes` are the other notes shown.
 */
export function threads(notes: readonly Annotation[], replies: readonly Annotation[] = notes): Map<string, Annotation[]> {
  const byId = new Map([...notes, ...replies].map((n) => [n.id, n]));
  const out = new Map<string, Annotation[]>();
  for (const r of replies) {
    if (!r.parent) continue;
    const seen = new Set([r.id]);
    let at = r;
    for (let up = byId.get(r.parent); up && !seen.has(up.id); up = up.parent ? byId.get(up.parent) : undefined) {
      seen.add(up.id);
      at = up;
    }
    if (at.id === r.id) continue;
    out.set(at.id, [...(out.get(at.id) ?? []), r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
  return out;
}

/**
 * An article's notes as the margin lists them: those on the whole article (and replies whose
 * note is gone) at the head, those drawn in the text in reading order, those that could not be
 * placed, and the replies under the note heading their thread.
 */
export function splitPlaced(notes: readonly Annotation[]): {
  whole: Annotation[];
  placed: Annotation[];
  orphans: Annotation[];
  replies: Map<string, Annotation[]>;
} {
  const replies = threads(notes);
  const inThread = new Set([...replies.values()].flat().map((r) => r.id));
  const heads = notes.filter((n) => !inThread.has(n.id));
  return {
    whole: heads.filter((n) => !onPassage(n) && n.status !== 'orphaned'),
    placed: heads.filter((n) => onPassage(n) && n.status !== 'orphaned').sort((a, b) => a.start - b.start || b.end - a.end),
    orphans: heads.filter((n) => n.status === 'orphaned'),
    replies,
  };
}

/** What a note is on, in place of its quote when it has none. */
export function noteOn(n: Annotation): string | null {
  if (n.parent) return 'Reply';
  if (n.whole_article) return 'On the whole article';
  return null;
}

/** A date and time from RFC 3339, as the reader's locale writes it; the value itself if unreadable. */
export function formatWhen(rfc3339: string, locale?: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** What to tell the reader when the notes file was damaged at opening. */
export function recoveryMessage(r: NotesRecovery, locale?: string): string {
  const head = `Your notes file was damaged and has been set aside at ${r.set_aside}.`;
  if (!r.restored) return `${head} No backup was found, so notes start empty.`;
  const when = r.taken ? ` (taken ${formatWhen(r.taken, locale)})` : '';
  return `${head} The backup ${r.restored}${when} was restored.`;
}

/** What an import left out, a line each with why: not matched (Hypothesis), or unreadable. */
export function notImportedLines(m: Pick<Merged, 'unmatched' | 'unreadable'>): string[] {
  return [
    ...m.unmatched.map((u) => `${u.title || u.uri}${u.quote ? `: “${snippet(u.quote, 80)}”` : ''}: ${u.reason}`),
    ...m.unreadable.map((u) => `Annotation ${u.item}${u.id ? ` (${u.id})` : ''} could not be read: ${u.reason}`),
  ];
}
