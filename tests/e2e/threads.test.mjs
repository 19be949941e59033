// Notes other tools hand over, in the real margin: a Hypothesis export with a note on the
// whole article (a page note), a highlight and a reply to it, imported with lectern-cli into
// the data folder, then shown by the app beside the article: the page note above the placed
// notes, the reply under the note it answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cli, cliBinary, contentDir } from './harness.mjs';

const data = mkdtempSync(join(tmpdir(), 'lectern-threads-'));
const articles = cli('list');
const subject = articles[articles.length - 1];
const text = cli('show', `article/${subject.slug}`).text;
// A sentence of the article's own text to highlight: the first long line without markup.
const line = text.split('\n').find((l) => /^[\p{L}][\p{L}\p{N} ,.'’-]+$/u.test(l.trim()) && l.split(' ').length > 12);
const quote = line.trim().split(/\s+/).slice(2, 9).join(' ');
const uri = 'https://blog.example.org/an-article/';

/** A Hypothesis annotation on the subject, by its title as a browser shows it. */
function hypothesis(id, { exact, note, refs = [] }) {
  const target = { source: uri };
  if (exact) target.selector = [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }];
  return {
    id,
    uri,
    text: note,
    tags: [],
    created: '2025-03-01T10:00:00Z',
    updated: '2025-03-01T10:00:00Z',
    target: [target],
    document: { title: [`${subject.title} | A Blog`] },
    ...(refs.length > 0 && { references: refs }),
  };
}

let driver;
let browser;

before(async () => {
  const file = join(data, 'hypothesis.json');
  writeFileSync(
    file,
    JSON.stringify([
      hypothesis('PageNote1', { note: 'Read this whole piece with the 1922 resolution beside it.' }),
      hypothesis('Highlight1', { exact: quote, note: 'Who wrote this first?' }),
      hypothesis('Reply1', { note: 'The draft came from the Vancouver branch.', refs: ['Highlight1'] }),
    ]),
  );
  const merged = JSON.parse(
    execFileSync(cliBinary, ['--content', contentDir, '--data', data, 'notes', 'import', file, '--json'], { encoding: 'utf8' }),
  );
  assert.equal(merged.added, 3, JSON.stringify(merged));
  driver = await startDriver({ port: 4490 });
  browser = await openApp({ port: 4490, data });
});

after(async () => {
  if (browser) await closeApp(browser, { keep: true });
  driver?.kill();
  rmSync(data, { recursive: true, force: true });
});

test('a page note and a reply show in the margin beside the article', async () => {
  await browser.execute((slug) => (location.hash = `#/article/${slug}`), subject.slug);
  const margin = await find(browser, '[data-testid="notes-margin"]');
  const whole = await find(browser, '[data-testid="margin-whole"]');
  assert.match(await whole.getText(), /Read this whole piece with the 1922 resolution beside it\./);
  const placed = await find(browser, '[data-testid="margin-note"]');
  assert.match(await placed.getText(), /Who wrote this first\?/);
  const reply = await find(browser, '[data-testid="margin-reply"]');
  assert.match(await reply.getText(), /The draft came from the Vancouver branch\./);
  const mark = await find(browser, '[data-testid="annotation"]');
  assert.equal(await mark.getText(), quote);
  // The page note comes first in the margin, the reply after the note it answers.
  const order = await browser.execute(
    (m) =>
      [...m.querySelectorAll('[data-testid="margin-whole"], [data-testid="margin-note"], [data-testid="margin-reply"]')].map((e) => e.dataset.testid),
    margin,
  );
  assert.deepEqual(order, ['margin-whole', 'margin-note', 'margin-reply']);
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), mark);
  await screenshot(browser, 'threads-01-page-note-and-reply');
});
