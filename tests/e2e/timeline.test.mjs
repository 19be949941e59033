// The Timeline in the real app: the Comintern family with Red Aid's presidents in order,
// a period that survives back and forward, a bar's card, Enter on a bar opening the
// article at the words that state it, and an end the sources do not give said as not known.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, openApp, closeApp, find, screenshot, cli, inViewport } from './harness.mjs';

let driver;
let browser;
const lane = 'international-red-aid';
// What the library itself says: the test's expectations.
const all = cli('timeline', '--org', lane).lanes[0];
const period = cli('timeline', '--org', lane, '--from', '1926', '--to', '1928').lanes[0];

before(async () => {
  driver = await startDriver({ port: 4447 });
  browser = await openApp({ port: 4447 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

const people = (sel) => browser.$$(`${sel} [data-testid="timeline-bar"]`).map((b) => b.getAttribute('data-person'));

test('the Timeline shows the family in order and a lane with its leaders in order', async () => {
  await (await find(browser, '[data-testid="timeline-link"]')).click();
  await find(browser, `[data-lane="${lane}"]`);
  const lanes = await browser.$$('[data-testid="timeline-lane"]').map((l) => l.getAttribute('data-lane'));
  assert.ok(lanes.indexOf('comintern') < lanes.indexOf(lane), `the Comintern above its auxiliary: ${lanes}`);
  assert.deepEqual(await people(`[data-lane="${lane}"]`), all.bars.map((b) => b.person.id));
  await screenshot(browser, 'timeline');
});

test('a period narrows the lanes and survives back and forward', async () => {
  const from = await find(browser, '[data-testid="timeline-from"]');
  await from.setValue('1926');
  const to = await find(browser, '[data-testid="timeline-to"]');
  await to.setValue('1928');
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.getUrl()).includes('from=1926&to=1928'), { timeoutMsg: 'the period is in the address' });
  await browser.waitUntil(async () => (await people(`[data-lane="${lane}"]`)).length === period.bars.length, {
    timeoutMsg: 'only the leaders of 1926–1928',
  });
  assert.deepEqual(await people(`[data-lane="${lane}"]`), period.bars.map((b) => b.person.id));
  await browser.back();
  await browser.waitUntil(async () => (await people(`[data-lane="${lane}"]`)).length === all.bars.length, { timeoutMsg: 'back to every leader' });
  await browser.forward();
  await browser.waitUntil(async () => (await people(`[data-lane="${lane}"]`)).length === period.bars.length, { timeoutMsg: 'forward to the period' });
  await screenshot(browser, 'timeline-period');
});

test('a bar shows its card on focus and Enter opens the passage that states it', async () => {
  const bar = await find(browser, `[data-lane="${lane}"] [data-testid="timeline-bar"]`);
  const first = period.bars[0];
  await browser.execute((el) => el.focus(), bar);
  const card = await find(browser, '[data-testid="timeline-card"]');
  const text = await card.getText();
  assert.ok(text.includes(first.person.name) && text.includes(first.role), `card: ${text}`);
  await screenshot(browser, 'timeline-card');
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.getUrl()).includes(`article/${first.source}?q=`), { timeoutMsg: 'the source article opens' });
  const hit = await find(browser, '[data-testid="search-hit"]');
  await browser.waitUntil(() => inViewport(browser, hit), { timeoutMsg: 'the passage is scrolled into view' });
  const marked = (await browser.$$('[data-testid="search-hit"]').map((m) => m.getText())).join(' ');
  const firstWord = first.cite.split(/\s+/).find((w) => w.length > 3);
  assert.ok(marked.includes(firstWord), `the cite's words are marked: ${marked}`);
  await screenshot(browser, 'timeline-opened-passage');
});

test('a family folds to its top lane, and careers are compared as person lanes', async () => {
  await browser.url((await browser.getUrl()).replace(/#.*$/, '#/timeline'));
  await find(browser, '[data-lane="international-labor-defense"]');
  const fold = await find(browser, '[data-lane="comintern"] [data-testid="timeline-fold"]');
  await fold.click();
  await browser.waitUntil(async () => !(await (await browser.$('[data-lane="international-labor-defense"]')).isExisting()), {
    timeoutMsg: 'the auxiliaries fold away',
  });
  assert.ok(await (await browser.$('[data-lane="comintern"]')).isExisting(), 'the top lane stays');
  const career = cli('timeline', '--person', 'willi-munzenberg').lanes[0];
  const field = await find(browser, '[data-testid="timeline-person"]');
  await field.setValue(career.name);
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.getUrl()).includes('people=willi-munzenberg'), { timeoutMsg: 'the person is in the address' });
  const lane = await find(browser, '[data-lane="willi-munzenberg"]');
  const orgs = await lane.$$('[data-testid="timeline-bar"]').map((b) => b.getAttribute('aria-label'));
  assert.equal(orgs.length, career.bars.length);
  career.bars.forEach((b, i) => assert.ok(orgs[i].includes(b.organization.name), `${orgs[i]} is a role in ${b.organization.name}`));
  await screenshot(browser, 'timeline-career');
});

test('a tenure whose end the sources do not give says so on its card', async () => {
  // The first such tenure with a start: it is drawn fading out after it.
  const open = cli('timeline')
    .lanes.flatMap((l) => l.bars.map((b, i) => ({ lane: l.id, b, i })))
    .find(({ b }) => b.days.end === null && b.days.start !== null);
  assert.ok(open, 'the starter library has a tenure with no end');
  await browser.url((await browser.getUrl()).replace(/#.*$/, '#/timeline'));
  const bars = await (await find(browser, `[data-lane="${open.lane}"]`)).$$('[data-testid="timeline-bar"]');
  assert.match(await bars[open.i].getAttribute('aria-label'), /end not known$/);
  await browser.execute((el) => el.focus(), bars[open.i]);
  const card = await find(browser, '[data-testid="timeline-card"]');
  const text = await card.getText();
  assert.ok(text.includes(open.b.person.name) && text.includes('end not known'), `card: ${text}`);
  await screenshot(browser, 'timeline-unknown-end');
});
