// A library of 10,000 generated articles beside the bundled one, with 10,000 notes: the Library
// holds a window of rows, not every article; it browses by year and month, tag and series (the
// parts in order), reaching the oldest article at the foot; the Notes view counts and filters
// 10,000 notes drawing only a window of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cliBinary, cli as bundled } from './harness.mjs';
import { articleOf, notesCollection, writeLibrary } from './generate.mjs';

const PORT = 4482;
const COUNT = 10000;
const NOTES = 10000;
const work = mkdtempSync(join(tmpdir(), 'lectern-large-'));
const content = join(work, 'content');
const data = join(work, 'data');
writeLibrary(content, COUNT);
const cli = (...args) => execFileSync(cliBinary, ['--content', content, '--data', data, ...args], { encoding: 'utf8' });
// The library and the notes are made with the CLI, as a reader's data folder would hold them.
cli('import');
writeFileSync(join(work, 'notes.jsonld'), JSON.stringify(notesCollection(NOTES, COUNT)));
assert.match(cli('notes', 'import', join(work, 'notes.jsonld')), new RegExp(`${NOTES} added`));
// The bundled library, copied beside the generated articles.
const starter = bundled('list');
const generated = Array.from({ length: COUNT }, (_, n) => articleOf(n));
const fmt = (n) => n.toLocaleString('en');

let driver;
let browser;

const drawn = () => browser.$$('[data-testid="article-item"]').map((el) => el.getAttribute('data-slug'));
async function total(expected, what) {
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="archive-total"]')).getText()) === `${fmt(expected)} articles`, {
    timeout: 15000,
    timeoutMsg: `the Library counts ${what}`,
  });
}

before(async () => {
  driver = await startDriver({ port: PORT });
  browser = await openApp({ port: PORT, content, data });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
  rmSync(work, { recursive: true, force: true });
});

test('the Library counts every article and draws a window of them, down to the oldest', async () => {
  await total(COUNT + starter.length, 'every article');
  const first = await drawn();
  assert.ok(first.length > 0 && first.length <= 80, `a window of rows is drawn, not ${COUNT} (${first.length})`);
  // Newest first: the generated articles of 2024 come before the starter library's 2021.
  const dates = generated.map((a) => a.date).sort();
  assert.equal(generated.find((a) => a.slug === first[0])?.date, dates.at(-1), 'the newest article heads the list');
  await screenshot(browser, 'large-01-library');

  const lastRow = () =>
    browser.execute(() => {
      const rows = [...document.querySelectorAll('[data-testid="article-item"]')];
      const last = rows.reduce((a, b) => (Number(b.dataset.index) > Number(a.dataset.index) ? b : a), rows[0]);
      return { index: Number(last?.dataset.index), slug: last?.dataset.slug };
    });
  // Rows drawn are measured, so the list's height settles as it is scrolled: to the foot again.
  await browser.waitUntil(
    async () => {
      await browser.execute(() => window.scrollTo(0, document.documentElement.scrollHeight));
      return (await lastRow()).index === COUNT + starter.length - 1;
    },
    { timeout: 15000, interval: 300, timeoutMsg: 'the foot of the list draws the last row' },
  );
  const { slug: lastSlug } = await lastRow();
  assert.equal(generated.find((a) => a.slug === lastSlug)?.date, dates[0], 'the oldest article ends the list');
  assert.ok((await drawn()).length <= 80, 'still a window at the foot');
  await screenshot(browser, 'large-02-foot');
  await browser.execute(() => window.scrollTo(0, 0));
});

test('a year and then a month narrow 10,000 articles to theirs', async () => {
  const year = 1937;
  const ofYear = generated.filter((a) => a.year === year);
  await (await find(browser, `[data-testid="archive-year"][data-year="${year}"]`)).click();
  await total(ofYear.length, `the articles of ${year}`);
  for (const slug of await drawn()) assert.ok(ofYear.some((a) => a.slug === slug), `${slug} is of ${year}`);
  const month = ofYear[0].month;
  const ofMonth = ofYear.filter((a) => a.month === month);
  await (await find(browser, `[data-testid="archive-month"][data-month="${month}"]`)).click();
  await total(ofMonth.length, `the articles of ${year}-${month}`);
  assert.deepEqual(
    (await drawn()).sort(),
    ofMonth.map((a) => a.slug).sort(),
  );
  assert.match(await browser.getUrl(), new RegExp(`year=${year}&month=${month}`));
  await screenshot(browser, 'large-03-month');
  await (await find(browser, '[data-testid="archive-clear"]')).click();
  await total(COUNT + starter.length, 'every article after Clear');
});

test('a tag from the archive narrows the list to the articles that carry it', async () => {
  const tag = await find(browser, '[data-testid="archive-tag"]');
  const name = await (await tag.$('.archive-name')).getText();
  const tagged = generated.filter((a) => a.tags.includes(name));
  assert.ok(tagged.length > 0, `${name} is a generated tag`);
  await tag.click();
  await total(tagged.length, `the articles tagged ${name}`);
  for (const slug of await drawn()) assert.ok(tagged.some((a) => a.slug === slug), `${slug} is tagged ${name}`);
  await (await find(browser, '[data-testid="archive-clear"]')).click();
  await total(COUNT + starter.length, 'every article after Clear');
});

test('a series reached through "more" lists its five parts in order', async () => {
  // The series list shows 20 first; asking for more shows 100 more at a time.
  await (await find(browser, '[data-testid="archive-more-series"]')).click();
  const links = await browser.$$('[data-testid="archive-series"]');
  assert.ok(links.length > 20 && links.length <= 120, `more series are shown, a hundred at a time (${links.length})`);
  const link = links[links.length - 1];
  const id = await link.getAttribute('data-id');
  await link.click();
  const parts = generated.filter((a) => a.series?.id === id).sort((a, b) => a.series.part - b.series.part);
  assert.equal(parts.length, 5, `${id} has five parts`);
  await total(parts.length, `the parts of ${id}`);
  const shown = await drawn();
  assert.deepEqual([...shown].sort(), parts.map((a) => a.slug).sort());
  for (const el of await browser.$$('[data-testid="article-item"]')) assert.match(await el.getText(), /Part \d of 5/);
  await screenshot(browser, 'large-04-series');
  await (await find(browser, '[data-testid="archive-clear"]')).click();
});

test('the Notes view counts 10,000 notes, draws a window of them and filters them in the core', async () => {
  await browser.execute(() => (location.hash = '#/notes'));
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-count"]')).getText()) === `${fmt(NOTES)} notes`, {
    timeout: 15000,
    timeoutMsg: 'the Notes view counts every note',
  });
  const rows = await browser.$$('[data-testid="note-row"]');
  assert.ok(rows.length > 0 && rows.length <= 80, `a window of notes is drawn (${rows.length})`);
  await screenshot(browser, 'large-05-notes');
  const field = await find(browser, '[data-testid="notes-filter-text"]');
  await field.setValue('generated NOTE 9999');
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-count"]')).getText()) === `1 note of ${fmt(NOTES)}`, {
    timeout: 10000,
    timeoutMsg: 'the words find the one note',
  });
  const [row] = await browser.$$('[data-testid="note-row"]');
  assert.match(await row.getText(), /Report 9999 tells of/);
  assert.match(await row.getText(), /Generated note 9999/);

  // The note opens its article; coming back finds the filter as it was left.
  await (await row.$('a')).click();
  await browser.waitUntil(async () => (await (await find(browser, 'h1')).getText()) === articleOf(9999).title, { timeoutMsg: 'the note opens its article' });
  await browser.back();
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-count"]')).getText()) === `1 note of ${fmt(NOTES)}`, {
    timeoutMsg: 'the filter is kept on coming back',
  });
  assert.equal(await (await find(browser, '[data-testid="notes-filter-text"]')).getValue(), 'generated NOTE 9999');
});
