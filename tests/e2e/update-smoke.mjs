// Signed updates of the installed package, end to end. Run by scripts/test-update.sh after it
// installed the OLD build (0.1.0, with the updater and a test key) and started a server on
// 127.0.0.1 over a folder holding both builds and their signatures; not part of the suite (its
// name does not end in .test.mjs). Environment:
//   LECTERN_APP             the installed binary (/usr/bin/lectern)
//   LECTERN_SMOKE_HOME      the reader's (empty) home
//   LECTERN_UPDATE_SERVED   the server's folder: this test writes latest.json there for each
//                           case, and a file `offline` while the server must be down
//   LECTERN_UPDATE_BASE     the server's address (http://127.0.0.1:PORT)
// PATH must hold a stand-in `pkexec` (see the script).
//
// Each refusal leaves 0.1.0 installed and the app running with a message; then the genuine
// update installs, the app restarts into 0.1.1 and the note made before is still there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, selectPassage } from './harness.mjs';

const home = process.env.LECTERN_SMOKE_HOME;
const served = process.env.LECTERN_UPDATE_SERVED;
const base = process.env.LECTERN_UPDATE_BASE;
const installedApp = process.env.LECTERN_APP;
const xdg = {
  XDG_DATA_HOME: join(home ?? '', '.local/share'),
  XDG_CONFIG_HOME: join(home ?? '', '.config'),
  XDG_CACHE_HOME: join(home ?? '', '.cache'),
};
const slug = 'international-red-aid';
const passage = 'At first the plan was modest';
const word = 'before-the-update';
let port = 4498;
let driver;
let browser;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const installedVersion = () => execFileSync('dpkg-query', ['-W', '-f=${Version}', 'lectern'], { encoding: 'utf8' }).trim();
const signature = (file) => readFileSync(join(served, `${file}.sig`), 'utf8');

/** Writes the manifest the server answers with: VERSION, downloaded from FILE with SIG. */
function manifest(version, file, sig = signature(file)) {
  const json = {
    version,
    notes: `Lectern ${version}, from the test's server.`,
    pub_date: '2026-11-30T00:00:00Z',
    platforms: { 'linux-x86_64-deb': { url: `${base}/${file}`, signature: sig } },
  };
  writeFileSync(join(served, 'latest.json'), JSON.stringify(json, null, 2));
}

/** The pids of the installed app started with this test's home (the binary may since have been replaced: "(deleted)"). */
function appPids() {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const exe = readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (exe === installedApp && env.includes(`HOME=${home}`)) pids.push(Number(pid));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

async function until(what, fn, timeout = 120000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000}s waiting until ${what}`);
    await sleep(250);
  }
}

/** Whether something accepts connections on the server's port. */
const serverUp = () =>
  new Promise((resolve) => {
    const { hostname, port: p } = new URL(base);
    const socket = connect(Number(p), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

async function open() {
  driver = await startDriver({ port, env: { HOME: home, ...xdg } });
  browser = await openApp({ port, args: [] });
  // A download of the package and its check happen within one script call (see press()).
  await browser.setTimeout({ script: 120000 });
}

async function settings() {
  await (await find(browser, '[data-testid="settings-link"]', { timeout: 60000 })).click();
  return (await find(browser, '[data-testid="app-version"]')).getText();
}

async function openArticle() {
  await find(browser, '[data-testid="books-link"]', { timeout: 60000 });
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]', { timeout: 60000 });
}

const margin = async () => (await find(browser, '[data-testid="notes-margin"]')).getText();

/** Clicks BUTTON and returns the message it ends with: the message is cleared when the look (or
 * the download) starts and shown again when it ends, so the text read is this click's. */
async function press(button) {
  await find(browser, `[data-testid="${button}"]`);
  const message = await browser.executeAsync((testid, done) => {
    const box = document.querySelector('[aria-live="polite"]');
    let cleared = !box.querySelector('[data-testid="update-message"]');
    const seen = new MutationObserver(() => {
      const message = box.querySelector('[data-testid="update-message"]');
      if (!message) cleared = true;
      else if (cleared) {
        seen.disconnect();
        done(message.textContent.trim());
      }
    });
    seen.observe(box, { childList: true, subtree: true, characterData: true });
    document.querySelector(`[data-testid="${testid}"]`).click();
  }, button);
  // Settled: the buttons are enabled again, and the message is what the reader sees.
  await browser.waitUntil(async () => (await browser.$('[data-testid="update-check"]')).isEnabled(), { timeoutMsg: 'the buttons are enabled again' });
  assert.equal((await (await find(browser, '[data-testid="update-message"]')).getText()).trim(), message);
  console.log(`${button}: ${message}`);
  return message;
}
const check = () => press('update-check');
const install = () => press('update-install');

/** After a refusal: still 0.1.0 installed, the same app still running and answering. */
async function unchanged(pids) {
  assert.equal(installedVersion(), '0.1.0', 'the installed package is still 0.1.0');
  assert.deepEqual(appPids(), pids, 'the same app process is still running');
  assert.equal(await (await find(browser, '[data-testid="app-version"]')).getText(), '0.1.0');
}

before(async () => {
  for (const [name, value] of Object.entries({
    LECTERN_SMOKE_HOME: home,
    LECTERN_UPDATE_SERVED: served,
    LECTERN_UPDATE_BASE: base,
    LECTERN_APP: installedApp,
  })) {
    assert.ok(value, `${name} is set (scripts/test-update.sh sets it)`);
  }
  await open();
});

after(async () => {
  rmSync(join(served, 'offline'), { force: true });
  if (browser) await closeApp(browser);
  driver?.kill();
  for (const pid of appPids()) process.kill(pid, 'SIGTERM');
});

test('the installed 0.1.0 has an updater', async () => {
  assert.equal(installedVersion(), '0.1.0');
  assert.equal(await settings(), '0.1.0');
  await find(browser, '[data-testid="update-check"]');
  assert.ok(!(await (await browser.$('[data-testid="no-updater"]')).isExisting()), 'a build with a key has an updater');
});

test('a note made before the update', async () => {
  await openArticle();
  assert.ok(await selectPassage(browser, passage), `"${passage}" is in the article`);
  await (await find(browser, '[data-testid="highlight-yellow"]')).click();
  await (await find(browser, '[data-testid="annotation"]')).click();
  await (await find(browser, '[data-testid="note-text"]')).setValue(`Written ${word}.`);
  await (await find(browser, '[data-testid="note-save"]')).click();
  await browser.waitUntil(async () => (await margin()).includes(word), { timeoutMsg: 'the note shows' });
  assert.equal(await settings(), '0.1.0');
});

test('refused: a package signed by another key', async () => {
  const pids = appPids();
  assert.equal(pids.length, 1, 'one app process runs with this home');
  manifest('0.1.1', 'lectern_0.1.1-foreign.deb');
  assert.match(await check(), /0\.1\.1 is available/);
  const message = await install();
  assert.match(message, /signature does not match/);
  assert.match(message, /unchanged/);
  await screenshot(browser, 'update-refused-foreign-key');
  await unchanged(pids);
});

test('refused: a corrupt download (bytes changed after signing)', async () => {
  const pids = appPids();
  manifest('0.1.1', 'lectern_0.1.1-corrupt.deb');
  assert.match(await check(), /0\.1\.1 is available/);
  assert.match(await install(), /signature does not match/);
  await unchanged(pids);
});

test('refused: the old package announced as 0.1.1 (its signature names 0.1.0)', async () => {
  const pids = appPids();
  manifest('0.1.1', 'lectern_0.1.0.deb');
  assert.match(await check(), /0\.1\.1 is available/);
  const message = await install();
  assert.match(message, /signature is not for the version the server announced/);
  assert.match(message, /0\.1\.0/, 'the message names the version the package was signed for');
  await unchanged(pids);
});

test('nothing to install: a manifest for an older version', async () => {
  const pids = appPids();
  manifest('0.0.9', 'lectern_0.1.0.deb');
  assert.match(await check(), /0\.1\.0 is the newest version/);
  assert.ok(!(await (await browser.$('[data-testid="update-install"]')).isExisting()), 'no install button');
  await unchanged(pids);
});

test('refused: the update server is down', async () => {
  const pids = appPids();
  manifest('0.1.1', 'lectern_0.1.1.deb');
  writeFileSync(join(served, 'offline'), '');
  try {
    await until('the update server stops listening', async () => !(await serverUp()), 10000);
    const message = await check();
    assert.match(message, /could not be reached/);
    await screenshot(browser, 'update-refused-offline');
    await unchanged(pids);
  } finally {
    rmSync(join(served, 'offline'), { force: true });
  }
  await until('the update server listens again', serverUp, 10000);
});

test('the genuine update installs and the app restarts into 0.1.1', async () => {
  const [old] = appPids();
  manifest('0.1.1', 'lectern_0.1.1.deb');
  assert.match(await check(), /0\.1\.1 is available/);
  await (await find(browser, '[data-testid="update-install"]')).click();
  // The app installs the package and restarts: this session's app is gone.
  const started = Date.now();
  await until('dpkg says 0.1.1 is installed', () => installedVersion() === '0.1.1');
  const [fresh] = await until('a new app process runs and the old one is gone', () => {
    const pids = appPids();
    return !pids.includes(old) && pids.length > 0 && pids;
  });
  const args = readFileSync(`/proc/${fresh}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  console.log(`installed and restarted in ${((Date.now() - started) / 1000).toFixed(1)}s (pid ${old} -> ${fresh}: ${args})`);
  // Still running a moment later (a second launch would hand over to a running copy and exit).
  await sleep(2000);
  assert.ok(existsSync(`/proc/${fresh}`), 'the restarted app keeps running');
  assert.equal(readlinkSync(`/proc/${fresh}/exe`), installedApp, 'the restarted process runs the installed binary');
  // The restarted app is not under WebDriver: stop it and start the new version in a session.
  await closeApp(browser);
  browser = undefined;
  driver.kill();
  process.kill(fresh, 'SIGTERM');
  await until('the restarted app exits', () => !existsSync(`/proc/${fresh}`), 20000);
});

test("the new version has the reader's note and sees itself as the newest", async () => {
  port += 2;
  await open();
  assert.equal(await settings(), '0.1.1');
  assert.match(await check(), /0\.1\.1 is the newest version/);
  await screenshot(browser, 'update-installed');
  await openArticle();
  await browser.waitUntil(async () => (await margin()).includes(word), { timeout: 10000, timeoutMsg: 'the note made before the update is there' });
});
