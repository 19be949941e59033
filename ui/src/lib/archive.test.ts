import { describe, expect, it } from 'vitest';
import { archiveQuery, articleCount, choiceKey, choose, isChosen, listWindow, monthName, pagesFor, rowOffset } from './archive';

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

describe('the list window', () => {
  const fixed = () => 100;
  it('draws the rows in view and a margin, with the rest as room above and below', () => {
    expect(listWindow(1000, fixed, 0, 800, 5)).toEqual({ start: 0, end: 13, before: 0, after: 98700 });
    expect(listWindow(1000, fixed, 5050, 800, 5)).toEqual({ start: 45, end: 64, before: 4500, after: 93600 });
    expect(listWindow(1000, fixed, 99950, 800, 5)).toEqual({ start: 994, end: 1000, before: 99400, after: 0 });
  });
  it('draws everything when the list is short, and the top rows above the list', () => {
    expect(listWindow(16, fixed, -300, 800, 20)).toEqual({ start: 0, end: 16, before: 0, after: 0 });
    expect(listWindow(0, fixed, 0, 800, 20)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
  it('follows measured heights', () => {
    const heights = [50, 300, 50, 50, 50, 50];
    const w = listWindow(6, (i) => heights[i], 360, 100, 0);
    expect(w).toEqual({ start: 2, end: 5, before: 350, after: 50 });
    expect(rowOffset(3, (i) => heights[i])).toBe(400);
  });
  it('names the pages holding a run of rows', () => {
    expect(pagesFor(0, 16, 100)).toEqual([0]);
    expect(pagesFor(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(10, 10, 100)).toEqual([]);
  });
});
