// Links inside HTML the library rendered (a book's description, a footnote) shown outside
// their article: routes of the app are followed, web pages go to the system browser, and
// anything else (an anchor into an article that is not on screen) is left alone. The webview
// itself never navigates away.

import { isRouteHref } from './router';

/** An http(s) address, or null for anything else. */
export function webUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

/** An attachment for a container of rendered HTML: `{@attach keepInApp(api.openUrl)}`. */
export function keepInApp(open: (url: string) => void) {
  return (node: HTMLElement) => {
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest('a') : null;
      if (!link || !node.contains(link)) return;
      const to = link.getAttribute('href') ?? '';
      if (isRouteHref(to)) return;
      e.preventDefault();
      const url = webUrl(to);
      if (url) open(url);
    };
    node.addEventListener('click', onClick);
    return () => node.removeEventListener('click', onClick);
  };
}
