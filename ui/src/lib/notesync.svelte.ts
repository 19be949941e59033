// Notes sync as the UI holds it: what the last run did, and a count that moves on whenever a
// run changed the notes here, so the views showing notes ask for them again.
import { api, type NotesSynced, type SyncReport } from './api';
import { errorDetail } from './errors';
import { firstViewShown } from './firstview';

export const notesSync = $state({
  /** Moves on when a sync run changed notes, bookmarks or reading places here. */
  changed: 0,
  /** The last run's report, or why it could not run. */
  last: null as NotesSynced | null,
  /** Conflicts waiting for the reader, as last counted. */
  conflicts: 0,
});

/** Whether a run changed anything the reader sees. */
export function changedHere(report: SyncReport | null): boolean {
  return !!report && report.notes_changed + report.reading_changed > 0;
}

/** One sentence on a run, for the reader. */
export function describeRun(s: NotesSynced): string {
  if (s.error) return errorDetail(s.error) || 'Sync could not run.';
  const r = s.report;
  if (!r) return '';
  const parts = [`${r.sent} ${r.sent === 1 ? 'change' : 'changes'} sent`, `${r.merged} received`];
  if (r.notes_changed) parts.push(`${r.notes_changed} ${r.notes_changed === 1 ? 'note' : 'notes'} changed here`);
  if (r.reading_changed)
    parts.push(`${r.reading_changed} ${r.reading_changed === 1 ? 'bookmark or reading place' : 'bookmarks and reading places'} changed here`);
  return `Synced: ${parts.join(', ')}.`;
}

async function countConflicts(): Promise<void> {
  try {
    notesSync.conflicts = (await api.syncStatus()).conflicts.length;
  } catch {
    /* counted again after the next run */
  }
}

/** Listens for sync runs from now on. */
export async function startNotesSync(): Promise<() => void> {
  const stop = await api.onNotesSynced((s) => {
    notesSync.last = s;
    if (changedHere(s.report)) notesSync.changed++;
    void countConflicts();
  });
  // Counted once the first view has painted: the first frame waits for nothing it does not show.
  void firstViewShown.then(countConflicts);
  return stop;
}
