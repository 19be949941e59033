import { describe, expect, it } from 'vitest';
import { svgOfView } from './exportview';

function chart(scrollTop: number): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = `
    <svg class="axis" width="800" height="28"><text x="3" y="18">1920</text></svg>
    <div class="scroller">
      <svg data-testid="timeline-svg" width="800" height="2000">
        <g class="lane" data-lane="a"><text class="fold" tabindex="-1">▾</text><text>Red Aid<title>International Red Aid (1922–1937)</title></text>
          <g class="bar" tabindex="0" style="fill: rgb(10, 20, 30)"><rect x="5" y="5" width="50" height="10"/></g></g>
      </svg>
    </div>`;
  document.body.replaceChildren(el);
  const scroller = el.querySelector<HTMLElement>('.scroller')!;
  Object.defineProperty(scroller, 'clientHeight', { value: 500 });
  scroller.scrollTop = scrollTop;
  Object.defineProperty(scroller, 'scrollTop', { value: scrollTop });
  return el;
}

describe('svgOfView', () => {
  it('keeps the axis and the lanes in view, with paint written in and affordances left out', () => {
    const svg = new DOMParser().parseFromString(svgOfView(chart(300), '#fffdf8'), 'image/svg+xml').documentElement;
    expect(svg.getAttribute('width')).toBe('800');
    expect(svg.getAttribute('height')).toBe('528');
    expect(svg.querySelector('rect')!.getAttribute('fill')).toBe('#fffdf8');
    const view = svg.querySelector('svg[viewBox^="0 300"]');
    expect(view, 'the lanes scrolled as on screen').not.toBeNull();
    expect(view!.getAttribute('y')).toBe('28');
    expect(svg.querySelector('[data-lane="a"]')).not.toBeNull();
    expect(svg.querySelector('title')).toBeNull();
    expect(svg.querySelector('.fold')).toBeNull();
    expect(svg.querySelector('[tabindex]')).toBeNull();
    expect(svg.querySelector('.bar')!.getAttribute('fill')).toBe('rgb(10, 20, 30)');
  });
  it('refuses a page with no timeline', () => {
    document.body.replaceChildren(document.createElement('div'));
    expect(() => svgOfView(document.body.firstElementChild as HTMLElement, '#fff')).toThrow(/no timeline/);
  });
});
