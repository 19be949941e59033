import { describe, expect, it } from 'vitest';
import { highlightPassage } from './highlight';

function article(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  document.body.replaceChildren(el);
  return el;
}

describe('highlightPassage', () => {
  it('marks the words inside the passage only', () => {
    const root = article('<p>Red Aid began.</p><p>Later, <em>International</em> Red Aid grew in 1925.</p>');
    const first = highlightPassage(root, { text: 'International Red Aid grew in 1925.', marks: ['Red', 'Aid'] });
    const marks = [...root.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['Red', 'Aid']);
    expect(first?.textContent).toBe('Red');
    expect(root.querySelector('p')!.innerHTML).toBe('Red Aid began.');
  });
  it('finds passages across emphasis, links and line breaks', () => {
    const root = article('<p>The <a href="#x">ILD</a> paid\n   each <strong>class-war</strong> prisoner.</p>');
    highlightPassage(root, { text: 'The ILD paid each class-war prisoner.', marks: ['prisoner', 'ILD'] });
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ILD', 'prisoner']);
  });
  it('returns null when the passage is not in the article', () => {
    const root = article('<p>Nothing here.</p>');
    expect(highlightPassage(root, { text: 'Something else', marks: ['else'] })).toBeNull();
    expect(root.querySelector('mark')).toBeNull();
  });
});
