// Notes on every desk: two Lecterns running side by side, each with its own data folder, sync
// through one folder (chosen in Settings; the folder dialog stands aside for the tests). A
// highlight made in one appears in the other while it is open on the same article, without a
// click: the folder is watched. Then a note deleted on one desk and edited on the other without
// knowing is a conflict the reader settles in Settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, selectPassage, cliBinary, contentDir } from './harness.mjs';

const slug = 'international-red-aid';
const passage = 'At first the plan was modest';
const folder = mkdtempSync(join(tmpdir(), 'lectern-sync-folder-'));
const dataA = mkdtempSync(join(tmpdir(), 'lectern-sync-a-'));
const dataB = mkdtempSync(join(tmpdir(), 'lectern-sync-b-'));
const env = { LECTERN_SYNC_FOLDER: folder };

/** lectern-cli on a desk's data folder (the app on it closed), its JSON output parsed. */
const cliOn = (data, ...args) =>
  JSON.parse(execFileSync(cliBinary, ['--content', contentDir, '--data', data, '--json', ...args], { encoding: 'utf8' }));

let drivers = [];
let a;
let b;

before(async () => {
  drivers = [await startDriver({ port: 4480, env }), await startDriver({ port: 4482, env })];
  a = await openApp({ port: 4480, data: dataA });
  b = await openApp({ port: 4482, data: dataB });
});

after(async () => {
  for (const app of [a, b]) if (app) await closeApp(app, { keep: true });
  for (const d of drivers) d.kill();
});

/** Chooses the sync folder in Settings, and waits until it is shown as the one in use. */
async function chooseFolder(app) {
  await find(app, '[data-testid="settings-link"]');
  await app.execute(() => (location.hash = '#/settings'));
  await (await find(app, '[data-testid="sync-choose"]')).click();
  const shown = await find(app, '[data-testid="sync-folder"]');
  assert.equal(await shown.getText(), folder);
  await app.waitUntil(async () => !(await (await find(app, '[data-testid="sync-last"]')).getText()).includes('never'), {
    timeout: 15000,
    timeoutMsg: 'the first sync ran',
  });
}

async function openArticle(app) {
  await app.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(app, '[data-testid="article-body"]');
}

test('a highlight made on one desk appears on the other, open on the same article', async () => {
  await chooseFolder(a);
  await chooseFolder(b);
  await openArticle(a);
  await openArticle(b);
  assert.equal((await b.$$('[data-testid="annotation"]')).length, 0, 'no highlight yet on the second desk');

  assert.ok(await selectPassage(a, passage));
  await (await find(a, '[data-testid="highlight-yellow"]')).click();
  await find(a, '[data-testid="annotation"]');

  // Sent a moment after the change, seen by the other desk's watcher, merged, drawn.
  await b.waitUntil(async () => (await b.$$('[data-testid="annotation"]')).length === 1, {
    timeout: 30000,
    interval: 250,
    timeoutMsg: 'the highlight reached the second desk',
  });
  const mark = await find(b, '[data-testid="annotation"]');
  assert.equal((await mark.getText()).trim(), passage);
  await screenshot(b, 'sync-highlight-arrived');

  // The second desk's Settings name the first computer and what came from it.
  await b.execute(() => (location.hash = '#/settings'));
  await find(b, '[data-testid="sync-peers"]');
  const received = await b.$$('[data-testid="sync-peers"] tbody td');
  // The highlight, and the first desk's reading place in the article.
  assert.ok(Number(await received[0].getText()) >= 1, 'changes received from the other computer');
});

test('a note deleted on one desk and edited on the other is a conflict settled in Settings', async () => {
  for (const app of [a, b]) await closeApp(app, { keep: true });
  [a, b] = [null, null];
  const [note] = cliOn(dataA, 'notes', 'list');
  assert.ok(note, 'the first desk has the note');
  // The second desk deletes the note and syncs; the first edits it without having seen that.
  execFileSync(cliBinary, ['--content', contentDir, '--data', dataB, 'notes', 'delete', note.id]);
  cliOn(dataB, 'notes', 'sync');
  cliOn(dataA, 'notes', 'edit', note.id, '--note', 'Still needed for the study group');

  a = await openApp({ port: 4480, data: dataA });
  const notice = await find(a, '[data-testid="sync-conflicts-notice"]', { timeout: 30000 });
  await notice.click();
  const conflict = await find(a, '[data-testid="sync-conflict"]');
  const text = await conflict.getText();
  assert.ok(text.includes(passage) && text.includes('Still needed for the study group'), text);
  assert.match(text, /Deleted on .* edited afterwards on this computer/s);
  await screenshot(a, 'sync-conflict');

  await (await find(a, '[data-testid="keep-edit"]')).click();
  await a.waitUntil(async () => (await a.$$('[data-testid="sync-conflict"]')).length === 0, { timeoutMsg: 'the conflict is settled' });
  await openArticle(a);
  const mark = await find(a, '[data-testid="annotation"]');
  assert.equal((await mark.getText()).trim(), passage);
  assert.equal((await a.$$('[data-testid="sync-conflicts-notice"]')).length, 0, 'nothing left to settle');
  await a.execute(() => (location.hash = '#/settings'));
  await (await find(a, '[data-testid="sync-now"]')).click();
  await find(a, '[data-testid="sync-message"]');
  await closeApp(a, { keep: true });
  a = null;

  // The other desk settles alike: the note is back there too, under its own id, with the edit.
  cliOn(dataB, 'notes', 'sync');
  const onB = cliOn(dataB, 'notes', 'list');
  assert.deepEqual(
    onB.map((n) => [n.id, n.note]),
    [[note.id, 'Still needed for the study group']],
  );
});

test('a sync folder gone missing is named in Settings, and sync goes on once it is back', async () => {
  a = await openApp({ port: 4480, data: dataA });
  await find(a, '[data-testid="settings-link"]');
  await a.execute(() => (location.hash = '#/settings'));
  await find(a, '[data-testid="sync-folder"]');
  renameSync(folder, `${folder}.away`);
  try {
    await (await find(a, '[data-testid="sync-now"]')).click();
    const problem = await find(a, '[data-testid="sync-problem"]');
    const text = await problem.getText();
    assert.ok(text.includes(folder) && text.includes('missing'), text);
    await screenshot(a, 'sync-folder-missing');
  } finally {
    renameSync(`${folder}.away`, folder);
  }
  await (await find(a, '[data-testid="sync-now"]')).click();
  await a.waitUntil(async () => (await a.$$('[data-testid="sync-problem"]')).length === 0, {
    timeoutMsg: 'the problem is gone once the folder is back',
  });
  assert.match(await (await find(a, '[data-testid="sync-message"]')).getText(), /^Synced: /);
});
