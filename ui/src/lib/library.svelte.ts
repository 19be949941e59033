// The library as the UI holds it: filled from the api, read by the views.
import { api, type ArticleSummary, type ErrorKind, type ImportStatus, type Problem } from './api';
import { errorKind } from './errors';

export const library = $state({
  articles: [] as ArticleSummary[],
  problems: [] as Problem[],
  status: null as ImportStatus | null,
  /** The kind of the last failure to load the library, told to the reader by App. */
  error: null as ErrorKind | 'unknown' | null,
  loaded: false,
});

/** Where the index was left (for the archive choices `choice` names): restored when the reader comes back. */
export const indexPlace = { selected: 0, scrollY: 0, choice: '' };

export async function refresh(): Promise<void> {
  try {
    const [articles, problems] = await Promise.all([api.listArticles(), api.listProblems()]);
    library.articles = articles;
    library.problems = problems;
    library.error = null;
  } catch (e) {
    library.error = errorKind(e);
  }
  library.loaded = true;
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
  await refresh();
}
