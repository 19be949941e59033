import { describe, expect, it } from 'vitest';
import type { BlogProgress, BlogReport } from './api';
import {
  addressProblem,
  conflictSentence,
  count,
  failedImage,
  formatDuration,
  formatMegabytes,
  formatSynced,
  isPlainHttp,
  kindLabel,
  namedSlugs,
  notesPlacedSentence,
  notesSentence,
  progressParts,
  progressSentence,
  reportDetails,
  reportSentence,
} from './blogs';

function report(r: Partial<BlogReport> = {}): BlogReport {
  return {
    name: 'labour',
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    older: 0,
    conflicts: [],
    unknown_shortcodes: [],
    images_stored: 0,
    images_failed: [],
    offline: false,
    not_modified: false,
    notes: [],
    problems: 0,
    ...r,
  };
}

function progress(p: Partial<BlogProgress> = {}): BlogProgress {
  return { posts: 0, posts_total: null, images: 0, images_failed: 0, bytes: 0, elapsed_ms: 0, eta_ms: null, ...p };
}

const placed = (article: string, moved: number, fuzzy: number, orphaned: number) => ({
  article,
  title: article.toUpperCase(),
  moved,
  fuzzy,
  orphaned,
});

describe('counting', () => {
  it('says one and many', () => {
    expect(count(1, 'article')).toBe('1 article');
    expect(count(0, 'article')).toBe('0 articles');
    expect(count(3, 'person', 'people')).toBe('3 people');
  });
});

describe('what adding or checking a blog did', () => {
  it('counts what was added and changed, then what happened to the notes', () => {
    const r = report({ added: ['a', 'b', 'c'], changed: ['d', 'e'], notes: [placed('d', 2, 0, 0), placed('e', 0, 0, 1)] });
    expect(reportSentence(r)).toBe('3 articles added, 2 changed on the blog: 2 notes moved, 1 could not be placed.');
  });
  it('says "articles" with the first count only', () => {
    expect(reportSentence(report({ changed: ['d'] }))).toBe('1 article changed on the blog.');
    expect(reportSentence(report({ added: ['a'], removed: ['x', 'y'] }))).toBe('1 article added, 2 removed from the blog (kept here).');
  });
  it('says plainly when nothing is new, and when the site could not be reached', () => {
    expect(reportSentence(report({ not_modified: true }))).toBe('Nothing new.');
    expect(reportSentence(report({ unchanged: 12 }))).toBe('Nothing new.');
    expect(reportSentence(report({ offline: true, added: ['a'] }))).toBe('Offline: nothing changed.');
  });
  it('lists the smaller facts only when they are not nothing', () => {
    expect(reportDetails(report())).toEqual([]);
    expect(reportDetails(report({ unchanged: 1, older: 2, images_stored: 3, unknown_shortcodes: ['a: [gallery]'], problems: 1 }))).toEqual([
      '1 article unchanged.',
      '2 posts older than the version kept here, left alone.',
      '3 images stored for reading offline.',
      '1 shortcode not understood, kept as text: a: [gallery].',
      "1 problem in the library's content (see Problems).",
    ]);
  });
  it('explains an edit kept against the blog', () => {
    expect(conflictSentence('MOPR')).toBe("You edited “MOPR” here; the blog's new version is kept beside it.");
  });
});

describe('notes placed anew', () => {
  it('sums the articles and says each kind once', () => {
    expect(notesSentence([placed('a', 1, 1, 0), placed('b', 1, 0, 2)])).toBe('2 notes moved, 1 placed by likeness, 2 could not be placed');
    expect(notesSentence([placed('a', 0, 0, 1)])).toBe('1 note could not be placed');
    expect(notesSentence([])).toBe('');
  });
  it('says so for one article whose notes stayed put', () => {
    expect(notesPlacedSentence(placed('a', 0, 0, 0))).toBe('Notes unchanged');
    expect(notesPlacedSentence(placed('a', 0, 3, 0))).toBe('3 notes placed by likeness');
  });
});

describe('failed images', () => {
  it('splits the address from the reason', () => {
    expect(failedImage('https://b.example.org/wp-content/uploads/a.png: the server answered 404 Not Found')).toEqual({
      url: 'https://b.example.org/wp-content/uploads/a.png',
      why: 'the server answered 404 Not Found',
    });
    expect(failedImage('http://127.0.0.1:8080/x.png: cannot connect (offline, or the site is down)').url).toBe('http://127.0.0.1:8080/x.png');
    expect(failedImage('something odd')).toEqual({ url: null, why: 'something odd' });
  });
});

describe('progress', () => {
  it('counts posts of the total when it is known', () => {
    expect(progressParts(progress({ posts: 12, posts_total: 40 })).posts).toBe('12 of 40 posts');
    expect(progressParts(progress({ posts: 1 })).posts).toBe('1 post');
  });
  it('says images fetched and failed, megabytes and time left', () => {
    expect(progressSentence(progress({ posts: 3, posts_total: 10, images: 5, images_failed: 2, bytes: 4_200_000, eta_ms: 95_000 }))).toBe(
      '3 of 10 posts · 5 images fetched, 2 failed · 4.2 MB · about 2 min left',
    );
    expect(progressSentence(progress({ posts: 2, images: 1 }))).toBe('2 posts · 1 image fetched');
    expect(progressSentence(progress({ bytes: null, eta_ms: 0 }))).toBe('0 posts · 0 images fetched');
  });
  it('rounds sizes and times as a reader reads them', () => {
    expect(formatMegabytes(420_000)).toBe('0.4 MB');
    expect(formatMegabytes(12_345_678)).toBe('12 MB');
    expect(formatDuration(1200)).toBe('a few seconds');
    expect(formatDuration(40_000)).toBe('40 s');
    expect(formatDuration(3 * 60_000)).toBe('3 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(120 * 60_000)).toBe('2 h');
  });
});

describe('sources and addresses', () => {
  it('names the three ways in', () => {
    expect(kindLabel('export')).toBe('WordPress export');
    expect(kindLabel('site')).toBe('WordPress site');
    expect(kindLabel('feed')).toBe('Feed');
    expect(kindLabel('other')).toBe('other');
  });
  it('accepts https and http addresses, warning of plain http', () => {
    expect(addressProblem('https://blog.example.org')).toBeNull();
    expect(addressProblem(' http://127.0.0.1:8080/feed ')).toBeNull();
    expect(isPlainHttp(' HTTP://blog.example.org')).toBe(true);
    expect(isPlainHttp('https://blog.example.org')).toBe(false);
  });
  it('says what an address is missing', () => {
    expect(addressProblem('')).toBe('Type the address.');
    expect(addressProblem('blog.example.org')).toBe('An address starts with https:// (or http://).');
    expect(addressProblem('https://')).toBe('An address starts with https:// (or http://).');
    expect(addressProblem('ftp://example.org')).toBe('An address starts with https:// (or http://).');
  });
  it('says when a blog was last checked, or never', () => {
    expect(formatSynced(null)).toBe('never');
    expect(formatSynced('not a time')).toBe('not a time');
    expect(formatSynced('2026-03-01T10:00:00Z', 'en-GB')).toMatch(/2026/);
  });
});

describe('namedSlugs', () => {
  it('names the first shown added, the changed, removed and edited-here articles, each once', () => {
    const reports = [
      report({ added: ['a1', 'a2', 'a3'], changed: ['c1'], removed: ['r1'], conflicts: ['c1', 'k1'] }),
      report({ name: 'other', added: ['b1'], changed: ['c1'] }),
    ];
    expect(namedSlugs(reports, [{ conflicts: ['k2', 'k1'] }], 2)).toEqual(['a1', 'a2', 'c1', 'r1', 'k1', 'b1', 'k2']);
  });

  it('is empty with no reports and no conflicts', () => {
    expect(namedSlugs([], [{ conflicts: [] }], 30)).toEqual([]);
  });
});
