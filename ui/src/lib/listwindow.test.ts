import { describe, expect, it } from 'vitest';
import { listWindow, pagesFor, rowOffset } from './listwindow';

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
