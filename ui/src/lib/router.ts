// Routes live in the location hash (#/, #/article/<slug>, #/problems), so the webview's own
// back and forward work. In-page anchors never touch the hash: the article view scrolls itself.

export type Route = { name: 'index' } | { name: 'article'; slug: string } | { name: 'problems' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const article = /^\/article\/([^/?#]+)$/.exec(path);
  if (article) return { name: 'article', slug: decodeURIComponent(article[1]) };
  if (path === '/problems') return { name: 'problems' };
  return { name: 'index' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'article':
      return `#/article/${encodeURIComponent(route.slug)}`;
    case 'problems':
      return '#/problems';
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}
