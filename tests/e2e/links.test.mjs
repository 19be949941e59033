// One window, and links into it: Lectern started with a `lectern:` link opens that passage; a
// second launch hands its link (here one from the Markdown export of notes) to the running
// window and exits; the window's size is kept between starts. The single-instance plugin finds
// the running app on the D-Bus session bus, so the test runs a private one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cli, app, cliBinary, contentDir, inViewport } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const data = mkdtempSync(join(tmpdir(), 'lectern-links-'));
const desk = ['--data', data, '--content', contentDir];
const run = (...args) => execFileSync(cliBinary, [...desk, ...args], { encoding: 'utf8' });

// Two articles: one the first launch opens at a quoted passage, one a note's link leads to.
const articles = cli('list');
const [first, second] = [articles[0], articles[articles.length - 1]];

/** Plain words from the last paragraph of an article's text that has no markup: far down, so
 * that arriving there means the window scrolled. */
function plainWords(slug, count) {
  const text = cli('show', `article/${slug}`).text;
  const paragraphs = text.split('\n').filter((p) => /^[\p{L}][\p{L}\p{N} ,.'’-]+$/u.test(p.trim()) && p.split(' ').length > count + 2);
  assert.ok(paragraphs.length > 0, `article ${slug} has a plain paragraph`);
  return paragraphs[paragraphs.length - 1]
    .trim()
    .split(/\s+/)
    .slice(1, count + 1)
    .join(' ');
}

let bus;
let busAddress;
let driver;
let browser;

before(async () => {
  bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  busAddress = await new Promise((resolve, reject) => {
    bus.stdout.once('data', (d) => resolve(String(d).trim()));
    bus.once('error', reject);
  });
  driver = await startDriver({ env: { DBUS_SESSION_BUS_ADDRESS: busAddress } });
});

after(async () => {
  if (browser) await closeApp(browser, { keep: true });
  driver?.kill();
  bus?.kill();
  rmSync(data, { recursive: true, force: true });
});

/** Waits until no Lectern runs on `dir`: a launch while the last one still holds its instance
 * name would hand over to it. */
async function gone(dir) {
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('pgrep', ['-f', '--', `--data ${dir}`]);
    } catch {
      return;
    }
    await sleep(100);
  }
  throw new Error('the app did not exit within 10 s of its session closing');
}

/** Launches Lectern a second time, as the desktop would for a link; resolves with its exit code. */
function secondLaunch(...extra) {
  const child = spawn(app, [...desk, ...extra], {
    stdio: 'ignore',
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the second launch did not hand over and exit within 20 s'));
    }, 20000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('started with a link, Lectern opens the article at the quoted passage', async () => {
  const words = plainWords(first.slug, 6);
  const link = `lectern://article/${first.slug}?quote=${encodeURIComponent(words)}`;
  browser = await openApp({ data, args: [...desk, link] });
  const heading = await find(browser, 'h1');
  await browser.waitUntil(async () => (await heading.getText()) === first.title, {
    timeout: 15000,
    timeoutMsg: `the link opened ${first.slug}`,
  });
  const hash = decodeURIComponent(await browser.execute(() => location.hash));
  assert.ok(hash.startsWith(`#/article/${first.slug}?q=`), hash);
  assert.ok(hash.includes(words), `the passage's words are in the route: ${hash}`);
  await screenshot(browser, 'links-01-started-with-a-link');
});

test("a note's link from the Markdown export, given to a second launch, opens in the running window", async () => {
  const quote = plainWords(second.slug, 7);
  const note = JSON.parse(run('notes', 'add', '--article', second.slug, '--quote', quote, '--note', 'Read again.', '--json'));
  const out = mkdtempSync(join(tmpdir(), 'lectern-links-md-'));
  try {
    run('notes', 'export', '--format', 'markdown', '--out', out);
    const markdown = readFileSync(join(out, `${second.slug}.md`), 'utf8');
    const link = markdown.match(/\[Open in Lectern\]\((lectern:\/\/[^)]+)\)/)?.[1];
    assert.ok(link, `the export links the note back:\n${markdown}`);
    assert.ok(link.includes(encodeURIComponent(note.id).replaceAll('-', '%2D')), link);

    assert.equal(await secondLaunch(link), 0, 'the second launch exits once it handed over');
    const heading = await find(browser, 'h1');
    await browser.waitUntil(async () => (await heading.getText()) === second.title, {
      timeout: 15000,
      timeoutMsg: `the running window went to ${second.slug}`,
    });
    const mark = await find(browser, `[data-testid="annotation"][data-ids~="${note.id}"]`);
    await browser.waitUntil(() => inViewport(browser, mark), {
      timeout: 5000,
      timeoutMsg: 'the note is scrolled into view',
    });
    assert.equal(await mark.getText(), quote);
    await screenshot(browser, 'links-02-note-from-a-notebook');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a second launch without a link leaves the window where it is', async () => {
  const before = await browser.execute(() => location.hash);
  assert.equal(await secondLaunch(), 0);
  await sleep(500);
  assert.equal(await browser.execute(() => location.hash), before);
  assert.equal((await browser.getWindowHandles()).length, 1, 'still one window');
});

test("the window's size is kept between starts", async () => {
  await browser.setWindowRect(null, null, 900, 640);
  const set = await browser.getWindowRect();
  // The place is written soon after the window stops changing, not only at a clean exit:
  // the session's end kills the app.
  const saved = () => {
    try {
      return JSON.parse(readFileSync(join(data, 'window-state.json'), 'utf8')).main;
    } catch {
      return null;
    }
  };
  await browser.waitUntil(async () => saved()?.width === set.width, {
    timeout: 5000,
    timeoutMsg: `the window's place is written: ${JSON.stringify(saved())}`,
  });
  await closeApp(browser, { keep: true });
  await gone(data);
  browser = await openApp({ data, args: desk });
  await find(browser, '[data-testid="article-item"]');
  const again = await browser.getWindowRect();
  assert.deepEqual([again.width, again.height], [set.width, set.height]);
});
