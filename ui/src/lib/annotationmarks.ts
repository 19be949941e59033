// Drawing highlights into the rendered article: each segment of text (see `segments`) is
// wrapped, text node by text node, in one <mark> that names every highlight covering it (the
// innermost last, the one a click means) and shows their colours layered, as nested marks
// would, without the thousands of elements nesting takes when highlights pile up. Marks go
// inside mention links and around them alike, and never into the parts the plain text leaves
// out (footnote references).
import type { Annotation } from './api';
import { colorOf, segments } from './annotations';
import { NOT_IN_TEXT, textMap, type Points } from './textmap';

const MARK = 'mark.annotation';
/** Translucent layers beyond these no longer change the colour a reader sees. */
const LAYERS = 4;

type Piece = { node: Text; start: number; end: number; ids: string[] };

/** The parts of text nodes from `at`'s start to its end, in document order. Walks only from
 * the first text node to the last (not the whole article), so drawing many highlights stays
 * linear in their number. */
function pieces(root: HTMLElement, at: Points, ids: string[]): Piece[] {
  const out: Piece[] = [];
  const take = (node: Text) => {
    if (node.parentElement?.closest(NOT_IN_TEXT)) return;
    const start = node === at.startNode ? at.startOffset : 0;
    const end = node === at.endNode ? at.endOffset : node.data.length;
    if (end > start && node.data.slice(start, end).trim() !== '') out.push({ node, start, end, ids });
  };
  if (at.startNode === at.endNode) {
    take(at.startNode);
    return out;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  walker.currentNode = at.startNode;
  for (let n: Node | null = at.startNode; n; n = walker.nextNode()) {
    take(n as Text);
    if (n === at.endNode) break;
  }
  return out;
}

/** Takes every highlight out of the article, leaving its text as it was. */
export function clearAnnotations(root: HTMLElement): void {
  for (const mark of root.querySelectorAll(MARK)) mark.replaceWith(...mark.childNodes);
  root.normalize();
}

/**
 * Draws the annotations that have a place in `text` over the article under `root`
 * (replacing any drawn before). Returns the ids drawn.
 */
export function drawAnnotations(root: HTMLElement, text: string, notes: readonly Annotation[]): Set<string> {
  clearAnnotations(root);
  const byId = new Map(notes.map((n) => [n.id, n]));
  const map = textMap(root, text);
  const spans = notes.filter((n) => n.status !== 'orphaned').map((n) => ({ id: n.id, start: n.start, end: n.end }));
  // Every piece is found before any is wrapped, then wrapped from the last: splitting a text
  // node leaves its earlier part, which is all the earlier pieces refer to, where it was.
  const all: Piece[] = [];
  for (const seg of segments(spans)) {
    const at = map.toPoints(seg.start, seg.end);
    if (at) all.push(...pieces(root, at, seg.ids));
  }
  const drawn = new Set<string>();
  // Out of the document while thousands of marks go in: the page is not kept up to date
  // after each one.
  const parent = root.parentNode;
  const hole = document.createComment('');
  parent?.replaceChild(hole, root);
  for (const p of all.reverse()) {
    let node = p.node;
    if (p.end < node.data.length) node.splitText(p.end);
    if (p.start > 0) node = node.splitText(p.start);
    const mark = markFor(p.ids, (id) => colorOf(byId.get(id)!));
    node.parentNode!.insertBefore(mark, node);
    mark.appendChild(node);
    for (const id of p.ids) drawn.add(id);
  }
  parent?.replaceChild(root, hole);
  return drawn;
}

/** A mark for text covered by `ids` (outermost first): the innermost's colour on top of the
 * colours of up to three beneath it (classes `u1-…` to `u3-…`, layered by app.css). Classes
 * only: a style per mark would be parsed once per mark, and that is most of the drawing. */
function markFor(ids: readonly string[], color: (id: string) => string): HTMLElement {
  const mark = document.createElement('mark');
  const n = ids.length;
  let classes = `annotation color-${color(ids[n - 1])}`;
  if (n > 1) {
    classes += ' layered';
    for (let k = 1; k < LAYERS && k < n; k++) classes += ` u${k}-${color(ids[n - 1 - k])}`;
  }
  mark.className = classes;
  mark.dataset.testid = 'annotation';
  mark.dataset.ids = ids.join(' ');
  // A screen reader on the highlight hears its note in the margin (its colour, quote and text).
  mark.setAttribute('aria-describedby', ids.map(marginNoteId).join(' '));
  return mark;
}

/** The element id of an annotation's note in the margin (NotesMargin.svelte): annotation ids
 * hold no whitespace, so any id is a valid element id as it is. */
export const marginNoteId = (id: string): string => `margin-${id}`;

/** The ids of the highlights a mark stands for, outermost first. */
export const idsOf = (mark: HTMLElement): string[] => (mark.dataset.ids ?? '').split(' ');

/** The first mark of each annotation drawn under `root`, by id. */
export function firstMarks(root: ParentNode): Map<string, HTMLElement> {
  const first = new Map<string, HTMLElement>();
  for (const mark of root.querySelectorAll<HTMLElement>(MARK)) {
    for (const id of idsOf(mark)) if (!first.has(id)) first.set(id, mark);
  }
  return first;
}

/** The marks an annotation is drawn with, in document order. */
export function marksOf(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(MARK)].filter((m) => idsOf(m).includes(id));
}

/** The innermost highlight under an event target: the one a click means. */
export function annotationAt(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  const mark = el?.closest<HTMLElement>(MARK);
  return mark ? (idsOf(mark).at(-1) ?? null) : null;
}

/** Scrolls to an annotation's highlight and makes it flash for a moment. */
export function flashAnnotation(root: ParentNode, id: string): boolean {
  const marks = marksOf(root, id);
  const first = marks[0];
  if (!first) return false;
  const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  first.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
  for (const m of marks) m.classList.remove('flash');
  void first.offsetWidth; // restart the animation
  for (const m of marks) m.classList.add('flash');
  setTimeout(() => marks.forEach((m) => m.classList.remove('flash')), 2400);
  return true;
}
