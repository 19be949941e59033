// The installed package, as a reader meets it: started with no arguments (the bundled library,
// the data folder in the home) from `LECTERN_APP` (/usr/bin/lectern), with the home in
// `LECTERN_SMOKE_HOME`. Run by scripts/test-package.sh after `apt-get install`; not part of the
// suite (its name does not end in .test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, selectPassage } from './harness.mjs';

const home = process.env.LECTERN_SMOKE_HOME;
const port = 4496;
const slug = 'international-red-aid';
const passage = 'At first the plan was modest';
const word = 'installed';
let driver;
let browser;

before(async () => {
  assert.ok(home, 'LECTERN_SMOKE_HOME names an empty home');
  const xdg = { XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
  driver = await startDriver({ port, env: { HOME: home, ...xdg } });
  browser = await openApp({ port, args: [] });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

async function openArticle() {
  await find(browser, '[data-testid="books-link"]');
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]', { timeout: 60000 });
}

test('the bundled library shows and an article opens', async () => {
  await find(browser, '[data-testid="books-link"]');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="article-item"]')).length > 0, {
    timeout: 60000,
    timeoutMsg: 'the Library lists the bundled articles',
  });
  await screenshot(browser, 'package-library');
  await openArticle();
  assert.ok((await (await find(browser, '[data-testid="article-body"]')).getText()).includes(passage));
});

test('search finds in the bundled library', async () => {
  await browser.execute(() => (location.hash = '#/search?q=Marchlewski'));
  const hit = await find(browser, '[data-testid="search-hit-row"]');
  assert.ok((await hit.getText()).length > 0);
});

test('a note added survives a restart of the installed app', async () => {
  await openArticle();
  assert.ok(await selectPassage(browser, passage), `"${passage}" is in the article`);
  await (await find(browser, '[data-testid="highlight-yellow"]')).click();
  await (await find(browser, '[data-testid="annotation"]')).click();
  await (await find(browser, '[data-testid="note-text"]')).setValue(`Read in the ${word} app.`);
  await (await find(browser, '[data-testid="note-save"]')).click();
  const margin = async () => (await find(browser, '[data-testid="notes-margin"]')).getText();
  await browser.waitUntil(async () => (await margin()).includes(word), { timeoutMsg: 'the note shows' });

  await closeApp(browser);
  browser = await openApp({ port, args: [] });
  await openArticle();
  await browser.waitUntil(async () => (await margin()).includes(word), { timeout: 10000, timeoutMsg: 'the note is there after a restart' });
  await screenshot(browser, 'package-note-after-restart');
  const notes = join(home, '.local/share/org.lectern.desktop/notes.sqlite');
  assert.ok(existsSync(notes), `${notes} holds the reader's notes`);
});
