// Printing an article (Print… or Ctrl+P): Lectern typesets it as for "Save as PDF" (numbered
// pages, the notes beside or after the text, footnotes at the end) and prints those pages, one
// SVG picture per A4 page, through the webview's print dialog. The print rules in app.css show
// the pages alone when they are there.
import { tick } from 'svelte';
import { api, type NotesPlacement } from './api';
import { describeFileError } from './errors';

/** Where the notes go in a printout or saved file, the pages being printed, what went wrong. */
export const printout = $state<{ notes: NotesPlacement; pages: string[]; busy: boolean; error: string | null }>({
  notes: 'margin',
  pages: [],
  busy: false,
  error: null,
});

/** Counts the prints asked for and the articles left: a print whose pages come back after the
 * article was left is dropped. */
let printing = 0;

/** The address of a page's picture. */
export function pageSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Typesets `slug` with the notes placed as chosen, then opens the print dialog on its pages. */
export async function printArticle(slug: string): Promise<void> {
  if (printout.busy) return;
  printout.busy = true;
  printout.error = null;
  const asked = ++printing;
  try {
    const pages = await api.printPages(slug, printout.notes);
    if (asked !== printing) return; // the article was left while its pages were typeset
    printout.pages = pages;
    await tick();
    const pictures = document.querySelectorAll<HTMLImageElement>('.print-pages img');
    await Promise.all([...pictures].map((img) => img.decode().catch(() => undefined)));
    window.print();
  } catch (e) {
    printout.error = describeFileError(e);
  } finally {
    printout.busy = false;
  }
}

/** Lets go of the pages printed (the article is left), and of any still being typeset. */
export function forgetPages(): void {
  printing++;
  printout.pages = [];
  printout.error = null;
}
