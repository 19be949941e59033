import { describe, expect, it } from 'vitest';
import { footnoteNumber, inPageTarget } from './footnotes';

const html = `<p>Claim.<sup class="footnote-ref"><a href="#fn-2" id="fnref-2" data-footnote="2">2</a></sup>
<a href="https://example.org">web</a></p>
<div class="footnotes"><ol><li id="fn-2"><p>Carr, p. 987. <a href="#fnref-2" class="footnote-back">↩</a></p></li></ol></div>`;

function container(): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('footnotes', () => {
  it('finds the number of a reference from the link or its text', () => {
    const c = container();
    const a = c.querySelector('a[data-footnote]')!;
    expect(footnoteNumber(a)).toBe(2);
    expect(footnoteNumber(a.firstChild!.parentElement)).toBe(2);
    expect(footnoteNumber(c.querySelector('sup'))).toBe(null);
  });
  it('ignores other links and non-elements', () => {
    const c = container();
    expect(footnoteNumber(c.querySelector('a[href^="https"]'))).toBe(null);
    expect(footnoteNumber(null)).toBe(null);
  });
  it('reads in-page targets of references and back-links only', () => {
    const c = container();
    expect(inPageTarget(c.querySelector('a[data-footnote]')!)).toBe('fn-2');
    expect(inPageTarget(c.querySelector('a.footnote-back')!)).toBe('fnref-2');
    expect(inPageTarget(c.querySelector('a[href^="https"]')!)).toBe(null);
  });
});
