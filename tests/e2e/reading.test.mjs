// The reading loop in the real app: the index, an article, a footnote there and back,
// a series link, and back to the index by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { startDriver, openApp, closeApp, find, screenshot, cli, inViewport } from './harness.mjs';

let driver;
let browser;
const articles = cli('list');
// The article of a series with a published part before it, and footnotes: the test's subject.
const subject = articles.find((a) => a.series && a.series.part > 1) ?? articles[0];

before(async () => {
  driver = await startDriver();
  browser = await openApp();
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('the Blog index lists every article, newest first, as the library orders them', async () => {
  await find(browser, '[data-testid="article-item"]');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="article-item"]').length) === articles.length, {
    timeout: 15000,
    timeoutMsg: `expected ${articles.length} articles in the index`,
  });
  const slugs = await browser.$$('[data-testid="article-item"]').map((el) => el.getAttribute('data-slug'));
  assert.deepEqual(
    slugs,
    articles.map((a) => a.slug),
  );
  const first = await browser.$('[data-testid="article-item"]').getText();
  assert.ok(first.includes(articles[0].title), `first item shows its title: ${first}`);
  const withSeries = articles.find((a) => a.series);
  if (withSeries) {
    const item = await browser.$(`[data-testid="article-item"][data-slug="${withSeries.slug}"]`).getText();
    assert.match(item, new RegExp(`Part ${withSeries.series.part} of ${withSeries.series.total}`));
  }
  await screenshot(browser, '01-index');
});

test('an article opens, its footnote previews on hover, jumps on click and comes back', async () => {
  await (await find(browser, `[data-testid="article-item"][data-slug="${subject.slug}"] h2`)).click();
  const body = await find(browser, '[data-testid="article-body"]');
  const heading = await find(browser, 'h1');
  assert.equal(await heading.getText(), subject.title);
  await browser.waitUntil(async () => (await browser.getTitle()).startsWith(subject.title), {
    timeout: 5000,
    timeoutMsg: 'the window title follows the open article',
  });
  await screenshot(browser, '02-article');

  // Images stored beside the content load through the app's media protocol, under the CSP.
  const figure = await body.$('figure img');
  if (await figure.isExisting()) {
    await browser.execute((el) => el.scrollIntoView({ block: 'center' }), figure);
    await browser.waitUntil(() => browser.execute((el) => el.complete && el.naturalWidth > 0, figure), {
      timeout: 5000,
      timeoutMsg: 'the figure image loaded',
    });
    await screenshot(browser, '02b-figure');
  }

  const ref = await body.$('sup.footnote-ref a');
  assert.ok(await ref.isExisting(), 'the article has a footnote reference');
  const number = await ref.getAttribute('data-footnote');
  // Centred by the page itself (WebDriver's scrolling can leave it under the sticky header).
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), ref);
  await ref.moveTo();
  const popover = await find(browser, '[data-testid="footnote-popover"]', { timeout: 5000 });
  const noteText = await (await body.$(`li#fn-${number}`)).getText();
  const preview = await popover.getText();
  assert.ok(preview.length > 5 && noteText.includes(preview.slice(0, 20)), `preview "${preview}" is the note "${noteText}"`);
  await screenshot(browser, '03-footnote-preview');

  await ref.click();
  const note = await body.$(`li#fn-${number}`);
  await browser.waitUntil(() => inViewport(browser, note), { timeout: 5000, timeoutMsg: 'the note scrolled into view' });
  const focused = () => browser.execute(() => document.activeElement?.id ?? '');
  assert.equal(await focused(), `fn-${number}`, 'focus moved to the note');
  await screenshot(browser, '04-footnote-jumped');

  await (await note.$('a.footnote-back')).click();
  await browser.waitUntil(() => inViewport(browser, ref), { timeout: 5000, timeoutMsg: 'back at the reference' });
  assert.equal(await focused(), `fnref-${number}`, 'focus is back on the reference');
  assert.match(await browser.getUrl(), new RegExp(`article/${subject.slug}`), 'footnote jumps do not change the route');
});

test('the series box lists every part, announced ones too, and the previous link opens that part', async () => {
  if (!subject.series) return;
  const contents = await find(browser, '[data-testid="series-contents"]');
  const items = await contents.$$('li');
  assert.equal(items.length, subject.series.total);
  const prev = await find(browser, '[data-testid="series-prev"]');
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), contents);
  await screenshot(browser, '05-series');
  await prev.click();
  const expected = articles
    .filter((a) => a.series?.id === subject.series.id && a.series.part < subject.series.part)
    .sort((a, b) => b.series.part - a.series.part)[0];
  await browser.waitUntil(async () => (await (await browser.$('h1')).getText()) === expected.title, {
    timeout: 5000,
    timeoutMsg: `the previous part (${expected.title}) opened`,
  });
});

test('Escape goes back through history, and the index comes back', async () => {
  await browser.keys('Escape');
  await find(browser, '[data-testid="article-body"]');
  await browser.keys('Escape');
  await find(browser, '[data-testid="article-list"]');
  assert.equal(await browser.getTitle(), 'Lectern');
});

test('the index is usable by keyboard: arrows move, Enter opens', async () => {
  const list = await find(browser, '[data-testid="article-list"]');
  await browser.execute((el) => el.focus(), list);
  await browser.keys('Home');
  await browser.keys('ArrowDown');
  await browser.keys('Enter');
  const heading = await find(browser, 'h1');
  assert.equal(await heading.getText(), articles[1].title);
  await browser.keys('Escape');
  await find(browser, '[data-testid="article-list"]');
});

test('the content security policy refuses inline script and eval in the real webview', async () => {
  const outcome = await browser.execute(() => {
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(s);
    let evalOutcome = 'allowed';
    try {
      // eslint-disable-next-line no-eval
      (0, eval)('1 + 1');
    } catch {
      evalOutcome = 'blocked';
    }
    return { inline: window.__inlineRan, eval: evalOutcome };
  });
  assert.equal(outcome.inline, false, 'inline script did not run');
  assert.equal(outcome.eval, 'blocked', 'eval is refused');
});

// src-tauri/src/rendering.rs: a machine without a GPU (no DRM render node, as under Xvfb here)
// draws without accelerated compositing: the web process runs no software GL and no compositor.
test('without a GPU, the web process draws without compositing or software GL', async (t) => {
  const gpu = existsSync('/dev/dri') && readdirSync('/dev/dri').some((n) => n.startsWith('renderD'));
  if (gpu || process.env.WEBKIT_DISABLE_COMPOSITING_MODE || process.env.WEBKIT_FORCE_COMPOSITING_MODE) {
    t.skip('this machine has a GPU, or the environment already chose');
    return;
  }
  const read = (pid, file) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  // The app is the process started with this session's data folder; its web process is its child.
  const appPid = pids.find((p) => read(p, 'cmdline').split('\0').includes(browser.dataDir));
  assert.ok(appPid, `a process runs with --data ${browser.dataDir}`);
  const webPids = pids.filter((p) => read(p, 'comm').startsWith('WebKitWebProces') && read(p, 'stat').split(' ')[3] === appPid);
  assert.equal(webPids.length, 1, 'the app has one web process');
  const environ = read(webPids[0], 'environ').split('\0');
  assert.ok(environ.includes('WEBKIT_DISABLE_COMPOSITING_MODE=1'), 'the web process inherited the choice');
  // Compositing on software GL runs llvmpipe's threads and a compositor thread in the web process.
  const threads = readdirSync(`/proc/${webPids[0]}/task`).map((tid) => read(`${webPids[0]}/task/${tid}`, 'comm').trim());
  assert.ok(threads.length > 3, `the threads of the web process were read: ${threads}`);
  assert.deepEqual(
    threads.filter((name) => /llvmpipe|Compositor/.test(name)),
    [],
    'no software GL and no compositor thread in the web process',
  );
  // The page still draws: the index is there.
  await find(browser, '[data-testid="article-list"]');
});
