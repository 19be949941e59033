// An article handed on as one HTML file: saved from the article with a note beside the text
// (the save dialog stands aside for the tests), then opened in a real browser engine (WebKit's
// MiniBrowser, driven by WebKitWebDriver) from the file alone: its picture shows, the highlight
// and the note are there, and it asks for nothing outside the file. Saved as PDF, read back by
// poppler. Printed: the pages Lectern typesets, as many as the PDF's, put through WebKitGTK's
// own print operation to a file (gtkprint.py). The Notes view saves every article with notes,
// one file each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

test('Print… and Ctrl+P print the pages Lectern typesets, as many as the PDF has, and nothing else of the window', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="annotation"]');
  // The print dialog is the system's: the test counts the calls instead of opening it, and
  // notes what was there to print at each.
  await browser.execute(() => {
    window.printed = [];
    window.print = () => window.printed.push(document.querySelectorAll('.print-pages img').length);
  });
  const pdfPages = {};
  for (const placement of ['end', 'margin']) {
    await (await find(browser, '[data-testid="save-notes-placement"]')).selectByAttribute('value', placement);
    // The same article with the same notes saved as PDF, to count its pages.
    await (await find(browser, '[data-testid="save-article-pdf"]')).click();
    const file = join(exportDir, `${slug}.pdf`);
    const message = await find(browser, '[data-testid="save-article-message"]');
    await browser.waitUntil(async () => (await message.getText()) === `Saved to ${file}.`, { timeoutMsg: 'the PDF is saved' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);

    const before = (await browser.execute(() => window.printed)).length;
    if (placement === 'end') await (await find(browser, '[data-testid="print-article"]')).click();
    else await browser.keys(['Control', 'p']);
    await browser.waitUntil(async () => (await browser.execute(() => window.printed)).length > before, { timeoutMsg: 'the print dialog is opened' });
    assert.equal((await browser.execute(() => window.printed))[before], pages, `${placement}: the pages of the PDF`);
    pdfPages[placement] = pages;
  }
  // Printed through WebKitGTK's print operation to a file, with the app's print rules: one
  // sheet per page, with the dialog's own margins or with none.
  const printed = await browser.execute(() => {
    const rules = [];
    for (const sheet of document.styleSheets)
      for (const rule of sheet.cssRules)
        if ((rule.media && rule.media.mediaText === 'print') || rule.cssText.includes('print-pages')) rules.push(rule.cssText);
    const pages = [...document.querySelectorAll('.print-pages img')].map((i) => `<img src="${i.src}">`).join('');
    return `<html><head><style>${rules.join('\n')}</style></head><body><div id="app"><main>The window</main><div class="print-pages">${pages}</div></div></body></html>`;
  });
  const printDir = mkdtempSync(join(tmpdir(), 'lectern-printed-'));
  const page = join(printDir, 'print.html');
  writeFileSync(page, printed);
  for (const margins of ['default', 'zero']) {
    const out = join(printDir, `printed-${margins}.pdf`);
    execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'gtkprint.py'), page, out, margins], { stdio: ['ignore', 'ignore', 'inherit'] });
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(Number(/Pages:\s+(\d+)/.exec(info)[1]), pdfPages.margin, `${margins} margins: one sheet a page`);
    assert.ok(!execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).includes('The window'), 'nothing of the window');
  }
  execFileSync('pdftoppm', [
    '-r',
    '40',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(printDir, 'printed-default.pdf'),
    join(shotsDir, 'printout-printed-page-1'),
  ]);

  // Every page is a picture of an A4 page, drawn.
  const sizes = await browser.execute(() => [...document.querySelectorAll('.print-pages img')].map((i) => [i.naturalWidth, i.naturalHeight]));
  for (const [w, h] of sizes) assert.ok(w > 0 && Math.abs(h / w - 297 / 210) < 0.01, `an A4 page: ${w}×${h}`);

  // The print rules, applied to the screen, to look at what is printed.
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
  assert.ok(count >= 3, 'the print rules are there');
  const shown = (sel) => browser.execute((s) => [...document.querySelectorAll(s)].some((e) => getComputedStyle(e).display !== 'none'), sel);
  assert.equal(await shown('header.bar'), false, 'no header');
  assert.equal(await shown('main'), false, 'not the window as it is');
  assert.equal(await shown('.print-pages img'), true, 'the pages');
  await browser.execute(() => window.scrollTo(0, 0));
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
