// Signed updates in the real app, against an update server of the test's own on 127.0.0.1: a
// key pair made here (the private key never leaves the temporary folder), a manifest and a
// package the test signs, and every way an update can go wrong leaving Lectern as it was and
// saying why. This is a debug build run from the build folder, so the last step (installing a
// package and restarting) is refused after the download verified: scripts/test-update.sh takes
// two packaged builds through the whole round trip. A build without an update key says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, root } from './harness.mjs';

const PORT = 4462;
const work = mkdtempSync(join(tmpdir(), 'lectern-updates-'));
const tauri = join(root, 'ui/node_modules/.bin/tauri');
const password = 'a test key, made for this run';

/** A key pair in `dir`: the .pub file's content (what a build is given) and the key's path. */
function keyPair(dir) {
  execFileSync(tauri, ['signer', 'generate', '--ci', '-p', password, '-w', join(dir, 'k.key')], { stdio: 'ignore' });
  return {
    pub: readFileSync(join(dir, 'k.key.pub'), 'utf8').trim(),
    key: join(dir, 'k.key'),
  };
}

/** Signs `file` for `version` with `key`; the signature as a manifest carries it. */
function sign(key, file, version) {
  execFileSync(tauri, ['signer', 'sign', '-f', key, '-p', password, '--app-version', version, file], { stdio: 'ignore' });
  return readFileSync(`${file}.sig`, 'utf8');
}

const ours = keyPair(mkdtempSync(join(work, 'ours-')));
const theirs = keyPair(mkdtempSync(join(work, 'theirs-')));

// What the server serves: the manifest and the package, changed by each test.
const served = { manifest: null, package: Buffer.alloc(0), stall: false };
let server;
let updaterEnv;
let driver;
let browser;

/** The manifest of `version`, its package signed by `key` for `signedFor`. */
function offer(version, { key = ours.key, signedFor = version, corrupt = false } = {}) {
  const file = join(work, `lectern_${version}.deb`);
  writeFileSync(file, `!<arch>\nthe package of Lectern ${version}, ${'x'.repeat(4096)}\n`);
  const signature = sign(key, file, signedFor);
  const bytes = readFileSync(file);
  if (corrupt) bytes[bytes.length - 10] ^= 0xff;
  served.package = bytes;
  const entry = {
    url: `http://127.0.0.1:${PORT}/lectern_${version}.deb`,
    signature,
  };
  served.manifest = {
    version,
    notes: `What changed in ${version}.`,
    pub_date: '2026-11-30T00:00:00Z',
    platforms: { 'linux-x86_64': entry, 'linux-x86_64-deb': entry },
  };
}

before(async () => {
  server = createServer((req, res) => {
    if (served.stall) return; // takes the request and never answers
    if (req.url === '/latest.json' && served.manifest) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(served.manifest));
    } else if (req.url.endsWith('.deb')) {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': served.package.length,
      });
      res.end(served.package);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  // The updater's configuration as a release is given it, by the script the release uses.
  const config = JSON.parse(
    execFileSync('node', [join(root, 'scripts/release-config.mjs'), ours.pub, `http://127.0.0.1:${PORT}/latest.json`], { encoding: 'utf8' }),
  );
  updaterEnv = { LECTERN_DEBUG_UPDATER: JSON.stringify(config.plugins.updater) };
  driver = await startDriver({ port: 4460, env: updaterEnv });
  browser = await openApp({ port: 4460 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openSettings() {
  await (await find(browser, '[data-testid="settings-link"]')).click();
  return find(browser, '[data-testid="app-version"]');
}

/** Clicks `testid` and waits for its outcome (the view clears the last one on a click and
 * shows the next when the work is done); its words. */
async function outcome(testid, timeout = 30000) {
  await (await find(browser, `[data-testid="${testid}"]`)).click();
  await browser.waitUntil(
    async () => (await browser.$('[data-testid="update-check"]').isEnabled()) && browser.$('[data-testid="update-message"]').isExisting(),
    {
      timeout,
      timeoutMsg: `an outcome of ${testid}`,
    },
  );
  return (await browser.$('[data-testid="update-message"]')).getText();
}

async function stillAsItWas(version) {
  assert.equal(await (await find(browser, '[data-testid="app-version"]')).getText(), version);
  assert.equal((await browser.getWindowHandles()).length, 1, 'the window is still there');
}

let current;

test('a newer version on the server is found, with what changed', async () => {
  current = await (await openSettings()).getText();
  assert.match(current, /^\d+\.\d+\.\d+/);
  offer('9.9.9');
  const said = await outcome('update-check');
  assert.equal(said, `Lectern 9.9.9 is available (you have ${current}).`);
  assert.ok((await (await find(browser, '.notes')).getText()).includes('What changed in 9.9.9.'));
  await find(browser, '[data-testid="update-install"]');
  await screenshot(browser, 'updates-01-found');
});

test('a package signed with another key is refused', async () => {
  offer('9.9.9', { key: theirs.key });
  await outcome('update-check');
  const said = await outcome('update-install');
  assert.match(said, /signature does not match/);
  assert.match(said, /Lectern is unchanged\. \(The updater said: /);
  await stillAsItWas(current);
  await screenshot(browser, 'updates-02-bad-signature');
});

test('a download changed on the way is refused', async () => {
  offer('9.9.9', { corrupt: true });
  await outcome('update-check');
  assert.match(await outcome('update-install'), /signature does not match/);
  await stillAsItWas(current);
});

test('a manifest that gives a package signed for another version a higher number is refused', async () => {
  offer('9.9.9', { signedFor: '0.0.1' });
  await outcome('update-check');
  assert.match(await outcome('update-install'), /signature is not for the version the server announced/);
  await stillAsItWas(current);
});

test('a verified package is not installed over a copy that was not installed from a package', async () => {
  offer('9.9.9');
  await outcome('update-check');
  const said = await outcome('update-install');
  assert.match(said, /Lectern 9\.9\.9 was downloaded and its signature checked, but this copy was not installed from a package/);
  await stillAsItWas(current);
});

test('a manifest for an older version changes nothing', async () => {
  offer('0.0.9');
  assert.equal(await outcome('update-check'), `Lectern ${current} is the newest version.`);
  assert.equal(await browser.$('[data-testid="update-install"]').isExisting(), false);
  await stillAsItWas(current);
});

test('a server that takes the request and never answers does not keep the reader waiting', async () => {
  served.stall = true;
  try {
    assert.match(await outcome('update-check', 60000), /stopped answering/);
    await stillAsItWas(current);
  } finally {
    served.stall = false;
  }
});

test('allowed, the look at start finds a newer version and the header says so', async () => {
  offer('9.9.9');
  const data = mkdtempSync(join(tmpdir(), 'lectern-e2e-'));
  writeFileSync(join(data, 'updates.json'), JSON.stringify({ check_at_start: true }));
  const starting = await startDriver({ port: 4466, env: updaterEnv });
  const other = await openApp({ port: 4466, data });
  try {
    const notice = await find(other, '[data-testid="update-notice"]', { timeout: 60000 });
    assert.equal(await notice.getText(), 'Lectern 9.9.9 is available');
    await screenshot(other, 'updates-04-found-at-start');
    const prefs = JSON.parse(readFileSync(join(data, 'updates.json'), 'utf8'));
    assert.ok(prefs.last_checked, 'the look is noted, so the next is a day later');
  } finally {
    await closeApp(other);
    starting.kill();
  }
});

test('with the server gone, Lectern says it could not reach it', async () => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
  server = null;
  const said = await outcome('update-check');
  assert.match(said, /could not be reached/);
  await stillAsItWas(current);
  await screenshot(browser, 'updates-03-offline');
});

test('the look at start is off until allowed, and the choice is kept', async () => {
  const box = await find(browser, '[data-testid="update-at-start"]');
  assert.equal(await box.isSelected(), false);
  await box.click();
  await browser.waitUntil(
    () => {
      try {
        return JSON.parse(readFileSync(join(browser.dataDir, 'updates.json'), 'utf8')).check_at_start === true;
      } catch {
        return false;
      }
    },
    { timeout: 5000, timeoutMsg: 'updates.json keeps the choice' },
  );
  assert.ok(await (await find(browser, '.last')).isDisplayed(), 'when Lectern last looked is shown');
});

test('a copy built without an update key says it does not update itself', async () => {
  const plain = await startDriver({ port: 4464 });
  const other = await openApp({ port: 4464 });
  try {
    await (await find(other, '[data-testid="settings-link"]')).click();
    const said = await (await find(other, '[data-testid="no-updater"]')).getText();
    assert.match(said, /built without an update key/);
    assert.equal(await other.$('[data-testid="update-check"]').isExisting(), false);
  } finally {
    await closeApp(other);
    plain.kill();
  }
});
