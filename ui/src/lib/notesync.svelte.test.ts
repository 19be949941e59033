import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotesSynced, SyncReport } from './api';

const bus = vi.hoisted(() => ({
  listener: null as ((s: NotesSynced) => void) | null,
  conflicts: 0,
}));
vi.mock('./api', () => ({
  api: {
    onNotesSynced: async (cb: (s: NotesSynced) => void) => {
      bus.listener = cb;
      return () => (bus.listener = null);
    },
    syncStatus: async () => ({ conflicts: Array.from({ length: bus.conflicts }, (_, i) => ({ copy: { id: `c${i}` } })) }),
  },
}));
vi.mock('./firstview', () => ({ firstViewShown: Promise.resolve() }));

const { changedHere, describeRun, notesSync, startNotesSync } = await import('./notesync.svelte');

function report(over: Partial<SyncReport>): SyncReport {
  return {
    folder: '/sync',
    device: 'd',
    sent: 0,
    merged: 0,
    notes_changed: 0,
    reading_changed: 0,
    articles: [],
    problems: [],
    new_device: null,
    compacted: 0,
    ...over,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  bus.listener = null;
  bus.conflicts = 0;
});

describe('notes sync in the UI', () => {
  it('moves on only when a run changed something here, and counts the conflicts after each run', async () => {
    const stop = await startNotesSync();
    const before = notesSync.changed;
    bus.listener?.({ report: report({ sent: 3 }), error: null });
    expect(notesSync.changed).toBe(before);
    bus.conflicts = 2;
    bus.listener?.({ report: report({ merged: 4, notes_changed: 1 }), error: null });
    expect(notesSync.changed).toBe(before + 1);
    await settle();
    expect(notesSync.conflicts).toBe(2);
    bus.listener?.({ report: report({ merged: 1, reading_changed: 1 }), error: null });
    expect(notesSync.changed).toBe(before + 2);
    stop();
  });

  it('tells the reader what a run did, or why it could not run', () => {
    expect(describeRun({ report: report({ sent: 1, merged: 5, notes_changed: 2, reading_changed: 1 }), error: null })).toBe(
      'Synced: 1 change sent, 5 received, 2 notes changed here, 1 bookmark or reading place changed here.',
    );
    expect(describeRun({ report: report({ sent: 2 }), error: null })).toBe('Synced: 2 changes sent, 0 received.');
    expect(describeRun({ report: null, error: { kind: 'not_found', message: 'the sync folder /x is missing' } })).toBe(
      'the sync folder /x is missing',
    );
    expect(changedHere(null)).toBe(false);
    expect(changedHere(report({ reading_changed: 1 }))).toBe(true);
  });
});
