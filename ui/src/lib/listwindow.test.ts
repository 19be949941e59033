import { describe, expect, it } from 'vitest';
import { listWindow, pagesFor, prefixSums } from './listwindow';

describe('the list window', () => {
  const fixed = prefixSums(1000, () => 100);
  it('draws the rows in view and a margin, with the rest as room above and below', () => {
    expect(listWindow(fixed, 0, 800, 5)).toEqual({ start: 0, end: 13, before: 0, after: 98700 });
    expect(listWindow(fixed, 5050, 800, 5)).toEqual({ start: 45, end: 64, before: 4500, after: 93600 });
    expect(listWindow(fixed, 99950, 800, 5)).toEqual({ start: 994, end: 1000, before: 99400, after: 0 });
  });
  it('draws everything when the list is short, and the top rows above the list', () => {
    expect(
      listWindow(
        prefixSums(16, () => 100),
        -300,
        800,
        20,
      ),
    ).toEqual({ start: 0, end: 16, before: 0, after: 0 });
    expect(
      listWindow(
        prefixSums(0, () => 100),
        0,
        800,
        20,
      ),
    ).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
  it('follows measured heights', () => {
    const heights = [50, 300, 50, 50, 50, 50];
    const at = prefixSums(6, (i) => heights[i]);
    expect(listWindow(at, 360, 100, 0)).toEqual({ start: 2, end: 5, before: 350, after: 50 });
    expect(at[3]).toBe(400);
  });
  it('keeps the rows drawn while those in view stay inside them, and moves on when they near the edge', () => {
    const w = listWindow(fixed, 5050, 800, 20);
    expect(w).toEqual({ start: 30, end: 79, before: 3000, after: 92100 });
    // 1,000 px further the rows in view (60–69) are still 5 or more rows inside 30–79.
    expect(listWindow(fixed, 6050, 800, 20, w)).toEqual(w);
    // Another 1,000 px and they are not: the window moves round them.
    expect(listWindow(fixed, 7050, 800, 20, w)).toEqual({ start: 50, end: 99, before: 5000, after: 90100 });
    // A list that shrank under the window is drawn afresh.
    expect(
      listWindow(
        prefixSums(40, () => 100),
        0,
        800,
        20,
        w,
      ),
    ).toEqual({ start: 0, end: 28, before: 0, after: 1200 });
  });
  it('names the pages holding a run of rows', () => {
    expect(pagesFor(0, 16, 100)).toEqual([0]);
    expect(pagesFor(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(10, 10, 100)).toEqual([]);
  });
});
