import { describe, expect, it } from 'vitest';
import { deepLinkRoute } from './deeplink';

describe('deepLinkRoute', () => {
  it('opens an article, at a note or at a quoted passage', () => {
    expect(deepLinkRoute('lectern://article/international-red-aid')).toEqual({ name: 'article', slug: 'international-red-aid' });
    expect(deepLinkRoute('lectern://article/international-red-aid?ann=urn%3Auuid%3A1234')).toEqual({
      name: 'article',
      slug: 'international-red-aid',
      ann: 'urn:uuid:1234',
    });
    expect(deepLinkRoute('lectern://article/international-red-aid?quote=At%20first%20the%20plan%20was%20modest')).toEqual({
      name: 'article',
      slug: 'international-red-aid',
      q: '"At first the plan was modest"',
    });
    expect(deepLinkRoute('lectern:article/x')).toEqual({ name: 'article', slug: 'x' });
  });

  it('opens people, organizations, books and searches', () => {
    expect(deepLinkRoute('lectern://person/clara-zetkin')).toEqual({ name: 'person', id: 'clara-zetkin' });
    expect(deepLinkRoute('lectern://organization/comintern')).toEqual({ name: 'organization', id: 'comintern' });
    expect(deepLinkRoute('lectern://search?q=Zinoviev')).toEqual({ name: 'search', q: 'Zinoviev' });
  });

  it('refuses what is not a Lectern address or names nothing', () => {
    for (const bad of [
      'https://example.org/article/x',
      'javascript:alert(1)',
      'lectern://',
      'lectern://settings/delete-everything',
      'lectern://article/',
      'lectern://article/a/b',
      'not a url',
    ]) {
      expect(deepLinkRoute(bad), bad).toBeNull();
    }
  });
});
