// A small harness for end-to-end tests of the real app: starts tauri-driver (which drives
// WebKitWebDriver), opens a WebDriver session on the built binary with its own data folder,
// and saves screenshots under tests/e2e/screenshots/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
const target = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/lectern-target');
export const app = process.env.LECTERN_APP ?? join(target, 'debug/lectern');
export const cliBinary = join(target, 'debug/lectern-cli');
export const shotsDir = join(here, 'screenshots');
/** The content the app is tested on: the bundled library unless LECTERN_E2E_CONTENT says otherwise. */
export const contentDir = process.env.LECTERN_E2E_CONTENT ?? join(root, 'content');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts tauri-driver on `port` and waits until it answers. */
export async function startDriver({ port = 4444, env = {} } = {}) {
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return driver;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  driver.kill();
  throw new Error(`tauri-driver did not answer on port ${port}`);
}

/** Opens the app in a session of its own, with a fresh data folder (or `data`, to reopen);
 * `args` replaces the command line (`[]`: as started from the desktop's menu). */
export async function openApp({
  port = 4444,
  content = contentDir,
  data = mkdtempSync(join(tmpdir(), 'lectern-e2e-')),
  args = ['--data', data, '--content', content],
} = {}) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      'tauri:options': { application: app, args },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  browser.dataDir = data;
  return browser;
}

/** Ends the session; the data folder goes too unless `keep` (to reopen it). */
export async function closeApp(browser, { keep = false } = {}) {
  await browser.deleteSession().catch(() => {});
  if (!keep) rmSync(browser.dataDir, { recursive: true, force: true });
}

/** Finds `selector`, retrying while the webview is still loading its first page. */
export async function find(browser, selector, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const el = await browser.$(selector);
      await el.waitForDisplayed({ timeout: Math.max(500, deadline - Date.now()) });
      return el;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(200);
    }
  }
}

export async function screenshot(browser, name) {
  mkdirSync(shotsDir, { recursive: true });
  // Drawn without compositing (a machine without a GPU, src-tauri/src/rendering.rs), WebKit's
  // snapshot can wait for a repaint that an idle page never makes: a dot one pixel wide, all but
  // transparent, changes in the corner a few times over the next moments, then goes.
  await browser.execute(() => {
    const dot = document.createElement('div');
    for (const [k, v] of Object.entries({ position: 'fixed', right: '0', bottom: '0', width: '1px', height: '1px' })) dot.style.setProperty(k, v);
    dot.setAttribute('aria-hidden', 'true');
    document.body.append(dot);
    [50, 200, 500, 1000].forEach((ms, i) => setTimeout(() => dot.style.setProperty('background', `rgb(0 0 0 / ${(i % 2) + 1}%)`), ms));
    setTimeout(() => dot.remove(), 1500);
  });
  await browser.saveScreenshot(join(shotsDir, `${name}.png`));
}

/** What lectern-cli says about the same content, as parsed JSON. */
export function cli(...args) {
  const data = mkdtempSync(join(tmpdir(), 'lectern-cli-'));
  try {
    return JSON.parse(
      execFileSync(cliBinary, ['--content', contentDir, '--data', data, ...args, '--json'], {
        encoding: 'utf8',
      }),
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/** Selects the first occurrence of `text` inside the article body, as a reader's drag would;
 * false when the article does not hold it. */
export async function selectPassage(browser, text) {
  return browser.execute((wanted) => {
    const body = document.querySelector('[data-testid="article-body"]');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + wanted.length);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      n.parentElement.scrollIntoView({ block: 'center' });
      const r = range.getBoundingClientRect();
      const init = { bubbles: true, clientX: r.right, clientY: r.bottom };
      n.parentElement.dispatchEvent(new MouseEvent('mouseup', init));
      document.dispatchEvent(new Event('selectionchange'));
      return true;
    }
    return false;
  }, text);
}

/** Whether the element's box is at least partly inside the viewport. */
export async function inViewport(browser, el) {
  return browser.execute((e) => {
    const r = e.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, el);
}
