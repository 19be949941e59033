import { describe, expect, it } from 'vitest';
import { mount } from './fixtures/rendered';
import { offsetOf } from './readingplace';

describe('offsetOf', () => {
  const text = 'First words.\n\nSecond part here.';
  const html = '<p>First <em>words</em>.<sup class="footnote-ref"><a href="#fn-1">1</a></sup></p>\n<p>Second part here.</p>';

  it('turns a character of the DOM into its offset in the plain text', () => {
    const root = mount(html);
    const second = root.querySelectorAll('p')[1].firstChild as Text;
    expect(offsetOf(root, text, { node: second, index: 7 })).toBe(text.indexOf('part'));
    const em = root.querySelector('em')!.firstChild as Text;
    expect(offsetOf(root, text, { node: em, index: 0 })).toBe(text.indexOf('words'));
  });

  it('takes the next character the text has, and works once the view is gone', () => {
    const root = mount(html);
    const ref = root.querySelector('sup a')!.firstChild as Text;
    expect(offsetOf(root, text, { node: ref, index: 0 })).toBe(text.indexOf('Second'));
    const first = root.querySelector('p')!.firstChild as Text;
    root.remove();
    expect(offsetOf(root, text, { node: first, index: 5 })).toBe(text.indexOf('words'));
  });

  it('is null for a node no longer in the article', () => {
    const root = mount(html);
    expect(offsetOf(root, text, { node: document.createTextNode('x'), index: 0 })).toBeNull();
  });
});
