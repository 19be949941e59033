// Books: open the list, sort it by discount, open a book, follow a footnote that cites it to
// its article, and press the order link: it must reach the system opener (a stand-in
// `xdg-open` first on PATH records what it was given) while the app stays where it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cli, inViewport } from './harness.mjs';

let driver;
let browser;
const bin = mkdtempSync(join(tmpdir(), 'lectern-opener-'));
const opened = join(bin, 'opened.txt');
const exportDir = mkdtempSync(join(tmpdir(), 'lectern-export-'));
// What the library itself says: the test's expectations.
const books = cli('list', 'books');
const banner = books.find((b) => b.id === 'under-the-socialist-banner');

before(async () => {
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  driver = await startDriver({ port: 4464, env: { PATH: `${bin}:${process.env.PATH}`, LECTERN_EXPORT_DIR: exportDir } });
  browser = await openApp({ port: 4464 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('Books lists every book, and sorting by discount puts the largest live discount first', async () => {
  await (await find(browser, '[data-testid="books-link"]')).click();
  await find(browser, '[data-testid="books-view"] [data-testid="book-card"]');
  const ids = () =>
    browser.execute(() => [...document.querySelectorAll('[data-testid="book-card"]')].map((c) => c.getAttribute('data-id')));
  assert.deepEqual((await ids()).sort(), books.map((b) => b.id).sort());
  await screenshot(browser, 'books-list');
  await (await find(browser, '[data-testid="books-sort"]')).selectByAttribute('value', 'discount');
  await browser.waitUntil(async () => (await browser.getUrl()).includes('sort=discount'), { timeoutMsg: 'the sort is in the address' });
  const discount = (b) => (b.offer && !b.offer.expired && b.offer.discount_percent ? Number(b.offer.discount_percent) : -1);
  const best = Math.max(...books.map(discount));
  const first = await ids();
  const leaders = books.filter((b) => discount(b) === best).map((b) => b.id).sort();
  assert.deepEqual(first.slice(0, leaders.length).sort(), leaders);
  assert.equal(discount(books.find((b) => b.id === first.at(-1))), -1, 'books without an offer come last');
  await screenshot(browser, 'books-by-discount');
});

test('the list exports to a RIS file, one record per book, written by Rust', async () => {
  await (await find(browser, '[data-testid="export-ris"]')).click();
  const status = await find(browser, '[data-testid="export-status"]');
  await browser.waitUntil(async () => (await status.getText()).includes('lectern-books.ris'), { timeoutMsg: 'the saved path is shown' });
  assert.deepEqual(readdirSync(exportDir), ['lectern-books.ris']);
  const ris = readFileSync(join(exportDir, 'lectern-books.ris'), 'utf8');
  assert.equal(ris.split('\r\n').filter((l) => l.startsWith('TY  - BOOK')).length, books.length);
  assert.ok(ris.includes(`TI  - ${banner.title}: ${banner.subtitle}\r\n`));
});

test('a book page shows its offer and announcement, and a citing footnote opens in its article', async () => {
  await (await find(browser, `[data-testid="book-card"][data-id="${banner.id}"] a[href="#/book/${banner.id}"]`)).click();
  const page = await find(browser, '[data-testid="book-page"]');
  assert.ok((await page.$('h1').getText()).includes(banner.title));
  const price = await (await find(browser, '[data-testid="book-page"] [data-testid="offer-price"]')).getText();
  assert.match(price, /11\.37/);
  const text = await page.getText();
  assert.ok(text.includes('New Book on Second International'), 'the announcing post is listed');
  const count = await (await find(browser, '[data-testid="cited-count"]')).getText();
  const articles = new Set(banner.cited_in.map((c) => c.article)).size;
  assert.match(count, new RegExp(`${articles} article`));
  await screenshot(browser, 'book-page');
  const note = banner.cited_in[0];
  const link = await find(browser, `[data-testid="citing-note"][href="#/article/${note.article}?note=${note.footnote}"]`);
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), link);
  await link.click();
  const target = await find(browser, `li#fn-${note.footnote}.note-target`);
  await browser.waitUntil(() => inViewport(browser, target), { timeoutMsg: 'the footnote is in view' });
  assert.ok((await target.getText()).includes('Under the Socialist Banner'));
  await screenshot(browser, 'book-citing-footnote');
  await browser.back();
  await find(browser, '[data-testid="book-page"]');
});

test('the order link goes to the system opener and the app stays put', async () => {
  const before = await browser.getUrl();
  const order = await find(browser, '[data-testid="order-link"]');
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), order);
  await order.click();
  // The stand-in opener creates the file and then writes the address: wait for both.
  await browser.waitUntil(() => existsSync(opened) && readFileSync(opened, 'utf8').trim() !== '', { timeout: 10000, timeoutMsg: 'xdg-open was called' });
  assert.equal(readFileSync(opened, 'utf8').trim(), banner.offer.url);
  assert.equal(await browser.getUrl(), before, 'the webview did not navigate');
  await find(browser, '[data-testid="book-page"]');
});
