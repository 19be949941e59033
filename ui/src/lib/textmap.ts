// Offsets in an article's plain text (as the core extracts it, counted in UTF-16 code units
// like JS strings) to DOM ranges in the rendered article, and back. The plain text and the
// DOM hold the same characters in the same order once whitespace is set aside and the parts
// the plain text leaves out (footnote references and the notes themselves) are skipped; each
// non-space character of the text is paired with its place in a DOM text node.

/** Parts of the rendered article that are not in its plain text. */
export const NOT_IN_TEXT = 'sup.footnote-ref, .footnotes, .footnote-back, script, style';

type Place = { node: Text; offset: number };

/** Where a stretch of the text starts and ends in the DOM, as a Range would say, without being
 * one: every live Range is updated by WebKit on every change to the document, so drawing with
 * thousands of them costs more than the drawing. */
export type Points = { startNode: Text; startOffset: number; endNode: Text; endOffset: number };

export type TextMap = {
  /** Where text offsets `start`..`end` sit in the DOM, or null where the text is not in it. */
  toPoints(start: number, end: number): Points | null;
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

  function toPoints(start: number, end: number): Points | null {
    let a = Math.max(start, 0);
    while (a < end && nodeOf[a] < 0) a++;
    let b = Math.min(end, text.length) - 1;
    while (b >= a && nodeOf[b] < 0) b--;
    if (a > b) return null;
    const from = place(a);
    const to = place(b);
    return { startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset + 1 };
  }

  function toRange(start: number, end: number): Range | null {
    const p = toPoints(start, end);
    if (!p) return null;
    const range = document.createRange();
    range.setStart(p.startNode, p.startOffset);
    range.setEnd(p.endNode, p.endOffset);
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

  return { toPoints, toRange, toOffsets, coverage: wanted === 0 ? 1 : found.length / wanted };
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
    const at = map.toPoints(s.start, s.end);
    if (!at || at.startNode !== at.endNode) continue;
    let node = at.startNode;
    if (at.endOffset < node.data.length) node.splitText(at.endOffset);
    if (at.startOffset > 0) node = node.splitText(at.startOffset);
    const el = make(s.i);
    node.parentNode!.insertBefore(el, node);
    el.appendChild(node);
    wrapped++;
  }
  return wrapped;
}
