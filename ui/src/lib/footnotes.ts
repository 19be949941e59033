// Footnote references in rendered articles look like
//   <sup class="footnote-ref"><a href="#fn-3" id="fnref-3" data-footnote="3">3</a></sup>
// and notes like <li id="fn-3">…<a href="#fnref-3" class="footnote-back">↩</a></li>.

/** The footnote number a reference element (or anything inside it) points at. */
export function footnoteNumber(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null;
  const a = target.closest('a[data-footnote]');
  if (!a) return null;
  const n = Number(a.getAttribute('data-footnote'));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** The in-page anchor id a link points at (`#fn-3` → `fn-3`), or null for other links. */
export function inPageTarget(link: Element): string | null {
  const href = link.getAttribute('href');
  if (!href || !href.startsWith('#') || href.length < 2) return null;
  return decodeURIComponent(href.slice(1));
}
