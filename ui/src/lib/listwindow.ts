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

/** Where each of `count` rows begins, and (last) where the list ends: the running sum of
 * the heights `heightOf` gives (measured, or estimated). */
export function prefixSums(count: number, heightOf: (i: number) => number): Float64Array {
  const at = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) at[i + 1] = at[i] + heightOf(i);
  return at;
}

/** The first index `i` of the rising `at` with `at[i] > y` (`at.length` if none). */
function firstAbove(at: Float64Array, y: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The rows to draw of a list whose rows begin where `at` says (from `prefixSums`), for a
 * viewport `top` pixels below the list's top and `height` high: those in view and `margin`
 * rows either side. The rows drawn before (`prev`) are kept while the rows in view stay at
 * least a quarter of the margin inside them, so that the drawn rows change a few times a
 * screen, not at every frame of a scroll. */
export function listWindow(at: Float64Array, top: number, height: number, margin: number, prev?: ListWindow): ListWindow {
  const count = at.length - 1;
  if (count <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  // The first row ending below `top`, and the first row beginning at or below the bottom.
  const first = Math.min(count - 1, Math.max(0, firstAbove(at, top) - 1));
  let last = firstAbove(at, top + height - 1e-9);
  last = Math.min(count, Math.max(last, first + 1));
  const keep = Math.floor(margin / 4);
  const kept = prev && prev.end <= count && prev.start <= Math.max(0, first - keep) && prev.end >= Math.min(count, last + keep);
  const start = kept ? prev.start : Math.max(0, first - margin);
  const end = kept ? prev.end : Math.min(count, last + margin);
  return { start, end, before: at[start], after: at[count] - at[end] };
}
