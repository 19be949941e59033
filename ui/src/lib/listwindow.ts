// The window of a long list that is drawn: the rows on screen and a margin, from rows' heights
// (measured, or estimated), and the pages of rows that window needs.

/** The pages (of `size` rows) that hold rows `start` to `end` (exclusive). */
export function pagesFor(start: number, end: number, size: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / size); p * size < end; p++) pages.push(p);
  return pages;
}

export interface ListWindow {
  /** The first row drawn. */
  start: number;
  /** One past the last row drawn. */
  end: number;
  /** The height of the rows above the drawn ones, and of those below. */
  before: number;
  after: number;
}

/** The rows to draw of `count` rows whose heights `heightOf` gives (measured, or estimated),
 * for a viewport `top` pixels below the list's top and `height` high: those in view and
 * `margin` rows either side. */
export function listWindow(count: number, heightOf: (i: number) => number, top: number, height: number, margin: number): ListWindow {
  let y = 0;
  let first = count;
  let last = count;
  const bottom = top + height;
  for (let i = 0; i < count; i++) {
    const h = heightOf(i);
    if (first === count && y + h > top) first = i;
    if (y >= bottom) {
      last = i;
      break;
    }
    y += h;
  }
  if (first === count) first = Math.max(0, count - 1);
  const start = Math.max(0, first - margin);
  const end = Math.min(count, Math.max(last, first + 1) + margin);
  let before = 0;
  let after = 0;
  for (let i = 0; i < start; i++) before += heightOf(i);
  for (let i = end; i < count; i++) after += heightOf(i);
  return { start, end, before, after };
}

/** Where row `index` begins, from the list's top. */
export function rowOffset(index: number, heightOf: (i: number) => number): number {
  let y = 0;
  for (let i = 0; i < index; i++) y += heightOf(i);
  return y;
}
