import { describe, expect, it, vi } from 'vitest';
import { href, isRouteHref, parseRoute, recordRoute } from './router';

describe('routes', () => {
  it('parses the index, an article and the problems page', () => {
    expect(parseRoute('')).toEqual({ name: 'index' });
    expect(parseRoute('#/')).toEqual({ name: 'index' });
    expect(parseRoute('#/article/international-red-aid')).toEqual({ name: 'article', slug: 'international-red-aid' });
    expect(parseRoute('#/problems')).toEqual({ name: 'problems' });
    expect(parseRoute('#/person/clara-zetkin')).toEqual({ name: 'person', id: 'clara-zetkin' });
    expect(parseRoute('#/organization/')).toEqual({ name: 'index' });
  });
  it('reads a timeline period, ignoring what is not a year', () => {
    expect(parseRoute('#/timeline?from=1924&to=x')).toEqual({ name: 'timeline', from: 1924 });
  });
  it('reads an article opened at a footnote, ignoring a note that is not one', () => {
    expect(parseRoute('#/article/a?note=3')).toEqual({ name: 'article', slug: 'a', note: 3 });
    expect(parseRoute('#/article/a?q=red&note=12')).toEqual({ name: 'article', slug: 'a', q: 'red', note: 12 });
    expect(parseRoute('#/article/a?note=0')).toEqual({ name: 'article', slug: 'a' });
    expect(parseRoute('#/article/a?note=fn-3')).toEqual({ name: 'article', slug: 'a' });
    expect(href({ name: 'article', slug: 'a', note: 3 })).toBe('#/article/a?note=3');
  });
  it('reads the notes view and an article opened at an annotation', () => {
    expect(parseRoute('#/notes')).toEqual({ name: 'notes' });
    expect(parseRoute('#/article/a?ann=urn%3Auuid%3A12-ab')).toEqual({ name: 'article', slug: 'a', ann: 'urn:uuid:12-ab' });
    expect(parseRoute('#/article/a?ann=')).toEqual({ name: 'article', slug: 'a' });
    expect(href({ name: 'article', slug: 'a', ann: 'urn:uuid:1&2' })).toBe('#/article/a?ann=urn%3Auuid%3A1%262');
  });
  it('reads the blogs view', () => {
    expect(parseRoute('#/blogs')).toEqual({ name: 'blogs' });
    expect(parseRoute('#/blogs?x=1')).toEqual({ name: 'blogs' });
    expect(parseRoute('#/blogs/')).toEqual({ name: 'index' });
    expect(href({ name: 'blogs' })).toBe('#/blogs');
  });
  it('reads the books list with its sort and filters, dropping values it does not know', () => {
    expect(parseRoute('#/books')).toEqual({ name: 'books' });
    expect(parseRoute('#/book/revolutionary-social-democracy')).toEqual({ name: 'book', id: 'revolutionary-social-democracy' });
    expect(parseRoute('#/books?sort=discount&status=forthcoming&publisher=Haymarket+Books&offer=live&treat=cited&q=red')).toEqual({
      name: 'books',
      sort: 'discount',
      status: 'forthcoming',
      publisher: 'Haymarket Books',
      live: true,
      treatment: 'cited',
      q: 'red',
    });
    expect(parseRoute('#/books?sort=cheapest&status=lost&offer=all&treat=burned&publisher=')).toEqual({ name: 'books' });
    expect(parseRoute('#/book/')).toEqual({ name: 'index' });
  });
  it('reads the Library archive choices, dropping what is not one', () => {
    expect(parseRoute('#/?year=1924&month=5&series=red-aid&tag=exile&author=clara-zetkin&source=starter')).toEqual({
      name: 'index',
      year: 1924,
      month: 5,
      series: 'red-aid',
      tag: 'exile',
      author: 'clara-zetkin',
      source: 'starter',
    });
    expect(parseRoute('#/?year=19x4&month=5')).toEqual({ name: 'index' });
    expect(parseRoute('#/?month=5&tag=')).toEqual({ name: 'index' });
    expect(parseRoute('#/?year=1924&month=13')).toEqual({ name: 'index', year: 1924 });
    expect(parseRoute('#/?year=1924&month=0')).toEqual({ name: 'index', year: 1924, month: 0 });
    expect(href({ name: 'index', tag: 'a & b', year: 1930 })).toBe('#/?year=1930&tag=a+%26+b');
    expect(href({ name: 'index', month: 3 })).toBe('#/');
  });
  it('reads an unknown hash as the index', () => {
    expect(parseRoute('#fn-1')).toEqual({ name: 'index' });
    expect(parseRoute('#/article/')).toEqual({ name: 'index' });
  });
  it('round-trips every route', () => {
    for (const r of [
      { name: 'index' },
      { name: 'index', year: 1925, month: 0 },
      { name: 'index', series: 's/1', tag: 'Red Aid', author: 'p', source: 'Dockside Notes' },
      { name: 'problems' },
      { name: 'blogs' },
      { name: 'article', slug: 'a-b-1' },
      { name: 'article', slug: 'a', q: 'red "aid" & co?' },
      { name: 'search', q: '' },
      { name: 'search', q: 'Münzenberg OR #1' },
      { name: 'timeline' },
      { name: 'timeline', from: 1924, to: 1928 },
      { name: 'timeline', to: 1930 },
      { name: 'timeline', from: 1900, people: ['willi-munzenberg', 'clara-zetkin'] },
      { name: 'timeline', orgs: ['comintern', 'international-red-aid'], to: 1930 },
      { name: 'person', id: 'willi-munzenberg' },
      { name: 'organization', id: 'international-red-aid' },
      { name: 'article', slug: 'a', note: 7 },
      { name: 'notes' },
      { name: 'article', slug: 'a', ann: 'urn:uuid:0f8c-?&#' },
      { name: 'article', slug: 'a b', q: 'x&note=2', note: 12 },
      { name: 'book', id: 'revolutionary-social-democracy' },
      { name: 'book', id: 'odd/id ?#' },
      { name: 'books' },
      { name: 'books', sort: 'price' },
      { name: 'books', sort: 'author', status: 'in-preparation', publisher: 'Brill & Co + 1?', live: true, treatment: 'reviewed', q: 'red "aid" #1' },
      { name: 'books', treatment: 'offered', q: 'a+b=c' },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
  it('records a route in the address without announcing it', async () => {
    const announced = vi.fn();
    window.addEventListener('hashchange', announced);
    const before = history.length;
    recordRoute({ name: 'search', q: 'red "aid" & co' });
    expect(location.hash).toBe('#/search?q=red%20%22aid%22%20%26%20co');
    expect(parseRoute(location.hash)).toEqual({ name: 'search', q: 'red "aid" & co' });
    recordRoute({ name: 'search', q: '' });
    expect(location.hash).toBe('#/search');
    expect(history.length).toBe(before);
    await new Promise((r) => setTimeout(r, 20)); // a hashchange would have been dispatched by now
    window.removeEventListener('hashchange', announced);
    expect(announced).not.toHaveBeenCalled();
  });
  it('tells a route of the app from web pages and in-page anchors', () => {
    expect(isRouteHref(href({ name: 'person', id: 'x' }))).toBe(true);
    expect(isRouteHref(href({ name: 'index' }))).toBe(true);
    expect(isRouteHref('#fn-2')).toBe(false);
    expect(isRouteHref('https://example.org/#/a')).toBe(false);
  });
});
