import { describe, expect, it } from 'vitest';
import { keepInApp, webUrl } from './links';

describe('links in rendered HTML', () => {
  it('knows a web address', () => {
    expect(webUrl('https://www.haymarketbooks.org/')).toBe('https://www.haymarketbooks.org/');
    expect(webUrl(' HTTP://example.org ')).toBe('HTTP://example.org');
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl('file:///etc/passwd')).toBeNull();
    expect(webUrl('#fn-1')).toBeNull();
    expect(webUrl(null)).toBeNull();
  });

  it('follows routes, opens web pages outside and keeps the webview where it is', () => {
    const node = document.createElement('div');
    node.innerHTML = '<a href="#/person/x">p</a><a href="https://example.org/a"><em>w</em></a><a href="#fn-2">n</a>';
    const opened: string[] = [];
    const detach = keepInApp((u) => opened.push(u))(node);
    const click = (el: Element) => {
      const e = new MouseEvent('click', { bubbles: true, cancelable: true });
      el.dispatchEvent(e);
      return e.defaultPrevented;
    };
    const [route, web, note] = node.querySelectorAll('a');
    expect(click(route)).toBe(false);
    expect(click(web.firstElementChild!)).toBe(true);
    expect(click(note)).toBe(true);
    expect(opened).toEqual(['https://example.org/a']);
    detach();
    expect(click(web)).toBe(false);
  });
});
