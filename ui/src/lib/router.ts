// Routes live in the location hash (#/, #/article/<slug>, #/problems), so the webview's own
// back and forward work. In-page anchors never touch the hash: the article view scrolls itself.

export type Route =
  | { name: 'index' }
  | { name: 'article'; slug: string; q?: string }
  | { name: 'problems' }
  | { name: 'search'; q: string };

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
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}
