// Routes live in the location hash (#/, #/article/<slug>, #/problems), so the webview's own
// back and forward work. In-page anchors never touch the hash: the article view scrolls itself.

import { choiceFromParams, choiceToParams, type ArchiveChoice } from './archive';
import { isBookSort, isBookStatus, isTreatment, type BookQuery } from './books';

export type Route =
  | ({ name: 'index' } & ArchiveChoice)
  | { name: 'article'; slug: string; q?: string; note?: number; ann?: string }
  | { name: 'problems' }
  | { name: 'notes' }
  | { name: 'blogs' }
  | { name: 'settings' }
  | { name: 'search'; q: string }
  | { name: 'person'; id: string }
  | { name: 'organization'; id: string }
  | ({ name: 'books' } & BookQuery)
  | { name: 'book'; id: string }
  | { name: 'timeline'; from?: number; to?: number; people?: readonly string[]; orgs?: readonly string[] };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const q = params.get('q') ?? undefined;
  const article = /^\/article\/([^/?#]+)$/.exec(path);
  if (article) {
    const slug = decodeURIComponent(article[1]);
    const note = /^[1-9]\d*$/.test(params.get('note') ?? '') ? Number(params.get('note')) : undefined;
    const ann = params.get('ann') || undefined;
    return { name: 'article', slug, ...(q && { q }), ...(note !== undefined && { note }), ...(ann && { ann }) };
  }
  const entity = /^\/(person|organization|book)\/([^/?#]+)$/.exec(path);
  if (entity) return { name: entity[1] as 'person' | 'organization' | 'book', id: decodeURIComponent(entity[2]) };
  if (path === '/books') {
    const sort = params.get('sort');
    const status = params.get('status');
    const publisher = params.get('publisher');
    const treatment = params.get('treat');
    return {
      name: 'books',
      ...(isBookSort(sort) && { sort }),
      ...(isBookStatus(status) && { status }),
      ...(publisher && { publisher }),
      ...(params.get('offer') === 'live' && { live: true }),
      ...(isTreatment(treatment) && { treatment }),
      ...(q && { q }),
    };
  }
  if (path === '/problems') return { name: 'problems' };
  if (path === '/notes') return { name: 'notes' };
  if (path === '/blogs') return { name: 'blogs' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/search') return { name: 'search', q: q ?? '' };
  if (path === '/timeline') {
    const params = new URLSearchParams(query);
    const year = (k: string) => {
      const v = Number.parseInt(params.get(k) ?? '', 10);
      return Number.isFinite(v) ? v : undefined;
    };
    const from = year('from');
    const to = year('to');
    const list = (k: string) => (params.get(k) ?? '').split(',').filter((p) => p !== '');
    const people = list('people');
    const orgs = list('orgs');
    return {
      name: 'timeline',
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ...(people.length > 0 && { people }),
      ...(orgs.length > 0 && { orgs }),
    };
  }
  if (path === '' || path === '/') return { name: 'index', ...choiceFromParams(params) };
  return { name: 'index' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'article': {
      const params = [
        ...(route.q ? [`q=${encodeURIComponent(route.q)}`] : []),
        ...(route.note !== undefined ? [`note=${route.note}`] : []),
        ...(route.ann ? [`ann=${encodeURIComponent(route.ann)}`] : []),
      ];
      return `#/article/${encodeURIComponent(route.slug)}${params.length ? `?${params.join('&')}` : ''}`;
    }
    case 'search':
      return route.q ? `#/search?q=${encodeURIComponent(route.q)}` : '#/search';
    case 'problems':
      return '#/problems';
    case 'notes':
      return '#/notes';
    case 'blogs':
      return '#/blogs';
    case 'settings':
      return '#/settings';
    case 'person':
    case 'organization':
    case 'book':
      return `#/${route.name}/${encodeURIComponent(route.id)}`;
    case 'books': {
      const params = new URLSearchParams();
      if (route.sort) params.set('sort', route.sort);
      if (route.status) params.set('status', route.status);
      if (route.publisher) params.set('publisher', route.publisher);
      if (route.live) params.set('offer', 'live');
      if (route.treatment) params.set('treat', route.treatment);
      if (route.q) params.set('q', route.q);
      const query = params.toString();
      return query ? `#/books?${query}` : '#/books';
    }
    case 'timeline': {
      const params = new URLSearchParams();
      if (route.from !== undefined) params.set('from', String(route.from));
      if (route.to !== undefined) params.set('to', String(route.to));
      if (route.people?.length) params.set('people', route.people.join(','));
      if (route.orgs?.length) params.set('orgs', route.orgs.join(','));
      const query = params.toString();
      return query ? `#/timeline?${query}` : '#/timeline';
    }
    default: {
      const query = choiceToParams(route).toString();
      return query ? `#/?${query}` : '#/';
    }
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

/** Goes to `route` in place of the current history entry (a view's own state changing). */
export function replaceRoute(route: Route): void {
  location.replace(href(route));
}

/** Writes `route` into the address in place of the current history entry without announcing it
 * (no hashchange): the view already shows it, and back and forward return to it. */
export function recordRoute(route: Route): void {
  history.replaceState(null, '', href(route));
}

/** Whether a link's href is a route of the app (followed in the app), not a web page or an anchor. */
export function isRouteHref(to: string): boolean {
  return to.startsWith('#/');
}

/** The article that states a tenure or an event, opened at the words that state it. */
export function sourceRoute(item: { source: string; cite: string | null }): Route {
  return { name: 'article', slug: item.source, ...(item.cite ? { q: `"${item.cite}"` } : {}) };
}
