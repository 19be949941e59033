// A book whose every field carries markup (a link, a refresh, an image, a script, `&` and
// quotes): its citation on the Book page shows that markup as text, in every style, with the
// title in italics, and the window stays on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, contentDir } from './harness.mjs';

const PORT = 4504;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const id = 'hostile-citation';
const title = 'Tags & <a href="https://example.org/away" id="away">a link</a> "quoted"';
const subtitle = '<meta http-equiv="refresh" content="0;url=https://example.org/refresh">';
const publisher = 'Press <img src="https://example.org/p.png" onerror="document.title=\'owned\'"> & Sons';
const person = 'Ann <script>document.title="owned"</script> O\'Brien';

const base = mkdtempSync(join(tmpdir(), 'lectern-citations-'));
const content = join(base, 'content');
let driver;
let browser;

before(async () => {
  cpSync(contentDir, content, { recursive: true });
  writeFileSync(join(content, 'people', 'hostile-author.md'), `+++\nname = '''${person}'''\n+++\nA person.\n`);
  writeFileSync(
    join(content, 'books', `${id}.md`),
    `+++\ntitle = '''${title}'''\nsubtitle = '''${subtitle}'''\nauthors = ["hostile-author"]\n` +
      `publishers = ['''${publisher}''']\ndate = "2021"\n+++\nA book with markup in every field.\n`,
  );
  driver = await startDriver({ port: PORT });
  browser = await openApp({ port: PORT, content });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
  rmSync(base, { recursive: true, force: true });
});

/** What the citation holds: its text, the elements the fields could have smuggled in, and
 * whether the title is in italics. */
async function citation() {
  const el = await find(browser, '[data-testid="citation"]');
  return browser.execute((e) => {
    const i = e.querySelector('i');
    return {
      text: e.textContent,
      smuggled: [...e.querySelectorAll('a, meta, img, script, [onerror], [style], [id]')].map((n) => n.outerHTML),
      italic: i ? getComputedStyle(i).fontStyle : null,
      italicText: i ? i.textContent : '',
    };
  }, el);
}

test('every field of a book is shown as text in its citation, in every style', async () => {
  await browser.execute((to) => (location.hash = to), `#/book/${id}`);
  await find(browser, '[data-testid="book-page"]');
  const page = await browser.getUrl();
  for (const style of ['chicago', 'chicago-author-date', 'apa']) {
    await (await find(browser, '[data-testid="cite-style"]')).selectByAttribute('value', style);
    await browser.waitUntil(async () => (await citation()).text.toLowerCase().includes('<meta http-equiv'), {
      timeoutMsg: `the ${style} citation is shown`,
    });
    const c = await citation();
    assert.deepEqual(c.smuggled, [], `${style}: no element from the fields`);
    assert.ok(c.text.includes('<img src="https://example.org/p.png"'), `${style}: ${c.text}`);
    assert.ok(c.text.includes('<script>') || style === 'apa', `${style}: ${c.text}`);
    assert.equal(c.italic, 'italic', `${style}: the title in italics`);
    assert.ok(c.italicText.toLowerCase().includes('<a href="https://example.org/away"'), c.italicText);
    if (style === 'chicago') await screenshot(browser, 'citation-hostile');
  }
  // A refresh or a script from the fields would have moved or retitled the window by now.
  await sleep(1500);
  assert.equal(await browser.getUrl(), page, 'the window stayed on the book page');
  assert.notEqual(await browser.getTitle(), 'owned');
  await find(browser, '[data-testid="book-page"]');
});
