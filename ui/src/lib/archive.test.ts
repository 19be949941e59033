import { describe, expect, it } from 'vitest';
import { archiveQuery, articleCount, choiceKey, choose, isChosen, monthName } from './archive';

describe('archive choices', () => {
  it('picks, lets go, and keeps a month with its year only', () => {
    expect(choose({}, 'year', 1924)).toEqual({ year: 1924 });
    expect(choose({ year: 1924, month: 3 }, 'year', 1925)).toEqual({ year: 1925 });
    expect(choose({ year: 1924, month: 3 }, 'year', 1924)).toEqual({});
    expect(choose({ year: 1924, month: 3 }, 'month', 3)).toEqual({ year: 1924 });
    expect(choose({ year: 1924, tag: 'a' }, 'series', 's')).toEqual({ year: 1924, tag: 'a', series: 's' });
    expect(choose({ tag: 'a' }, 'tag', 'b')).toEqual({ tag: 'b' });
    expect(isChosen({})).toBe(false);
    expect(isChosen({ month: 0, year: 1 })).toBe(true);
    expect(choiceKey({ tag: 'x', year: 1 })).toBe(choiceKey({ year: 1, tag: 'x' }));
  });
  it('asks the core for the choices and a page', () => {
    expect(archiveQuery({ year: 1924, tag: 't' }, 100, 100)).toEqual({
      year: 1924,
      month: null,
      series: null,
      tag: 't',
      author: null,
      source: null,
      offset: 100,
      limit: 100,
    });
    expect(archiveQuery({ month: 4 }, 0, 10).month).toBeNull();
  });
  it('names months and counts', () => {
    expect(monthName(1)).toBe('January');
    expect(monthName(12)).toBe('December');
    expect(monthName(0)).toBe('No month given');
    expect(articleCount(1)).toBe('1 article');
    expect(articleCount(1200)).toBe('1,200 articles');
  });
});
