// The reader's place in a rendered article: the first character in view (an anchor in the
// DOM), its offset in the article's plain text, and scrolling back to an offset.

import { NOT_IN_TEXT, textMap } from './textmap';
import { firstVisible, scrollTarget } from './reading';

/** A character of a text node: where the reader is. */
export type Anchor = { node: Text; index: number };

/** The top of what the reader sees: the bottom of the sticky bar. */
export function viewTop(): number {
  const bar = document.querySelector('.bar');
  return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
}

/** The text nodes of the article's plain text, in reading order (blank ones left out). */
function textNodes(root: HTMLElement): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(NOT_IN_TEXT) || !/\S/.test((n as Text).data) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** The first character of `root` at least partly below `top` (viewport pixels); null without text. */
export function anchorAt(root: HTMLElement, top: number): Anchor | null {
  const nodes = textNodes(root);
  if (nodes.length === 0) return null;
  const range = document.createRange();
  const nodeBottom = (i: number) => {
    range.selectNodeContents(nodes[i]);
    return range.getBoundingClientRect().bottom;
  };
  // Past the last text (in the notes, say): the place is its end.
  const node = nodes[Math.min(firstVisible(nodes.length, nodeBottom, top), nodes.length - 1)];
  const charBottom = (k: number) => {
    range.setStart(node, k);
    range.setEnd(node, k + 1);
    return range.getBoundingClientRect().bottom;
  };
  return { node, index: Math.min(firstVisible(node.length, charBottom, top), node.length - 1) };
}

/** The anchor's offset in the plain text (the next character the text has); null when none is. */
export function offsetOf(root: HTMLElement, text: string, at: Anchor): number | null {
  if (!root.contains(at.node) || at.index >= at.node.length) return null;
  const range = document.createRange();
  range.setStart(at.node, at.index);
  range.setEnd(root, root.childNodes.length);
  return textMap(root, text).toOffsets(range)?.start ?? null;
}

/** Scrolls the window so the text at `offset` sits at the top of the view; false when it is not there. */
export function scrollToOffset(root: HTMLElement, text: string, offset: number): boolean {
  const found = textMap(root, text).toRange(Math.max(0, Math.min(offset, text.length - 1)), text.length);
  if (!found) return false;
  const first = document.createRange();
  first.setStart(found.startContainer, found.startOffset);
  first.setEnd(found.startContainer, found.startOffset + 1);
  const rect = first.getClientRects()[0] ?? first.getBoundingClientRect();
  window.scrollTo(0, scrollTarget(window.scrollY, rect.top, viewTop()));
  return true;
}
