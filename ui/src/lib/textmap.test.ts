import { describe, expect, it } from 'vitest';
import { textMap, wrapRanges } from './textmap';
import { articles, mount } from './fixtures/rendered';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A range's text as the plain text has it: footnote references taken out. */
function rangeText(range: Range): string {
  const box = document.createElement('div');
  box.appendChild(range.cloneContents());
  box.querySelectorAll('sup.footnote-ref').forEach((n) => n.remove());
  return squash(box.textContent ?? '');
}

/** The text offsets just around an element: `pad` characters of text either side. */
function around(map: ReturnType<typeof textMap>, el: Element, pad: number) {
  const r = document.createRange();
  r.setStartBefore(el.previousSibling ?? el);
  r.setEndAfter(el.nextSibling ?? el);
  const inside = map.toOffsets(r);
  expect(inside, `${el.tagName} is in the text`).not.toBeNull();
  return { start: Math.max(0, inside!.start - pad), end: inside!.end + pad };
}

describe('textMap over real rendered articles', () => {
  it('has articles with mentions to place', () => {
    expect(articles.filter((a) => a.mentions.length > 5).length).toBeGreaterThan(2);
  });
  for (const a of articles) {
    it(`${a.slug}: every character of the text is found, every mention lands on its name`, () => {
      const root = mount(a.html);
      const map = textMap(root, a.text);
      expect(map.coverage).toBe(1);
      for (const m of a.mentions) {
        const range = map.toRange(m.start, m.end);
        expect(range && rangeText(range)).toBe(squash(a.text.slice(m.start, m.end)));
      }
    });
  }

  it('maps selections across emphasis, links, footnote references, headings and paragraphs both ways', () => {
    const cases: [string, string][] = [];
    for (const a of articles) {
      const root = mount(a.html);
      const map = textMap(root, a.text);
      const targets: [string, Element | null][] = [
        ['emphasis', root.querySelector(':scope > p em')],
        ['link', root.querySelector(':scope > p a:not([data-footnote])')],
        ['footnote reference', root.querySelector(':scope > p sup.footnote-ref')],
        ['heading', root.querySelector(':scope > h2')],
        ['paragraph break', root.querySelector(':scope > p + p')],
      ];
      for (const [what, el] of targets) {
        if (!el) continue;
        const span = around(map, el, 12);
        const range = map.toRange(span.start, span.end)!;
        expect(rangeText(range), `${a.slug}: ${what}`).toBe(squash(a.text.slice(span.start, span.end)));
        const back = map.toOffsets(range)!;
        expect(squash(a.text.slice(back.start, back.end))).toBe(squash(a.text.slice(span.start, span.end)));
        cases.push([a.slug, what]);
      }
    }
    const kinds = new Set(cases.map((c) => c[1]));
    expect([...kinds].sort()).toEqual(['emphasis', 'footnote reference', 'heading', 'link', 'paragraph break']);
  });

  it('wraps mentions in place, leaving the text as it was', () => {
    const a = articles[0];
    const root = mount(a.html);
    const before = root.textContent;
    const map = textMap(root, a.text);
    const n = wrapRanges(map, a.mentions, (i) => {
      const link = document.createElement('a');
      link.className = 'mention';
      link.dataset.i = String(i);
      return link;
    });
    expect(n).toBeGreaterThan(0);
    expect(root.textContent).toBe(before);
    // Each link holds exactly the words of the mention it was made for.
    const links = [...root.querySelectorAll<HTMLElement>('a.mention')];
    expect(links.length).toBe(n);
    for (const link of links) {
      const m = a.mentions[Number(link.dataset.i)];
      expect(squash(link.textContent ?? '')).toBe(squash(a.text.slice(m.start, m.end)));
    }
    const first = a.mentions[0];
    expect(links[0].textContent).toBe(a.text.slice(first.start, first.end));
  });

  it('gives null for text the DOM does not have', () => {
    const root = mount('<p>Red Aid</p>');
    const map = textMap(root, 'Red Aid\nand more');
    expect(map.coverage).toBeLessThan(1);
    expect(map.toRange(8, 16)).toBeNull();
    expect(map.toRange(0, 3)!.toString()).toBe('Red');
  });
});
