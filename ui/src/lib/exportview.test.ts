import { describe, expect, it } from 'vitest';
import { svgOfView } from './exportview';
import { paletteOf } from './timelinedraw';
import { dayOf } from './timescale';
import { redAid as lane, view } from './fixtures/timeline';

describe('svgOfView', () => {
  it('writes the lanes in view with their names, bars and the axis as a parseable SVG', () => {
    const svg = svgOfView(view(0, [lane]), paletteOf(document.documentElement));
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['960', '300']);
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toContain('International Red Aid');
    expect(texts).toContain('Elena Stasova');
    expect(texts).toContain('1930');
    // The bar starts at 1927 on a 1920–1940 axis of 700 px after a 260 px label column.
    const x = 260 + ((dayOf(1927) - dayOf(1920)) / (dayOf(1940) - dayOf(1920))) * 700;
    expect([...root.querySelectorAll('rect')].some((r) => Math.abs(Number(r.getAttribute('x')) - x) < 0.01)).toBe(true);
  });
  it('leaves out the lanes scrolled away and escapes names', () => {
    const lanes = Array.from({ length: 40 }, (_, i) => ({ ...lane, id: `l${i}`, name: `Lane ${i} <&>` }));
    const svg = svgOfView(view(1000, lanes), paletteOf(document.documentElement));
    const names = [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(names).not.toContain('Lane 0 <&>');
    expect(names.filter((n) => n.startsWith('Lane ')).length).toBeGreaterThan(3);
    expect(names.filter((n) => n.startsWith('Lane ')).length).toBeLessThan(12);
  });
});
