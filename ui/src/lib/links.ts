// Links inside HTML the library rendered (an article, a footnote, a note, a person's or a
// book's text): routes of the app are followed, in-page anchors scroll where the view can,
// web pages go to the system browser, and anything else is left alone. The webview itself
// never navigates away.

import { inPageTarget } from './footnotes';
import { isRouteHref } from './router';

/** An http(s) address, or null for anything else. */
export function webUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

/**
 * The one click handler of every container of rendered HTML (an article, a footnote, a note, a
 * person's or an organization's text, a book's description and citations), as an attachment:
 * `{@attach keepInApp(api.openUrl)}`. Routes of the app (`#/…`) are followed; an in-page anchor
 * goes to `jump` when there is one; an http(s) address goes to `open` (the system browser);
 * anything else (a file, the media scheme, `javascript:`, a relative address) does nothing. The
 * shell refuses whatever gets past (src-tauri/src/navigation.rs).
 */
export function keepInApp(open: (url: string) => void, jump?: (id: string) => void) {
  return (node: HTMLElement) => {
    const onClick = (e: MouseEvent) => {
      // A right click (auxclick, button 2) opens the context menu, not the link.
      if (e.type === 'auxclick' && e.button !== 1) return;
      const link = e.target instanceof Element ? e.target.closest('a, area') : null;
      if (!link || !node.contains(link)) return;
      const to = link.getAttribute('href') ?? '';
      if (isRouteHref(to)) return;
      e.preventDefault();
      const id = inPageTarget(link);
      const url = webUrl(to);
      if (id && jump) jump(id);
      else if (url) open(url);
    };
    node.addEventListener('click', onClick);
    node.addEventListener('auxclick', onClick);
    return () => {
      node.removeEventListener('click', onClick);
      node.removeEventListener('auxclick', onClick);
    };
  };
}
