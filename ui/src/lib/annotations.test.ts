import { describe, expect, it } from 'vitest';
import type { Annotation } from './api';
import {
  colorOf,
  filterNotes,
  notImportedLines,
  parseTags,
  recoveryMessage,
  segments,
  snippet,
  sortNotes,
  splitPlaced,
  tagCompletions,
} from './annotations';

function note(p: Partial<Annotation> & { id: string }): Annotation {
  return {
    article: 'a',
    quote: 'q',
    prefix: '',
    suffix: '',
    start: 0,
    end: 1,
    note: '',
    tags: [],
    color: 'yellow',
    status: 'anchored',
    confidence: 1,
    created: '2024-01-01T00:00:00Z',
    modified: '2024-01-01T00:00:00Z',
    ...p,
  };
}

describe('segments', () => {
  it('leaves separate spans as they are', () => {
    expect(
      segments([
        { id: 'b', start: 10, end: 12 },
        { id: 'a', start: 0, end: 4 },
      ]),
    ).toEqual([
      { start: 0, end: 4, ids: ['a'] },
      { start: 10, end: 12, ids: ['b'] },
    ]);
  });
  it('cuts overlapping spans where they cross, outermost first', () => {
    expect(
      segments([
        { id: 'a', start: 0, end: 10 },
        { id: 'b', start: 5, end: 15 },
      ]),
    ).toEqual([
      { start: 0, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: ['a', 'b'] },
      { start: 10, end: 15, ids: ['b'] },
    ]);
  });
  it('nests a span inside another, the longer outside even when listed later', () => {
    expect(
      segments([
        { id: 'in', start: 2, end: 4 },
        { id: 'out', start: 2, end: 8 },
      ]),
    ).toEqual([
      { start: 2, end: 4, ids: ['out', 'in'] },
      { start: 4, end: 8, ids: ['out'] },
    ]);
  });
  it('drops empty spans and keeps touching spans apart', () => {
    expect(
      segments([
        { id: 'a', start: 0, end: 3 },
        { id: 'b', start: 3, end: 6 },
        { id: 'c', start: 4, end: 4 },
      ]),
    ).toEqual([
      { start: 0, end: 3, ids: ['a'] },
      { start: 3, end: 6, ids: ['b'] },
    ]);
  });
});

describe('tags and snippets', () => {
  it('parses tags as typed', () => {
    expect(parseTags(' red aid, ,history,red aid ,')).toEqual(['red aid', 'history']);
    expect(parseTags('')).toEqual([]);
  });
  it('completes the tag being typed after those already there', () => {
    expect(tagCompletions('his', ['history', 'poland'])).toEqual(['history', 'poland']);
    expect(tagCompletions('history, po', ['history', 'poland'])).toEqual(['history, poland']);
  });
  it('cuts long quotes at a word', () => {
    expect(snippet('short  quote')).toBe('short quote');
    expect(snippet('one two three four', 10)).toBe('one two…');
  });
  it('draws unknown colours in yellow', () => {
    expect(colorOf({ color: 'pink' })).toBe('pink');
    expect(colorOf({ color: 'mauve' })).toBe('yellow');
  });
});

describe('the notes list', () => {
  const notes = [
    note({ id: '1', article: 'b', start: 50, quote: 'The Poles wanted', tags: ['poland'], created: '2024-03-01T00:00:00Z' }),
    note({ id: '2', article: 'a', start: 9, note: 'See **MOPR**', color: 'green', created: '2024-05-01T00:00:00Z' }),
    note({ id: '3', article: 'a', start: 2, status: 'orphaned', created: '2024-04-01T00:00:00Z' }),
  ];
  it('filters by article, tag, colour, status, words and date', () => {
    const ids = (q: Parameters<typeof filterNotes>[1]) => filterNotes(notes, q).map((n) => n.id);
    expect(ids({})).toEqual(['1', '2', '3']);
    expect(ids({ article: 'a' })).toEqual(['2', '3']);
    expect(ids({ tag: 'poland' })).toEqual(['1']);
    expect(ids({ color: 'green' })).toEqual(['2']);
    expect(ids({ status: 'orphaned' })).toEqual(['3']);
    expect(ids({ text: 'mopr' })).toEqual(['2']);
    expect(ids({ text: 'poles POLAND' })).toEqual(['1']);
    // Days are inclusive at both ends.
    expect(ids({ from: '2024-04-01' })).toEqual(['2', '3']);
    expect(ids({ to: '2024-04-01' })).toEqual(['1', '3']);
    expect(ids({ from: '2024-03-02', to: '2024-04-30' })).toEqual(['3']);
  });
  it('sorts newest first or by article title and place', () => {
    const titles = new Map([
      ['a', 'Zeta'],
      ['b', 'Alpha'],
    ]);
    expect(sortNotes(notes, 'newest', titles).map((n) => n.id)).toEqual(['2', '3', '1']);
    expect(sortNotes(notes, 'article', titles).map((n) => n.id)).toEqual(['1', '3', '2']);
  });
  it("splits an article's notes into placed (in reading order) and orphaned", () => {
    const { placed, orphans } = splitPlaced(notes);
    expect(placed.map((n) => n.id)).toEqual(['2', '1']);
    expect(orphans.map((n) => n.id)).toEqual(['3']);
  });
});

describe('recovery message', () => {
  it('names the file set aside and the backup restored, or says notes start empty', () => {
    const restored = recoveryMessage({ set_aside: '/n/notes.damaged.sqlite', restored: '/n/b1.sqlite', taken: '2024-05-01T10:00:00Z' }, 'en-GB');
    expect(restored).toContain('/n/notes.damaged.sqlite');
    expect(restored).toContain('/n/b1.sqlite');
    expect(restored).toContain('2024');
    const empty = recoveryMessage({ set_aside: '/n/x', restored: null, taken: null });
    expect(empty).toContain('No backup');
  });
});

describe('what an import left out', () => {
  it('lists pages not in the library and annotations that could not be read, each with why', () => {
    const lines = notImportedLines({
      unmatched: [{ id: 'h1', uri: 'https://example.org/elsewhere', title: null, quote: 'words on another site' }],
      unreadable: [
        { item: 3, id: 'urn:uuid:x', reason: 'no target' },
        { item: 4, id: null, reason: 'no id' },
      ],
    });
    expect(lines).toEqual([
      'On a page not in the library: https://example.org/elsewhere: “words on another site”',
      'Annotation 3 (urn:uuid:x) could not be read: no target',
      'Annotation 4 could not be read: no id',
    ]);
  });
});
