// Links into Lectern from other apps: `lectern://article/<slug>` opens an article, with
// `?ann=<note id>` at a note or `?quote=<words>` at a passage (the Markdown export of notes
// writes these, so a notebook elsewhere leads back in); `lectern://person/<id>`,
// `organization/<id>`, `book/<id>` and `search?q=<words>` open those views. Anything else is
// not a route: the shell ignores it.

import { parseRoute, type Route } from './router';

const ROUTABLE = new Set(['article', 'person', 'organization', 'book', 'search']);

/** The route a `lectern://` address opens, or null when it names nothing Lectern shows. */
export function deepLinkRoute(address: string): Route | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'lectern:') return null;
  // `lectern://article/x` parses with host `article`; `lectern:article/x` without one.
  const path = [url.host, ...url.pathname.split('/')].filter((p) => p !== '');
  if (path.length === 0 || !ROUTABLE.has(path[0])) return null;
  const params = new URLSearchParams(url.search);
  const quote = params.get('quote');
  if (quote && !params.has('q')) params.set('q', `"${quote.replaceAll('"', '')}"`);
  params.delete('quote');
  const query = params.toString();
  const route = parseRoute(`#/${path.map((p) => encodeURIComponent(decodeURIComponent(p))).join('/')}${query ? `?${query}` : ''}`);
  return route.name === 'index' ? null : route;
}
