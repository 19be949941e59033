// Light and dark follow the system: the same app under a light and a dark GTK theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, openApp, closeApp, find, screenshot } from './harness.mjs';

/** Relative luminance (0 dark – 1 light) of the page background, and the media query's answer. */
async function look(theme, port) {
  const driver = await startDriver({ port, env: { GTK_THEME: theme } });
  const browser = await openApp({ port });
  try {
    await find(browser, '[data-testid="article-item"]');
    const result = await browser.execute(() => {
      const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g).map(Number);
      return { dark: matchMedia('(prefers-color-scheme: dark)').matches, luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 };
    });
    await screenshot(browser, `07-index-${theme.endsWith(':dark') ? 'dark' : 'light'}`);
    return result;
  } finally {
    await closeApp(browser);
    driver.kill();
  }
}

test('a light system theme gives a light page and a dark one a dark page', async () => {
  const light = await look('Adwaita', 4448);
  const dark = await look('Adwaita:dark', 4450);
  assert.equal(light.dark, false);
  assert.equal(dark.dark, true);
  assert.ok(light.luminance > 0.8, `light background, luminance ${light.luminance}`);
  assert.ok(dark.luminance < 0.2, `dark background, luminance ${dark.luminance}`);
});
