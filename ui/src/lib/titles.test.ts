import { describe, expect, it } from 'vitest';
import { titleMap, uniqueSlugs } from './titles';
import type { ArticleSummary } from './api';

const article = (slug: string, title: string): ArticleSummary => ({
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

describe('uniqueSlugs', () => {
  it('keeps each slug once, in the order first met across the lists', () => {
    expect(uniqueSlugs(['b', 'a', 'b'], new Set(['c', 'a']), ['d'])).toEqual(['b', 'a', 'c', 'd']);
  });

  it('is empty for no lists or empty ones', () => {
    expect(uniqueSlugs()).toEqual([]);
    expect(uniqueSlugs([], [])).toEqual([]);
  });
});

describe('titleMap', () => {
  it('maps each returned article to its title; slugs not returned are absent', () => {
    const m = titleMap([article('a', 'Alpha'), article('b', 'Beta')]);
    expect(m.get('a')).toBe('Alpha');
    expect(m.get('b')).toBe('Beta');
    expect(m.has('gone')).toBe(false);
  });
});
