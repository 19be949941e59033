import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  atStart,
  bookmarkItems,
  continueItems,
  firstIndex,
  firstVisible,
  knownLengths,
  percentRead,
  rememberLength,
  scrollTarget,
  shouldRestore,
  throttle,
} from './reading';
import type { ArticleSummary } from './api';

const article = (slug: string, title = slug.toUpperCase()): ArticleSummary => ({
  slug,
  title,
  subtitle: null,
  authors: [],
  date: '1920',
  series: null,
  summary: '',
  tags: [],
  url: null,
  blog: null,
  removed_upstream: false,
});

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first call at once and the last of a burst once the time is up', () => {
    const fn = vi.fn();
    const t = throttle(fn, 1500);
    t.call();
    expect(fn).toHaveBeenCalledTimes(1);
    t.call();
    t.call();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('runs at once again after a quiet spell', () => {
    const fn = vi.fn();
    const t = throttle(fn, 1500);
    t.call();
    vi.advanceTimersByTime(2000);
    t.call();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('flushes a waiting call now, and cancels one', () => {
    const fn = vi.fn();
    const t = throttle(fn, 1500);
    t.call();
    t.call();
    t.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    t.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    t.call();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('firstVisible', () => {
  const bottoms = [10, 40, 70, 100, 130];
  it('finds the first box reaching below the top', () => {
    expect(firstVisible(bottoms.length, (i) => bottoms[i], 55)).toBe(2);
    expect(firstVisible(bottoms.length, (i) => bottoms[i], 70)).toBe(3);
    expect(firstVisible(bottoms.length, (i) => bottoms[i], 0)).toBe(0);
  });
  it('is past the end when every box is above', () => {
    expect(firstVisible(bottoms.length, (i) => bottoms[i], 500)).toBe(5);
    expect(firstIndex(0, () => true)).toBe(0);
  });
  it('asks about few boxes', () => {
    const asked = vi.fn((i: number) => i * 10);
    expect(firstVisible(1000, asked, 4321)).toBe(433);
    expect(asked.mock.calls.length).toBeLessThanOrEqual(11);
  });
});

describe('places', () => {
  it('scrolls so the text sits just below the bar', () => {
    expect(scrollTarget(1000, 300, 60)).toBe(1240);
    expect(scrollTarget(0, 20, 60)).toBe(0);
  });
  it('restores only when the route names no other place', () => {
    expect(shouldRestore({})).toBe(true);
    expect(shouldRestore({ q: 'strike' })).toBe(false);
    expect(shouldRestore({ note: 3 })).toBe(false);
    expect(shouldRestore({ ann: 'urn:uuid:1' })).toBe(false);
  });
  it('knows the start of the text, space and all', () => {
    expect(atStart('\n  Once upon', 3)).toBe(true);
    expect(atStart('Once upon', 0)).toBe(true);
    expect(atStart('Once upon', 5)).toBe(false);
  });
  it('gives how far in as a whole percent, or null without a length', () => {
    expect(percentRead(420, 1000)).toBe(42);
    expect(percentRead(2000, 1000)).toBe(100);
    expect(percentRead(10, undefined)).toBeNull();
    expect(percentRead(10, 0)).toBeNull();
  });
});

describe('the shelf', () => {
  const articles = [article('a'), article('b'), article('c'), article('d')];
  const at = (slug: string, offset: number, updated = '2024-05-05T10:00:00Z') => ({ article: slug, offset, updated });

  it('lists up to three recent positions in articles that still exist', () => {
    const items = continueItems([at('gone', 5), at('b', 50), at('a', 0), at('c', 7), at('d', 1)], articles, { b: 200 });
    expect(items.map((i) => i.slug)).toEqual(['b', 'a', 'c']);
    expect(items[0]).toEqual({ slug: 'b', title: 'B', percent: 25, updated: '2024-05-05T10:00:00Z' });
    expect(items[1].percent).toBeNull();
  });
  it('lists bookmarks in their order, leaving out removed articles', () => {
    expect(bookmarkItems(['c', 'gone', 'a'], articles).map((a) => a.slug)).toEqual(['c', 'a']);
  });
  it('remembers text lengths, and survives a damaged store', () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    rememberLength('a', 1234, store);
    rememberLength('b', 10, store);
    expect(knownLengths(store)).toEqual({ a: 1234, b: 10 });
    data.set('lectern.textLengths', '{not json');
    expect(knownLengths(store)).toEqual({});
  });
});
