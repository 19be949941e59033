// Links in rendered HTML never take the window away from the app. A web link in a person's or
// an organization's page, or in a note (Notes view, article margin), opens the system browser
// (a stand-in `xdg-open` first on PATH records what it was given) while the window stays where
// it was; a file:, javascript:, media-scheme or relative link does nothing; a script sending the
// window elsewhere is refused by the shell (a web address goes to the browser instead); and
// images stored beside the content still show. The window is brought back to the app before
// each test, so that each fails on its own where the app has no guard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cliBinary, contentDir } from './harness.mjs';

const PORT = 4494;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let driver;
let browser;
const bin = mkdtempSync(join(tmpdir(), 'lectern-opener-'));
const opened = join(bin, 'opened.txt');
// The bundled library, with a web link in a person's and an organization's text.
const copy = mkdtempSync(join(tmpdir(), 'lectern-hardening-content-'));
const content = join(copy, 'content');
const data = mkdtempSync(join(tmpdir(), 'lectern-hardening-data-'));
const person = 'clara-zetkin';
const org = 'international-red-aid';
const personLink = 'https://example.org/person-link';
const orgLink = 'https://example.org/org-link';
const noteLink = 'https://example.org/note-link';
const media = 'lectern-media://localhost/articles/images/red-aid-leaders.svg';

/** Every address the stand-in opener was given, in order. */
const openedUrls = () => (existsSync(opened) ? readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []);

/** Waits until the stand-in opener has been given `url` (it writes after creating its file). */
async function waitOpened(url) {
  await browser.waitUntil(async () => openedUrls().includes(url), { timeout: 10000, timeoutMsg: `xdg-open was called with ${url}` });
}

let home; // the app's own address, as the window first showed it

/** Opens `route` (`#/...`); brings the window back to the app first should a test have lost it. */
async function go(route) {
  if (!(await browser.getUrl()).startsWith(home)) await browser.url(home);
  await browser.execute((r) => (location.hash = r), route);
}

/** The window is still on the app, at `route`, showing `selector`. */
async function stillAt(route, selector) {
  const url = await browser.getUrl();
  assert.ok(url.endsWith(route), `the window stayed at ${route}, not ${url}`);
  assert.match(url, /^(tauri:\/\/localhost|https?:\/\/tauri\.localhost|http:\/\/localhost:5173)\//, 'the window is on the app');
  await find(browser, selector, { timeout: 3000 });
}

/**
 * Clicks the link with `href` inside `container`. With `inject`, the link is first added to the
 * rendered HTML, standing for one that got past the sanitizer.
 */
async function clickLink(container, href, { inject = false } = {}) {
  const link = await browser.execute(
    (sel, to, add) => {
      const box = document.querySelector(sel);
      if (add) {
        const a = document.createElement('a');
        a.href = to;
        a.textContent = `to ${to}`;
        a.dataset.testid = 'injected-link';
        box.append(a);
      }
      const found = [...box.querySelectorAll('a')].find((a) => a.getAttribute('href') === to);
      found?.scrollIntoView({ block: 'center' });
      return found ?? null;
    },
    container,
    href,
    inject,
  );
  assert.ok(link, `a link to ${href} is in ${container}`);
  await (await browser.$(link)).click();
}

before(async () => {
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  cpSync(contentDir, content, { recursive: true });
  appendFileSync(join(content, 'people', `${person}.md`), `\nHer papers are described [in an archive](${personLink}).\n`);
  appendFileSync(join(content, 'organizations', `${org}.md`), `\nIts records are listed [in a catalogue](${orgLink}).\n`);
  // A note with a web link in it, written through the library the app then opens.
  execFileSync(
    cliBinary,
    [
      '--content',
      content,
      '--data',
      data,
      'notes',
      'add',
      '--article',
      org,
      '--quote',
      'At first the plan was modest',
      '--note',
      `See [the source](${noteLink}).`,
    ],
    { encoding: 'utf8' },
  );
  const notes = JSON.parse(execFileSync(cliBinary, ['--content', content, '--data', data, 'notes', 'list', '--json'], { encoding: 'utf8' }));
  assert.equal(notes.length, 1);
  driver = await startDriver({ port: PORT, env: { PATH: `${bin}:${process.env.PATH}` } });
  browser = await openApp({ port: PORT, content, data });
  await find(browser, '[data-testid="article-item"]');
  const first = await browser.getUrl();
  home = `${/^[a-z-]+:\/\/[^/#?]+/.exec(first)?.[0] ?? assert.fail(`the app opened at ${first}`)}/`;
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
  rmSync(copy, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});

test("a web link in a person's text opens the system browser and the window stays", async () => {
  await go(`#/person/${person}`);
  await find(browser, '[data-testid="person-page"]');
  await clickLink('[data-testid="person-page"] .prose', personLink);
  await waitOpened(personLink);
  await sleep(500);
  await stillAt(`#/person/${person}`, '[data-testid="person-page"]');
  await screenshot(browser, 'hardening-person');
});

test("a web link in an organization's text opens the system browser and the window stays", async () => {
  await go(`#/organization/${org}`);
  await find(browser, '[data-testid="organization-page"]');
  await clickLink('[data-testid="organization-page"] .prose', orgLink);
  await waitOpened(orgLink);
  await sleep(500);
  await stillAt(`#/organization/${org}`, '[data-testid="organization-page"]');
});

test('a web link in a note opens the system browser, not the note', async () => {
  await go('#/notes');
  const row = await find(browser, '[data-testid="note-row"]');
  const id = await row.getAttribute('data-id');
  await clickLink(`[data-testid="note-row"][data-id="${id}"]`, noteLink);
  await waitOpened(noteLink);
  await sleep(500);
  await stillAt('#/notes', '[data-testid="note-row"]');
});

test("a web link in a note in the article's margin opens the system browser, the article stays", async () => {
  await go(`#/article/${org}`);
  await find(browser, '[data-testid="notes-margin"] [data-testid="margin-note"] a');
  const before = openedUrls().filter((u) => u === noteLink).length;
  await clickLink('[data-testid="notes-margin"]', noteLink);
  await browser.waitUntil(async () => openedUrls().filter((u) => u === noteLink).length > before, {
    timeout: 10000,
    timeoutMsg: 'xdg-open was called again with the note link',
  });
  await sleep(500);
  await stillAt(`#/article/${org}`, '[data-testid="article-body"]');
});

test('file:, javascript:, media-scheme and relative links in rendered HTML do nothing', async () => {
  await go(`#/person/${person}`);
  await find(browser, '[data-testid="person-page"]');
  const before = openedUrls().length;
  for (const href of ['file:///etc/hostname', 'javascript:document.title="pwned"', media, 'elsewhere.html', '/index.html?x']) {
    await clickLink('[data-testid="person-page"] .prose', href, { inject: true });
    await sleep(600);
    await stillAt(`#/person/${person}`, '[data-testid="person-page"]');
    assert.notEqual(await browser.getTitle(), 'pwned');
  }
  assert.equal(openedUrls().length, before, 'nothing went to the system opener');
});

test('the shell refuses a script sending the window to a remote page, a file or the media scheme', async () => {
  await go(`#/person/${person}`);
  await find(browser, '[data-testid="person-page"]');
  const away = 'https://example.org/away';
  await browser.execute((to) => (window.location.href = to), away);
  // A web address the window may not show goes to the system browser instead.
  await waitOpened(away);
  await sleep(500);
  await stillAt(`#/person/${person}`, '[data-testid="person-page"]');
  const before = openedUrls().length;
  for (const to of [media, 'file:///etc/hostname']) {
    await browser.execute((t) => (window.location.href = t), to);
    await sleep(800);
    await stillAt(`#/person/${person}`, '[data-testid="person-page"]');
  }
  assert.equal(openedUrls().length, before, 'only web addresses go to the system opener');
});

test('images stored beside the content still load, as images', async () => {
  await go(`#/article/${org}`);
  const img = await find(browser, '[data-testid="article-body"] figure img');
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), img);
  await browser.waitUntil(() => browser.execute((el) => el.complete && el.naturalWidth > 0, img), {
    timeout: 5000,
    timeoutMsg: 'the figure image loaded',
  });
});
