// Offsets in an article's plain text (as the core extracts it, counted in UTF-16 code units
// like JS strings) to DOM ranges in the rendered article, and back. The plain text and the
// DOM hold the same characters in the same order once whitespace is set aside and the parts
// the plain text leaves out (footnote references and the notes themselves) are skipped; each
// non-space character of the text is paired with its place in a DOM text node.

/** Parts of the rendered article that are not in its plain text. */
export const NOT_IN_TEXT = 'sup.footnote-ref, .footnotes, .footnote-back, script, style';

type Place = { node: Text; offset: number };

export type TextMap = {
  /** The DOM range of text offsets `start`..`end`, or null where the text is not in the DOM. */
  toRange(start: number, end: number): Range | null;
  /** The text offsets a DOM range covers, or null when it covers none of the text. */
  toOffsets(range: Range): { start: number; end: number } | null;
  /** How many of the text's non-space characters were found in the DOM (1 when all were). */
  coverage: number;
};

const space = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\u00a0';

export function textMap(root: HTMLElement, text: string): TextMap {
  // For each character of the text found in the DOM, in text (and so document) order: the
  // text node (an index into `nodes`) and the offset in it.
  const nodes: Text[] = [];
  const at = new Int32Array(text.length);
  const nodeOf = new Int32Array(text.length).fill(-1);
  const found: number[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(NOT_IN_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let p = 0;
  let wanted = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    const data = node.data;
    let k = -1;
    for (let i = 0; i < data.length; i++) {
      if (space(data[i])) continue;
      while (p < text.length && space(text[p])) p++;
      if (p >= text.length) break;
      // A character the text does not have at this point is extra DOM text: skip it.
      if (data[i] !== text[p]) continue;
      if (k < 0) k = nodes.push(node) - 1;
      nodeOf[p] = k;
      at[p] = i;
      found.push(p);
      p++;
    }
  }
  for (const c of text) if (!space(c)) wanted += c.length;
  const place = (i: number): Place => ({ node: nodes[nodeOf[i]], offset: at[i] });

  function toRange(start: number, end: number): Range | null {
    let a = Math.max(start, 0);
    while (a < end && nodeOf[a] < 0) a++;
    let b = Math.min(end, text.length) - 1;
    while (b >= a && nodeOf[b] < 0) b--;
    if (a > b) return null;
    const from = place(a);
    const to = place(b);
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset + 1);
    return range;
  }

  /** The first found character (an index into `found`) for which `after` holds; found.length if none. */
  function first(after: (q: Place) => boolean): number {
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (after(place(found[mid]))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  function toOffsets(range: Range): { start: number; end: number } | null {
    // A character is in the range when both its edges are; the found characters are in
    // document order, so those in it are one run, found by two binary searches.
    const lo = first((q) => range.comparePoint(q.node, q.offset) >= 0);
    const hi = first((q) => range.comparePoint(q.node, q.offset + 1) > 0);
    if (hi <= lo) return null;
    return { start: found[lo], end: found[hi - 1] + 1 };
  }

  return { toRange, toOffsets, coverage: wanted === 0 ? 1 : found.length / wanted };
}

/**
 * Wraps each `[start, end)` of the text in an element made by `make`, where the range sits in
 * one text node (a name split by markup is left alone). Returns how many were wrapped.
 */
export function wrapRanges(map: TextMap, spans: readonly { start: number; end: number }[], make: (i: number) => HTMLElement): number {
  let wrapped = 0;
  // From the last: wrapping splits a text node, which leaves the places before it valid.
  const order = spans.map((s, i) => ({ ...s, i })).sort((x, y) => y.start - x.start);
  for (const s of order) {
    const range = map.toRange(s.start, s.end);
    if (!range || range.startContainer !== range.endContainer) continue;
    range.surroundContents(make(s.i));
    wrapped++;
  }
  return wrapped;
}
