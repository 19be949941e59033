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
    const name = theme.endsWith(':dark') ? 'dark' : 'light';
    await screenshot(browser, `07-index-${name}`);
    // The Timeline's canvas paints with the theme's colours too.
    await browser.execute(() => (location.hash = '#/timeline'));
    await find(browser, '[data-lane="international-red-aid"]');
    result.canvas = await browser.execute(() => {
      const c = document.querySelector('[data-testid="timeline-canvas"]');
      const [r, g, b] = c.getContext('2d').getImageData(2, c.height - 2, 1, 1).data;
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    await screenshot(browser, `07-timeline-${name}`);
    await browser.execute(() => (location.hash = '#/person/willi-munzenberg'));
    await find(browser, '[data-testid="person-page"]');
    await screenshot(browser, `07-person-${name}`);
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
  assert.ok(light.canvas > 0.8 && dark.canvas < 0.2, `the Timeline follows: ${light.canvas} / ${dark.canvas}`);
});
