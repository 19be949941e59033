// An article handed on as one HTML file: saved from the article with a note beside the text
// (the save dialog stands aside for the tests), then opened in a real browser engine (WebKit's
// MiniBrowser, driven by WebKitWebDriver) from the file alone: its picture shows, the highlight
// and the note are there, and it asks for nothing outside the file. The Notes view saves every
// article with notes, one file each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { startDriver, openApp, closeApp, find, screenshot, selectPassage, shotsDir } from './harness.mjs';

const slug = 'international-red-aid';
const passage = 'At first the plan was modest';
const noteText = 'Compare with the congress report';
const exportDir = mkdtempSync(join(tmpdir(), 'lectern-printout-'));
// WebKitGTK's own small browser, installed with the library (its folder names the platform).
const miniBrowser = readdirSync('/usr/lib')
  .map((d) => join('/usr/lib', d, 'webkit2gtk-4.1/MiniBrowser'))
  .find((p) => existsSync(p));

let driver;
let browser;

before(async () => {
  driver = await startDriver({ port: 4484, env: { LECTERN_EXPORT_DIR: exportDir } });
  browser = await openApp({ port: 4484 });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

/** Opens `file` in MiniBrowser through WebKitWebDriver and hands the session to `look`. */
async function inMiniBrowser(file, look) {
  const webdriver = spawn('WebKitWebDriver', ['--port=4490'], { stdio: 'ignore' });
  try {
    let session;
    for (let i = 0; i < 50 && !session; i++) {
      session = await remote({
        hostname: '127.0.0.1',
        port: 4490,
        logLevel: 'error',
        capabilities: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
          'wdio:enforceWebDriverClassic': true,
        },
      }).catch(() => new Promise((r) => setTimeout(() => r(null), 200)));
    }
    assert.ok(session, 'MiniBrowser started');
    try {
      await session.url(`file://${file}`);
      await look(session);
    } finally {
      await session.deleteSession().catch(() => {});
    }
  } finally {
    webdriver.kill();
  }
}

test('an article saved as HTML opens from the file alone, with its picture, highlight and note', async () => {
  await find(browser, '[data-testid="books-link"]');
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  assert.ok(await selectPassage(browser, passage));
  await (await find(browser, '[data-testid="highlight-yellow"]')).click();
  const mark = await find(browser, '[data-testid="annotation"]');
  await mark.click();
  await (await find(browser, '[data-testid="note-text"]')).setValue(noteText);
  await (await find(browser, '[data-testid="note-save"]')).click();
  await browser.waitUntil(async () => (await (await find(browser, '[data-testid="notes-margin"]')).getText()).includes(noteText));

  await (await find(browser, '[data-testid="save-article-html"]')).click();
  const message = await find(browser, '[data-testid="save-article-message"]');
  const file = join(exportDir, `${slug}.html`);
  assert.equal(await message.getText(), `Saved to ${file}.`);
  await screenshot(browser, 'printout-article-saved');
  const html = readFileSync(file, 'utf8');
  assert.ok(!/<script/i.test(html), 'no script');

  await inMiniBrowser(file, async (page) => {
    assert.equal(await page.getTitle(), 'International Red Aid 1922–1937');
    const images = await page.execute(() => [...document.images].map((i) => ({ complete: i.complete, width: i.naturalWidth })));
    assert.ok(images.length > 0, 'the article has a picture');
    for (const i of images) assert.ok(i.complete && i.width > 0, `a picture shows: ${JSON.stringify(i)}`);
    const marked = await page.execute(() => [...document.querySelectorAll('mark.hl')].map((m) => m.textContent).join(''));
    assert.equal(marked, passage);
    const note = await page.execute(() => document.querySelector('.margin-note')?.textContent ?? '');
    assert.equal(note, `1 ${noteText}`);
    // Nothing was fetched: the file holds all it shows.
    const fetched = await page.execute(() => performance.getEntriesByType('resource').map((r) => r.name));
    assert.deepEqual(fetched, []);
    await page.saveScreenshot(join(shotsDir, 'printout-in-minibrowser.png'));
  });
});

test('Save as PDF writes the article with its highlight, note and footnotes, in order', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="annotation"]');
  await (await find(browser, '[data-testid="save-notes-placement"]')).selectByAttribute('value', 'end');
  await (await find(browser, '[data-testid="save-article-pdf"]')).click();
  const file = join(exportDir, `${slug}.pdf`);
  const message = await find(browser, '[data-testid="save-article-message"]');
  await browser.waitUntil(async () => (await message.getText()) === `Saved to ${file}.`, { timeoutMsg: 'the PDF is saved' });
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  let at = 0;
  for (const part of [
    'International Red Aid 1922–1937',
    'John Riddell',
    passage,
    'Footnotes',
    'Toward the United Front',
    'Notes',
    passage,
    noteText,
  ]) {
    const found = text.indexOf(part, at);
    assert.ok(found >= 0, `"${part}" after ${at}`);
    at = found + part.length;
  }
  // (poppler grumbles on stderr about the tagged PDF's MarkInfo; the file is read.)
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.match(info, /Title:\s+International Red Aid 1922–1937/);
  // The first page as an image, to look at.
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(shotsDir, 'printout-pdf-page-1')]);
});

test('Print… and Ctrl+P print the article, laid out as the article alone with its highlight and note', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="annotation"]');
  // The print dialog is the system's: the test counts the calls instead of opening it.
  await browser.execute(() => {
    window.printed = 0;
    window.print = () => window.printed++;
  });
  await (await find(browser, '[data-testid="print-article"]')).click();
  await browser.keys(['Control', 'p']);
  assert.equal(await browser.execute(() => window.printed), 2);

  // The print rules, applied to the screen, to look at the page as printed.
  const count = await browser.execute(() => {
    const rules = [];
    for (const sheet of document.styleSheets)
      for (const rule of sheet.cssRules)
        if (rule.media && rule.media.mediaText === 'print') for (const r of rule.cssRules) if (r.selectorText) rules.push(r.cssText);
    // A constructed style sheet: the page's CSP refuses a <style> element.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules.join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return rules.length;
  });
  assert.ok(count > 5, 'the print rules are there');
  const shown = (sel) => browser.execute((s) => [...document.querySelectorAll(s)].some((e) => getComputedStyle(e).display !== 'none'), sel);
  assert.equal(await shown('header.bar'), false, 'no header');
  assert.equal(await shown('aside.side'), false, 'no side column');
  assert.equal(await shown('mark.annotation'), true, 'the highlight');
  assert.equal(await shown('[data-testid="notes-margin"]'), true, 'the notes beside the text');
  assert.equal(await browser.execute(() => getComputedStyle(document.querySelector('mark.annotation')).textDecorationLine), 'underline');
  await screenshot(browser, 'printout-print-layout');
  await browser.refresh();
});

test('the Notes view saves every article with notes, one HTML file each', async () => {
  await browser.execute(() => (location.hash = '#/notes'));
  await (await find(browser, '[data-testid="notes-save-articles"]')).click();
  const status = await find(browser, '[data-testid="notes-export-status"]');
  await browser.waitUntil(async () => (await status.getText()).startsWith('Saved'), { timeoutMsg: 'saved' });
  assert.equal(await status.getText(), `Saved one article as HTML in ${exportDir}`);
  assert.deepEqual(
    readdirSync(exportDir).filter((f) => f.endsWith('.html')),
    [`${slug}.html`],
  );
  await screenshot(browser, 'printout-notes-view');
});
