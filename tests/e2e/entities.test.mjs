// From the Timeline to the people: narrow to 1924–1928, open a bar, land on the sentence that
// states it, follow the person's name to their page (roles, mentions), follow a mention back
// into an article; an organization's page with its leaders in succession; the view exported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cli, inViewport } from './harness.mjs';

let driver;
let browser;
const exportDir = mkdtempSync(join(tmpdir(), 'lectern-export-'));
const lane = 'international-red-aid';
// What the library itself says: the test's expectations.
const period = cli('timeline', '--org', lane, '--from', '1924', '--to', '1928').lanes[0];
const bar = period.bars[period.bars.length - 1];
const person = bar.person.id;
const mentions = cli('mentions', person);

before(async () => {
  driver = await startDriver({ port: 4452, env: { LECTERN_EXPORT_DIR: exportDir } });
  browser = await openApp({ port: 4452 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

test('a bar of 1924–1928 opens its sentence, and the name there leads to the person page', async () => {
  await (await find(browser, '[data-testid="timeline-link"]')).click();
  await (await find(browser, '[data-testid="timeline-from"]')).setValue('1924');
  await (await find(browser, '[data-testid="timeline-to"]')).setValue('1928');
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.getUrl()).includes('from=1924&to=1928'), { timeoutMsg: 'the period applies' });
  const bars = await browser.$$(`[data-lane="${lane}"] [data-testid="timeline-bar"]`);
  assert.deepEqual(await bars.map((b) => b.getAttribute('data-person')), period.bars.map((b) => b.person.id), 'leaders in order');
  await browser.execute((el) => el.focus(), bars[bars.length - 1]);
  const card = await find(browser, '[data-testid="timeline-card"]');
  assert.ok((await card.getText()).includes(bar.person.name));
  await browser.keys(['Enter']);
  const hit = await find(browser, '[data-testid="search-hit"]');
  await browser.waitUntil(() => inViewport(browser, hit), { timeoutMsg: 'the sentence is in view' });
  await screenshot(browser, 'entities-passage-with-names');
  // The person's name, linked quietly, nearest the highlighted sentence.
  const link = await browser.execute((id) => {
    const mark = document.querySelector('[data-testid="search-hit"]');
    const links = [...document.querySelectorAll(`a.mention[href="#/person/${id}"]`)];
    const y = mark.getBoundingClientRect().top;
    links.sort((a, b) => Math.abs(a.getBoundingClientRect().top - y) - Math.abs(b.getBoundingClientRect().top - y));
    return links[0] ?? null;
  }, person);
  assert.ok(link, `the article links ${person}`);
  await browser.execute((el) => el.scrollIntoView({ block: 'center' }), link);
  await (await browser.$(link)).click();
  const page = await find(browser, '[data-testid="person-page"]');
  assert.ok((await page.$('h1').getText()).includes(bar.person.name));
  const roles = await find(browser, '[data-testid="person-roles"]');
  const roleText = await roles.getText();
  for (const b of cli('timeline', '--person', person).lanes[0].bars) {
    assert.ok(roleText.includes(b.organization.name), `the roles list ${b.organization.name}`);
  }
  const listed = await browser.$$('[data-testid="mention"]').map((m) => m.getAttribute('data-article'));
  assert.deepEqual(listed, mentions.map((m) => m.article), 'every article that names them, most mentions first');
  await screenshot(browser, 'entities-person');
});

test('a mention on the person page opens the article at that sentence', async () => {
  const sentence = await find(browser, '[data-testid="mention-sentence"]');
  const expected = mentions[0].snippets[0].replace(/^…|…$/g, '');
  await sentence.click();
  await browser.waitUntil(async () => (await browser.getUrl()).includes(`article/${mentions[0].article}?q=`), { timeoutMsg: 'the article opens' });
  const hit = await find(browser, '[data-testid="search-hit"]');
  await browser.waitUntil(() => inViewport(browser, hit), { timeoutMsg: 'the sentence is in view' });
  const marked = (await browser.$$('[data-testid="search-hit"]').map((m) => m.getText())).join(' ');
  const word = expected.split(/\s+/).find((w) => w.length > 4).replace(/\W+$/, '');
  assert.ok(marked.includes(word), `the sentence's words are marked: ${marked} (wanted ${word})`);
});

test('names can be shown as plain text, and the choice is kept', async () => {
  await find(browser, 'a.mention');
  await (await find(browser, '[data-testid="link-names"]')).click();
  await browser.waitUntil(async () => (await browser.$$('a.mention')).length === 0, { timeoutMsg: 'the links go' });
  const text = await (await find(browser, '[data-testid="article-body"]')).getText();
  assert.ok(text.length > 500, 'the text stays');
  await browser.refresh();
  await find(browser, '[data-testid="article-body"]');
  assert.equal(await (await find(browser, '[data-testid="link-names"]')).isSelected(), false);
  assert.equal((await browser.$$('a.mention')).length, 0);
  await (await find(browser, '[data-testid="link-names"]')).click();
  await find(browser, 'a.mention');
});

test("an organization's page lists its leaders in succession and its mentions", async () => {
  await browser.url((await browser.getUrl()).replace(/#.*$/, `#/organization/${lane}`));
  await find(browser, '[data-testid="organization-page"]');
  const order = await browser.$$('[data-testid="succession"] li[data-person]').map((l) => l.getAttribute('data-person'));
  const all = cli('timeline', '--org', lane).lanes[0].bars.map((b) => b.person.id);
  assert.deepEqual(order, all);
  assert.ok((await browser.$$('[data-testid="mention"]')).length >= 1);
  assert.ok((await browser.$$(`[data-lane="${lane}"] [data-testid="timeline-bar"]`)).length === all.length, 'a small timeline');
  await screenshot(browser, 'entities-organization');
});

test('the Timeline view is saved as SVG and PNG by the app', async () => {
  await browser.url((await browser.getUrl()).replace(/#.*$/, '#/timeline'));
  await find(browser, `[data-lane="${lane}"]`);
  await (await find(browser, '[data-testid="timeline-export-svg"]')).click();
  await find(browser, '[data-testid="timeline-saved"]');
  const svg = readFileSync(join(exportDir, 'timeline.svg'), 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.ok(svg.includes('>International Red Aid<') && svg.includes('>Elena Stasova<'), 'the lanes in view are in the file');
  await (await find(browser, '[data-testid="timeline-export-png"]')).click();
  await browser.waitUntil(() => readdirSync(exportDir).includes('timeline.png'), { timeoutMsg: 'the PNG is written' });
  const png = readFileSync(join(exportDir, 'timeline.png'));
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  assert.ok(png.length > 5000, `a picture, not an empty canvas (${png.length} bytes)`);
});
