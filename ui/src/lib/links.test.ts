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

  it('does nothing for a file, the media scheme, javascript: or a relative address', () => {
    const node = document.createElement('div');
    const hrefs = ['file:///etc/passwd', 'lectern-media://localhost/articles/images/x.svg', 'javascript:alert(1)', 'other.html', '/index.html'];
    node.innerHTML = hrefs.map((h) => `<a href="${h}">x</a>`).join('') + '<map><area href="file:///etc/passwd"></map>';
    const opened: string[] = [];
    keepInApp((u) => opened.push(u))(node);
    for (const link of node.querySelectorAll('a, area')) {
      const e = new MouseEvent('click', { bubbles: true, cancelable: true });
      link.dispatchEvent(e);
      expect(e.defaultPrevented).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('jumps to in-page anchors where the view can, and a middle click opens web pages too', () => {
    const node = document.createElement('div');
    node.innerHTML = '<a href="#fn-2">2</a><a href="https://example.org/m">m</a>';
    const jumped: string[] = [];
    const opened: string[] = [];
    keepInApp(
      (u) => opened.push(u),
      (id) => jumped.push(id),
    )(node);
    const [note, web] = node.querySelectorAll('a');
    note.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    web.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 2 }));
    const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    web.dispatchEvent(middle);
    expect(jumped).toEqual(['fn-2']);
    expect(opened).toEqual(['https://example.org/m']);
    expect(middle.defaultPrevented).toBe(true);
  });
});
