// The library as the UI holds it: filled from the api, read by the views. It holds nothing that
// grows with the library's articles: each view asks for what it shows (a page of the Library,
// the titles its list names), and asks again when `changed` moves on.
import { api, type ErrorKind, type ImportStatus } from './api';
import { errorKind } from './errors';
import { firstViewShown } from './firstview';

export const library = $state({
  /** How many content problems the last import found (the Problems view asks for them). */
  problemCount: 0,
  status: null as ImportStatus | null,
  /** The kind of the last failure to load the library, told to the reader by App. */
  error: null as ErrorKind | 'unknown' | null,
  /** Whether the import's status is known (and, after each import, the problems counted). */
  loaded: false,
  /** Counts the times the library changed (an import finished, a blog was removed…): views
   * that read it ask again for what they show. */
  changed: 0,
});

/** Where the index was left (for the archive choices `choice` names): restored when the reader comes back. */
export const indexPlace = { selected: 0, scrollY: 0, choice: '' };

async function loadProblems(): Promise<void> {
  try {
    library.problemCount = (await api.problemsPage(0, 0)).total;
    library.error = null;
  } catch (e) {
    library.error = errorKind(e);
  }
  library.loaded = true;
}

/** The library changed: the views ask again for what they show, and the problems counted again. */
export async function refresh(): Promise<void> {
  library.changed++;
  await loadProblems();
}

/** Loads what the library holds now and reloads whenever an import finishes. */
export async function start(): Promise<void> {
  await api.onLibraryImported((status) => {
    library.status = status;
    void refresh();
  });
  try {
    library.status = await api.libraryStatus();
  } catch (e) {
    library.error = errorKind(e);
  }
  library.loaded = true;
  // The count shows in the bar only when there are problems: asked for once the view has painted.
  await firstViewShown;
  await loadProblems();
}
