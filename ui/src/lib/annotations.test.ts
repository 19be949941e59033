import { describe, expect, it } from 'vitest';
import type { Annotation } from './api';
import {
  colorOf,
  NO_FILTERS,
  notesQuery,
  notImportedLines,
  parseTags,
  recoveryMessage,
  segments,
  snippet,
  splitPlaced,
  tagCompletions,
  threads,
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
  it('asks the core for the filters set, the order and a page', () => {
    expect(notesQuery(NO_FILTERS, 'newest', 0, 100)).toEqual({
      article: null,
      tag: null,
      color: null,
      status: null,
      text: null,
      from: null,
      to: null,
      sort: 'newest',
      offset: 0,
      limit: 100,
    });
    const q = notesQuery({ ...NO_FILTERS, article: 'a', status: 'orphaned', text: '  ', from: '2024-04-01' }, 'article', 200, 100);
    expect(q).toMatchObject({ article: 'a', status: 'orphaned', text: null, from: '2024-04-01', to: null, sort: 'article', offset: 200 });
  });
  it("splits an article's notes into placed (in reading order) and orphaned", () => {
    const { placed, orphans } = splitPlaced(notes);
    expect(placed.map((n) => n.id)).toEqual(['2', '1']);
    expect(orphans.map((n) => n.id)).toEqual(['3']);
  });
  it('heads the margin with notes on the whole article and puts replies under their thread', () => {
    const all = [
      ...notes,
      note({ id: 'p', start: 0, end: 0, quote: '', whole_article: true }),
      note({ id: 'r1', start: 0, end: 0, quote: '', parent: '1', created: '2024-06-02T00:00:00Z' }),
      note({ id: 'r2', start: 0, end: 0, quote: '', parent: 'r1', created: '2024-06-03T00:00:00Z' }),
      note({ id: 'r0', start: 0, end: 0, quote: '', parent: '1', created: '2024-06-01T00:00:00Z' }),
      note({ id: 'lost', start: 0, end: 0, quote: '', parent: 'gone' }),
    ];
    const { whole, placed, orphans, replies } = splitPlaced(all);
    expect(whole.map((n) => n.id)).toEqual(['p', 'lost']);
    expect(placed.map((n) => n.id)).toEqual(['2', '1']);
    expect(orphans.map((n) => n.id)).toEqual(['3']);
    expect(replies.get('1')?.map((n) => n.id)).toEqual(['r0', 'r1', 'r2']);
    expect([...replies.keys()]).toEqual(['1']);
    // The Notes view's page: its rows, and the replies sent with them.
    expect(
      threads([all[0]], all.slice(4))
        .get('1')
        ?.map((n) => n.id),
    ).toEqual(['r0', 'r1', 'r2']);
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
      unmatched: [
        {
          id: 'h1',
          uri: 'https://example.org/elsewhere',
          title: null,
          quote: 'words on another site',
          reason: 'no article has its address or its title',
        },
        {
          id: 'h2',
          uri: 'https://example.org/x',
          title: 'X | Blog',
          quote: '',
          reason: 'a reply to `h0`, which is neither in the file nor among your notes',
        },
      ],
      unreadable: [
        { item: 3, id: 'urn:uuid:x', reason: 'no target' },
        { item: 4, id: null, reason: 'no id' },
      ],
    });
    expect(lines).toEqual([
      'https://example.org/elsewhere: “words on another site”: no article has its address or its title',
      'X | Blog: a reply to `h0`, which is neither in the file nor among your notes',
      'Annotation 3 (urn:uuid:x) could not be read: no target',
      'Annotation 4 could not be read: no id',
    ]);
  });
});
