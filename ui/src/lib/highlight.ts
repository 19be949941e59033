// Finding a search passage in a rendered article and marking the matched words in it.
// The passage comes from the article's plain text, so it is found by its words with
// whitespace collapsed; the marks are wrapped in <mark> elements inside that stretch only.

export type PassageMatch = { text: string; marks: string[] };

/** The article's text with runs of whitespace collapsed, and where each character came from. */
function flatten(root: HTMLElement): { text: string; at: { node: Text; offset: number }[] } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let text = '';
  const at: { node: Text; offset: number }[] = [];
  let lastSpace = true;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    const data = node.data;
    for (let i = 0; i < data.length; i++) {
      const space = /\s/.test(data[i]);
      if (space && lastSpace) continue;
      text += space ? ' ' : data[i];
      at.push({ node, offset: i });
      lastSpace = space;
    }
  }
  return { text, at };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Marks `passage.marks` inside the first place `passage.text` appears under `root` and
 * returns the first mark, or null when the passage is not there.
 */
export function highlightPassage(root: HTMLElement, passage: PassageMatch): HTMLElement | null {
  const { text, at } = flatten(root);
  const wanted = collapse(passage.text);
  let start = text.indexOf(wanted);
  let end = start + wanted.length;
  if (start < 0) {
    // The passage may cross something the plain text renders differently: try its opening.
    const head = wanted.slice(0, 60);
    start = head ? text.indexOf(head) : -1;
    end = start + wanted.length;
  }
  if (start < 0) return null;
  end = Math.min(end, text.length);
  const ranges: { from: number; to: number }[] = [];
  for (const word of passage.marks) {
    if (!word) continue;
    let i = text.indexOf(word, start);
    while (i >= 0 && i + word.length <= end) {
      ranges.push({ from: i, to: i + word.length });
      i = text.indexOf(word, i + word.length);
    }
  }
  ranges.sort((a, b) => b.from - a.from);
  let first: HTMLElement | null = null;
  let lastFrom = Infinity;
  for (const r of ranges) {
    if (r.to > lastFrom) continue; // overlapping marks: keep the later one
    const a = at[r.from];
    const b = at[r.to - 1];
    if (a.node !== b.node) continue; // a word split across elements is left unmarked
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset + 1);
    const mark = document.createElement('mark');
    mark.className = 'search-hit';
    mark.dataset.testid = 'search-hit';
    range.surroundContents(mark);
    first = mark;
    lastFrom = r.from;
  }
  return first;
}
