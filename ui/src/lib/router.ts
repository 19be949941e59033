// Routes live in the location hash (#/, #/article/<slug>, #/problems), so the webview's own
// back and forward work. In-page anchors never touch the hash: the article view scrolls itself.

export type Route =
  | { name: 'index' }
  | { name: 'article'; slug: string; q?: string }
  | { name: 'problems' }
  | { name: 'search'; q: string }
  | { name: 'timeline'; from?: number; to?: number; people?: readonly string[] };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query).get('q') ?? undefined;
  const article = /^\/article\/([^/?#]+)$/.exec(path);
  if (article) {
    const slug = decodeURIComponent(article[1]);
    return q ? { name: 'article', slug, q } : { name: 'article', slug };
  }
  if (path === '/problems') return { name: 'problems' };
  if (path === '/search') return { name: 'search', q: q ?? '' };
  if (path === '/timeline') {
    const params = new URLSearchParams(query);
    const year = (k: string) => {
      const v = Number.parseInt(params.get(k) ?? '', 10);
      return Number.isFinite(v) ? v : undefined;
    };
    const from = year('from');
    const to = year('to');
    const people = (params.get('people') ?? '').split(',').filter((p) => p !== '');
    return {
      name: 'timeline',
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
      ...(people.length > 0 && { people }),
    };
  }
  return { name: 'index' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'article':
      return `#/article/${encodeURIComponent(route.slug)}${route.q ? `?q=${encodeURIComponent(route.q)}` : ''}`;
    case 'search':
      return route.q ? `#/search?q=${encodeURIComponent(route.q)}` : '#/search';
    case 'problems':
      return '#/problems';
    case 'timeline': {
      const params = new URLSearchParams();
      if (route.from !== undefined) params.set('from', String(route.from));
      if (route.to !== undefined) params.set('to', String(route.to));
      if (route.people?.length) params.set('people', route.people.join(','));
      const query = params.toString();
      return query ? `#/timeline?${query}` : '#/timeline';
    }
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}
