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
  const places: (Place | undefined)[] = new Array(text.length);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(NOT_IN_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let p = 0;
  let wanted = 0;
  let found = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    const data = node.data;
    for (let i = 0; i < data.length; i++) {
      if (space(data[i])) continue;
      while (p < text.length && space(text[p])) p++;
      if (p >= text.length) break;
      // A character the text does not have at this point is extra DOM text: skip it.
      if (data[i] !== text[p]) continue;
      places[p] = { node, offset: i };
      p++;
      found++;
    }
  }
  for (const c of text) if (!space(c)) wanted += c.length;

  function toRange(start: number, end: number): Range | null {
    let a = start;
    while (a < end && !places[a]) a++;
    let b = end - 1;
    while (b >= a && !places[b]) b--;
    if (a > b) return null;
    const from = places[a]!;
    const to = places[b]!;
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset + 1);
    return range;
  }

  function toOffsets(range: Range): { start: number; end: number } | null {
    let start = -1;
    let end = -1;
    for (let i = 0; i < places.length; i++) {
      const at = places[i];
      if (!at) continue;
      if (range.isPointInRange(at.node, at.offset) && range.isPointInRange(at.node, at.offset + 1)) {
        if (start < 0) start = i;
        end = i + 1;
      }
    }
    return start < 0 ? null : { start, end };
  }

  return { toRange, toOffsets, coverage: wanted === 0 ? 1 : found / wanted };
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
