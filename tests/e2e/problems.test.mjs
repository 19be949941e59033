// Content problems in the real app: a broken content folder still opens, its good articles
// show, and every problem is listed on a page of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startDriver, openApp, closeApp, find, screenshot, root, cliBinary } from './harness.mjs';

const broken = join(root, 'tests/fixtures/broken');
let driver;
let browser;

function expectedProblems() {
  try {
    execFileSync(cliBinary, ['--content', broken, 'check', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return [];
  } catch (e) {
    return JSON.parse(e.stdout);
  }
}

before(async () => {
  driver = await startDriver({ port: 4446 });
  browser = await openApp({ port: 4446, content: broken });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('a broken content folder opens with its good articles and a problems page', async () => {
  const problems = expectedProblems();
  assert.ok(problems.length > 0);
  const link = await find(browser, '[data-testid="problems-link"]');
  await browser.waitUntil(async () => (await link.getText()).includes(String(problems.length)), {
    timeout: 10000,
    timeoutMsg: `the header counts ${problems.length} problems`,
  });
  assert.ok((await browser.$$('[data-testid="article-item"]').length) >= 1);
  await link.click();
  await find(browser, '[data-testid="problem-row"]');
  const rows = await browser.$$('[data-testid="problem-row"]').map((r) => r.getText());
  assert.equal(rows.length, problems.length);
  for (const p of problems) {
    assert.ok(rows.some((r) => r.includes(`${p.path}:${p.line}`) && r.includes(p.field)), `${p.path}:${p.line} ${p.field} is listed`);
  }
  await screenshot(browser, '06-problems');
});
