// Search in the real app: the shortcut opens it from anywhere, results come as you type,
// a result opens its article at the passage with the words marked, and a misspelt name is
// corrected (said plainly), or searched as typed with the library's spelling offered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, openApp, closeApp, find, screenshot, cli, inViewport } from './harness.mjs';

let driver;
let browser;
const word = 'Haywood';
// What the library itself ranks first among articles for the word: the test's expectation.
const expected = cli('search', word, '--kind', 'article')[0];

before(async () => {
  driver = await startDriver({ port: 4446 });
  browser = await openApp({ port: 4446 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('Ctrl+K opens search and results come as the reader types', async () => {
  assert.ok(expected, `the library has an article mentioning ${word}`);
  await find(browser, '[data-testid="article-item"]');
  await browser.keys(['Control', 'k']);
  const input = await find(browser, '[data-testid="search-input"]');
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.getAttribute('data-testid'))) === 'search-input', {
    timeoutMsg: 'the search field has focus',
  });
  await input.addValue(`${word} `);
  const row = await find(browser, `[data-testid="search-hit-row"][data-kind="article"][data-id="${expected.id}"]`);
  const marks = await row.$$('mark').map((m) => m.getText());
  assert.ok(marks.includes(word), `the snippet marks ${word}: ${marks}`);
  const chips = await browser.$$('[data-testid="search-chip"]').map((c) => c.getText());
  assert.ok(chips.some((c) => /^Articles \d+$/.test(c)), `kind chips with counts: ${chips}`);
  await screenshot(browser, 'search-results');
});

test('opening a result scrolls the article to the passage and marks the words', async () => {
  await (await find(browser, `[data-testid="search-hit-row"][data-kind="article"][data-id="${expected.id}"] .title`)).click();
  const hit = await find(browser, '[data-testid="search-hit"]');
  // The word, and the other names of the person it names (aliases expand the query).
  const marked = await browser.$$('[data-testid="search-hit"]').map((m) => m.getText());
  assert.ok(marked.includes(word), `marked: ${marked}`);
  assert.match(await browser.getUrl(), new RegExp(`article/${expected.id}\\?q=`));
  await browser.waitUntil(() => inViewport(browser, hit), { timeoutMsg: 'the marked passage is scrolled into view' });
  await screenshot(browser, 'search-opened-passage');
});

test('a misspelt name shows the corrected results, says so, and searches as typed on request', async () => {
  await browser.keys(['/']);
  const input = await find(browser, '[data-testid="search-input"]');
  await input.clearValue();
  await input.addValue('Munzenburg ');
  const line = await find(browser, '[data-testid="search-corrected"]');
  await browser.waitUntil(async () => /^Showing results for Münzenberg\. Search instead for Munzenburg/.test(await line.getText()), {
    timeoutMsg: 'the correction is said',
  });
  const firstHit = await find(browser, '[data-testid="search-hit-row"]');
  assert.equal(await firstHit.getAttribute('data-id'), 'willi-munzenberg');
  await screenshot(browser, 'search-corrected');
  // As typed, the name finds nothing; the reader is offered the library's spelling.
  await (await find(browser, '[data-testid="search-exact"]')).click();
  const suggestion = await find(browser, '[data-testid="search-suggestion"]');
  assert.equal(await suggestion.getText(), 'Münzenberg');
  assert.equal(await browser.$('[data-testid="search-corrected"]').isExisting(), false);
  await suggestion.click();
  await (await find(browser, '[data-testid="search-hit-row"][data-id="willi-munzenberg"] .title')).click();
  // A person found opens their page.
  await find(browser, '[data-testid="person-page"]');
});
