import { describe, expect, it } from 'vitest';
import type { Annotation } from './api';
import { annotationAt, clearAnnotations, drawAnnotations, idsOf, marksOf } from './annotationmarks';
import { textMap, wrapRanges } from './textmap';
import { articles, mount } from './fixtures/rendered';

function note(id: string, start: number, end: number, p: Partial<Annotation> = {}): Annotation {
  return {
    id,
    article: 'a',
    quote: '',
    prefix: '',
    suffix: '',
    start,
    end,
    note: '',
    tags: [],
    color: 'yellow',
    status: 'anchored',
    confidence: 1,
    created: '',
    modified: '',
    ...p,
  };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const drawnText = (root: HTMLElement, id: string) =>
  squash(
    marksOf(root, id)
      .map((m) => m.textContent)
      .join(' '),
  );

describe('drawing annotations', () => {
  const a = articles.find((x) => x.mentions.length > 5)!;

  it('marks a stretch across paragraphs, overlapping ones layered, orphans left out', () => {
    const root = mount(a.html);
    const firstStop = a.text.indexOf('.') + 1;
    const notes = [
      note('long', 0, firstStop + 40, { color: 'blue' }),
      note('inner', 10, 30, { color: 'pink' }),
      note('lost', 0, 5, { status: 'orphaned' }),
    ];
    const drawn = drawAnnotations(root, a.text, notes);
    expect([...drawn].sort()).toEqual(['inner', 'long']);
    expect(drawnText(root, 'inner')).toBe(squash(a.text.slice(10, 30)));
    const bare = (s: string) => s.replace(/\s+/g, '');
    expect(
      bare(
        marksOf(root, 'long')
          .map((m) => m.textContent)
          .join(''),
      ),
    ).toBe(bare(a.text.slice(0, firstStop + 40)));
    expect(marksOf(root, 'long').length).toBeGreaterThan(2);
    const inner = marksOf(root, 'inner')[0];
    // Where they overlap, one mark stands for both, the inner one's colour on top.
    expect(idsOf(inner)).toEqual(['long', 'inner']);
    expect(inner.parentElement?.closest('mark')).toBeNull();
    expect(inner.className).toBe('annotation color-pink layered u1-blue');
    expect(idsOf(marksOf(root, 'long')[0])).toEqual(['long']);
    expect(annotationAt(inner.firstChild)).toBe('inner');
    // The text is the same as before: the map still finds every character.
    expect(textMap(root, a.text).coverage).toBe(1);
  });

  it('coexists with mention links and redraws without leaving marks behind', () => {
    const root = mount(a.html);
    wrapRanges(textMap(root, a.text), a.mentions, () => {
      const link = document.createElement('a');
      link.className = 'mention';
      return link;
    });
    const m = a.mentions[2];
    const notes = [note('over', m.start - 5, m.end + 5), note('name', m.start, m.end, { color: 'green' })];
    drawAnnotations(root, a.text, notes);
    expect(drawnText(root, 'name')).toBe(squash(a.text.slice(m.start, m.end)));
    expect(root.querySelectorAll('a.mention').length).toBe(a.mentions.length);
    drawAnnotations(root, a.text, notes.slice(1));
    expect(marksOf(root, 'over')).toEqual([]);
    clearAnnotations(root);
    expect(root.querySelectorAll('mark').length).toBe(0);
    expect(textMap(root, a.text).coverage).toBe(1);
  });
});
