// Reading comfort and the keyboard, in the real app: the reading settings (text size by Ctrl +
// and the buttons, line length, typeface, theme) apply at once and are there after a restart;
// `?` opens the sheet of the view's keys, which keeps the focus until closed and gives it back;
// the skip link leads to the text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot } from './harness.mjs';

const PORT = 4494;
const slug = 'international-red-aid';
let driver;
let browser;

before(async () => {
  driver = await startDriver({ port: PORT });
  browser = await openApp({ port: PORT });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

/** The size, font and line length of the article's text, as drawn. */
const prose = () =>
  browser.execute(() => {
    const p = document.querySelector('.prose');
    const style = getComputedStyle(p);
    return { size: parseFloat(style.fontSize), family: style.fontFamily, width: parseFloat(style.maxWidth), leading: parseFloat(style.lineHeight) };
  });

test('the reading settings apply at once and are kept across a restart', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  const usual = await prose();
  assert.match(usual.family, /^"?Source Serif 4/);

  // Ctrl + twice: 120 %.
  await browser.keys(['Control', '=']);
  await browser.keys(['Control', '=']);
  await browser.waitUntil(async () => Math.abs((await prose()).size / usual.size - 1.2) < 0.01, { timeoutMsg: 'the text is 120 %' });

  await (await find(browser, '[data-testid="reading-settings"] summary')).click();
  const panel = await find(browser, '[data-testid="reading-settings"] [data-testid="reading-panel"]');
  assert.equal(await (await panel.$('[data-testid="reading-size"]')).getText(), '120%');
  await (await panel.$('input[value="legible"]')).click();
  await browser.waitUntil(async () => /^"?Atkinson Hyperlegible/.test((await prose()).family), { timeoutMsg: 'the legible face' });
  // The face is the bundled one, loaded (no network, no system font of that name).
  assert.equal(await browser.executeAsync((done) => document.fonts.load('16px "Atkinson Hyperlegible"').then((f) => done(f.length > 0))), true);
  // A shorter line: 50 characters (of this face and size) instead of 66.
  const wide = await prose();
  await browser.execute(
    (el) => {
      el.value = '50';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    await panel.$('[data-testid="reading-line-length"]'),
  );
  await browser.waitUntil(async () => (await prose()).width < wide.width * 0.8, { timeoutMsg: 'a shorter line' });
  await (await panel.$('[data-testid="reading-theme-sepia"]')).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === 'sepia', { timeoutMsg: 'sepia' });
  await screenshot(browser, 'reading-settings-sepia-legible');
  const set = await prose();

  // Kept in the data folder, and drawn so after a restart.
  await browser.waitUntil(
    () => {
      try {
        const kept = JSON.parse(readFileSync(join(browser.dataDir, 'reading.json'), 'utf8'));
        return kept.text_size === 120 && kept.typeface === 'legible' && kept.theme === 'sepia' && kept.line_length === 50;
      } catch {
        return false;
      }
    },
    { timeoutMsg: 'reading.json holds the settings' },
  );
  const data = browser.dataDir;
  await closeApp(browser, { keep: true });
  browser = await openApp({ port: PORT, data });
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  assert.equal(await browser.execute(() => document.documentElement.dataset.theme), 'sepia');
  const after = await prose();
  assert.equal(after.size, set.size);
  assert.equal(after.width, set.width);
  assert.match(after.family, /^"?Atkinson Hyperlegible/);

  // Ctrl 0: the usual size again.
  await browser.keys(['Control', '0']);
  await browser.waitUntil(async () => (await prose()).size === usual.size, { timeoutMsg: 'the usual size' });
});

test('? opens the keys of the view in use, keeps the focus in the sheet and gives it back', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  await browser.execute(() => document.activeElement?.blur());
  await browser.keys(['?']);
  const sheet = await find(browser, '[data-testid="shortcuts-sheet"]');
  const text = await sheet.getText();
  assert.match(text, /Print the article/);
  assert.match(text, /Everywhere/);
  await screenshot(browser, 'shortcuts-article');
  // Tab goes round the sheet's own controls only.
  for (let i = 0; i < 6; i++) {
    await browser.keys(['Tab']);
    assert.equal(
      await browser.execute(() => !!document.activeElement?.closest('[data-testid="shortcuts-sheet"]')),
      true,
      `Tab ${i + 1} stays in the sheet`,
    );
  }
  await browser.keys(['Escape']);
  await browser.waitUntil(async () => !(await browser.$('[data-testid="shortcuts-sheet"]').isExisting()), { timeoutMsg: 'Escape closes the sheet' });
  // Escape closed the sheet and did not also go back.
  assert.match(await browser.execute(() => location.hash), new RegExp(slug));

  // In the Library the sheet has no print key; the header's button opens it too.
  await browser.execute(() => (location.hash = '#/'));
  await find(browser, '[data-testid="article-item"]');
  await (await find(browser, '[data-testid="shortcuts-button"]')).click();
  const library = await (await find(browser, '[data-testid="shortcuts-sheet"]')).getText();
  assert.doesNotMatch(library, /Print the article/);
  await (await find(browser, '[data-testid="shortcuts-close"]')).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset.testid)) === 'shortcuts-button', {
    timeoutMsg: 'the focus is back on the button',
  });
});

test('the skip link is the first stop of Tab and leads to the text', async () => {
  await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
  await find(browser, '[data-testid="article-body"]');
  await browser.execute(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await browser.keys(['Tab']);
  assert.equal(await browser.execute(() => document.activeElement?.textContent), 'Skip to content');
  assert.equal(await browser.execute(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), true, 'the focus is visible');
  await browser.keys(['Enter']);
  assert.equal(await browser.execute(() => document.activeElement?.id), 'main');
});
