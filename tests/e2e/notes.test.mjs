// Annotating: select a passage, highlight it, write a note on it; close the app and open it
// again on the same data folder: the highlight and the note are still there, and the note is
// found by the one search. The Notes view exports it (files written by Rust where the save
// dialog would put them) and imports a JSON-LD file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, selectPassage } from './harness.mjs';

let driver;
let browser;
const slug = 'international-red-aid';
const passage = 'At first the plan was modest'; // no name links inside: a click opens the note
const word = 'palimpsest'; // in no article: only the note can match it

// The dialogs stand aside in tests: exports go to this folder, the import reads this file.
const exportDir = mkdtempSync(join(tmpdir(), 'lectern-notes-export-'));
const importFile = join(mkdtempSync(join(tmpdir(), 'lectern-notes-import-')), 'from-elsewhere.jsonld');
const imported = 'The Society of Old Bolsheviks';

before(async () => {
  // One annotation from elsewhere, and one with no target: imported, and reported.
  writeFileSync(
    importFile,
    JSON.stringify([
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:uuid:5a1e0000-0000-4000-8000-00000000c0de',
        type: 'Annotation',
        created: '2026-02-01T10:00:00Z',
        modified: '2026-02-01T10:00:00Z',
        body: { type: 'TextualBody', value: 'Who were they?', purpose: 'commenting' },
        target: { source: `tag:lectern.app,2026:article/${slug}`, selector: { type: 'TextQuoteSelector', exact: imported } },
      },
      { id: 'urn:uuid:5a1e0000-0000-4000-8000-0000000bad00', type: 'Annotation', body: { type: 'TextualBody', value: 'Lost?' } },
    ]),
  );
  driver = await startDriver({ port: 4468, env: { LECTERN_EXPORT_DIR: exportDir, LECTERN_IMPORT_FILE: importFile } });
  browser = await openApp({ port: 4468 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

/** Selects the first occurrence of `text` inside the article body, as a reader's drag would. */
async function select(text) {
  assert.ok(await selectPassage(browser, text), `"${text}" is in the article`);
}

test('a selected passage is highlighted and noted', async () => {
  await find(browser, '[data-testid="books-link"]');
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  await select(passage);
  const scrolled = await browser.execute(() => window.scrollY);
  await (await find(browser, '[data-testid="highlight-yellow"]')).click();
  const mark = await find(browser, '[data-testid="annotation"]');
  // Drawing the highlights leaves the reader where they were.
  assert.ok(Math.abs((await browser.execute(() => window.scrollY)) - scrolled) < 2, 'the page did not jump');
  assert.equal((await mark.getText()).trim(), passage);
  await mark.click();
  await (await find(browser, '[data-testid="note-text"]')).setValue(`A *${word}* of later accounts: check the date.`);
  await (await find(browser, '[data-testid="note-save"]')).click();
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-margin"]')).getText()).includes(word), {
    timeoutMsg: 'the note shows in the margin',
  });
  // The note's Markdown is shown rendered (sanitized in Rust).
  const em = await find(browser, '[data-testid="notes-margin"] em');
  assert.equal(await em.getText(), word);
  await (await find(browser, '[data-testid="bookmark-toggle"]')).click();
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="bookmark-toggle"]')).getAttribute('aria-pressed')) === 'true', {
    timeoutMsg: 'the article is bookmarked',
  });
  await screenshot(browser, 'notes-highlight-and-note');
});

test('after a restart the note is still there and the search finds it', async () => {
  const data = browser.dataDir;
  await closeApp(browser, { keep: true });
  browser = await openApp({ port: 4468, data });
  await find(browser, '[data-testid="books-link"]');
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  const mark = await find(browser, '[data-testid="annotation"]');
  assert.equal((await mark.getText()).trim(), passage);
  // The margin fills in a frame after the highlights.
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-margin"]')).getText()).includes(word), {
    timeout: 5000,
    timeoutMsg: 'the note shows in the margin after the restart',
  });
  await browser.execute((q) => (location.hash = `#/search?q=${q}`), word);
  const hit = await find(browser, '[data-testid="search-hit-row"][data-kind="note"]');
  assert.ok((await hit.getText()).includes(word));
  await (await hit.$('.title')).click();
  const again = await find(browser, '[data-testid="annotation"]');
  assert.equal((await again.getText()).trim(), passage);
  await screenshot(browser, 'notes-found-by-search');
  // Reading on: the place is kept (saved while scrolling, at most every 1.5 s).
  await browser.execute(() => window.scrollBy(0, 200));
  await browser.waitUntil(
    async () =>
      browser.executeAsync((s, done) => {
        window.__TAURI_INTERNALS__.invoke('reading_positions').then(
          (ps) => done(ps.some((p) => p.article === s && p.offset > 0)),
          () => done(false),
        );
      }, slug),
    { timeout: 5000, timeoutMsg: 'the reading position is saved while scrolling' },
  );
});

test('the Library offers to continue reading and lists the bookmark', async () => {
  await browser.execute(() => (location.hash = '#/'));
  await find(browser, `[data-testid="continue-reading"] [data-testid="continue-item"][data-slug="${slug}"]`);
  await find(browser, `[data-testid="bookmarks"] [data-testid="bookmark-item"][data-slug="${slug}"]`);
  await screenshot(browser, 'notes-continue-reading');
});

/** Presses an export or import button and waits for its status line to say it is done. */
async function press(button, status, done) {
  await (await find(browser, `[data-testid="${button}"]`)).click();
  await browser.waitUntil(async () => done.test(await (await find(browser, `[data-testid="${status}"]`)).getText()), {
    timeoutMsg: `${button} finished`,
  });
}

test('the Notes view lists the note, exports it as JSON-LD and Markdown, and imports a file', async () => {
  await browser.execute(() => (location.hash = '#/notes'));
  const row = await find(browser, '[data-testid="note-row"]');
  assert.ok((await row.getText()).includes(word));

  await press('notes-export-jsonld', 'notes-export-status', /^Saved JSON-LD/);
  const doc = JSON.parse(readFileSync(join(exportDir, 'lectern-notes.jsonld'), 'utf8'));
  assert.equal(doc.type, 'AnnotationCollection');
  const [a, ...rest] = doc.first.items;
  assert.equal(rest.length, 0);
  assert.match(a.id, /^urn:uuid:/);
  assert.ok(a.body.some((b) => b.purpose === 'commenting' && b.value.includes(word)));
  assert.equal(a.target.source, `tag:lectern.app,2026:article/${slug}`);
  assert.equal(a.target.selector.find((x) => x.type === 'TextQuoteSelector').exact, passage);
  assert.ok(a.target.selector.some((x) => x.type === 'TextPositionSelector'));

  await press('notes-export-markdown', 'notes-export-status', /^Saved Markdown/);
  const folder = join(exportDir, 'lectern-notes');
  assert.deepEqual(readdirSync(folder), [`${slug}.md`]);
  const md = readFileSync(join(folder, `${slug}.md`), 'utf8');
  assert.ok(md.includes(`> ${passage}`), md);
  assert.ok(md.includes(word), md);

  await press('notes-import', 'notes-import-status', /^Imported: 1 added/);
  const left = await find(browser, '[data-testid="notes-not-imported"]');
  await (await left.$('summary')).click();
  assert.match(await left.getText(), /Annotation 2 \(urn:uuid:5a1e0000-0000-4000-8000-0000000bad00\) could not be read: no target/);
  await browser.waitUntil(async () => (await browser.$$('[data-testid="note-row"]')).length === 2, { timeoutMsg: 'the imported note is listed' });
  const rows = await browser.execute(() => [...document.querySelectorAll('[data-testid="note-row"]')].map((r) => r.textContent));
  assert.ok(
    rows.some((t) => t.includes(imported) && t.includes('Who were they?')),
    rows.join('\n'),
  );
  // Importing the same file again changes nothing.
  await press('notes-import', 'notes-import-status', /^Imported: 0 added, 0 updated, 1 unchanged/);
  await screenshot(browser, 'notes-view-exported-and-imported');
});
