import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router';

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
  it('reads an unknown hash as the index', () => {
    expect(parseRoute('#fn-1')).toEqual({ name: 'index' });
    expect(parseRoute('#/article/')).toEqual({ name: 'index' });
  });
  it('round-trips every route', () => {
    for (const r of [
      { name: 'index' },
      { name: 'problems' },
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
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
});
