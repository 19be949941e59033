// The Library as an archive: a year narrows the list and the address, back returns to
// everything, a series lists its parts, and Clear lets every choice go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, openApp, closeApp, find, screenshot, cli } from './harness.mjs';

const PORT = 4480;
let driver;
let browser;
const articles = cli('list');
const yearOf = (a) => Number(a.date.slice(0, 4));
// The year holding the most articles (the bundled library is one year's, so a tag narrows it too).
const years = [...new Set(articles.map(yearOf))];
const year = years.map((y) => [y, articles.filter((a) => yearOf(a) === y).length]).sort((a, b) => b[1] - a[1])[0][0];
const series = articles.find((a) => a.series)?.series;

const slugs = () => browser.$$('[data-testid="article-item"]').map((el) => el.getAttribute('data-slug'));
async function listed(expected, what) {
  await browser.waitUntil(async () => JSON.stringify(await slugs()) === JSON.stringify(expected.map((a) => a.slug)), {
    timeout: 10000,
    timeoutMsg: `the list shows ${what}`,
  });
  const total = await (await find(browser, '[data-testid="archive-total"]')).getText();
  assert.equal(total, `${expected.length} ${expected.length === 1 ? 'article' : 'articles'}`);
}

before(async () => {
  driver = await startDriver({ port: PORT });
  browser = await openApp({ port: PORT });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('the archive lists every year with its count, and the whole library', async () => {
  await find(browser, '[data-testid="archive-nav"]');
  await listed(articles, 'every article');
  const shown = await browser.$$('[data-testid="archive-year"]').map((el) => el.getAttribute('data-year'));
  assert.deepEqual(shown.map(Number), [...years].sort((a, b) => b - a));
  const label = await (await find(browser, `[data-testid="archive-year"][data-year="${year}"]`)).getText();
  assert.match(label, new RegExp(`${year}\\s+${articles.filter((a) => yearOf(a) === year).length}`));
});

test('a year narrows the list and the address, and back returns to everything', async () => {
  await (await find(browser, `[data-testid="archive-year"][data-year="${year}"]`)).click();
  await listed(
    articles.filter((a) => yearOf(a) === year),
    `the articles of ${year}`,
  );
  assert.match(await browser.getUrl(), new RegExp(`#/\\?year=${year}$`));
  assert.equal(await (await find(browser, `[data-testid="archive-year"][data-year="${year}"]`)).getAttribute('aria-current'), 'true');
  await find(browser, '[data-testid="archive-month"]');
  await screenshot(browser, 'archive-01-year');
  await browser.back();
  await listed(articles, 'every article again');
  assert.doesNotMatch(await browser.getUrl(), /year=/);
  await browser.forward();
  await listed(
    articles.filter((a) => yearOf(a) === year),
    `the articles of ${year} again`,
  );
  await browser.back();
  await listed(articles, 'every article');
});

test('a tag narrows the list, combines with the year, and back lets it go', async () => {
  const tag = await find(browser, '[data-testid="archive-tag"]');
  const id = await tag.getAttribute('data-id');
  const name = await (await tag.$('.archive-name')).getText();
  const tagged = articles.filter((a) => a.tags.includes(name));
  assert.ok(tagged.length > 0 && tagged.length < articles.length, `the most used tag (${name}) narrows the list`);
  await tag.click();
  await listed(tagged, `the articles tagged ${name}`);
  assert.equal(new URLSearchParams((await browser.getUrl()).split('#/?')[1]).get('tag'), id, 'the address holds the tag');
  await (await find(browser, `[data-testid="archive-year"][data-year="${year}"]`)).click();
  await listed(
    tagged.filter((a) => yearOf(a) === year),
    `the articles of ${year} tagged ${name}`,
  );
  await screenshot(browser, 'archive-01b-tag-year');
  await browser.back();
  await listed(tagged, `the articles tagged ${name} again`);
  await browser.back();
  await listed(articles, 'every article');
});

test('a series lists its parts, opens by keyboard, and Clear returns to everything', async () => {
  assert.ok(series, 'the bundled library has a series');
  await (await find(browser, `[data-testid="archive-series"][data-id="${series.id}"]`)).click();
  const parts = articles.filter((a) => a.series?.id === series.id);
  await listed(parts, `the parts of ${series.title}`);
  assert.match(await browser.getUrl(), new RegExp(`series=${encodeURIComponent(series.id)}`));
  for (const el of await browser.$$('[data-testid="article-item"]')) assert.match(await el.getText(), /Part \d+ of \d+/);
  await screenshot(browser, 'archive-02-series');

  const list = await find(browser, '[data-testid="article-list"]');
  await browser.execute((el) => el.focus(), list);
  await browser.keys('End');
  await browser.keys('Enter');
  assert.equal(await (await find(browser, 'h1')).getText(), parts.at(-1).title);
  await browser.keys('Escape');
  await listed(parts, 'the parts again, after the article');

  // Choices combine: the year of the first part with the series.
  const y = yearOf(parts[0]);
  await (await find(browser, `[data-testid="archive-year"][data-year="${y}"]`)).click();
  await listed(
    parts.filter((a) => yearOf(a) === y),
    `the parts of ${y}`,
  );

  await (await find(browser, '[data-testid="archive-clear"]')).click();
  await listed(articles, 'every article after Clear');
  assert.match(await browser.getUrl(), /#\/$/);
  assert.equal(await browser.$('[data-testid="archive-clear"]').isExisting(), false);
});
