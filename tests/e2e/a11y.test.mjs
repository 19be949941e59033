// Accessibility, audited in the real webview: axe-core runs on every view (library, article with
// notes in every colour, search with results, timeline and its table, person, organization,
// books, book, notes, problems, blogs, settings) in every theme (light, sepia, dark, chosen in
// Settings → Reading), and the test fails on any serious or critical violation. The highlight
// colours are checked on every theme too: text on each highlight at 4.5:1 or more (WCAG AA).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, screenshot, cliBinary, contentDir } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PORT = 4492;
const slug = 'international-red-aid';
const colours = ['yellow', 'green', 'blue', 'pink', 'purple'];
// Passages of the article, one highlighted in each colour (the last with a note).
const passages = [
  'At first the plan was modest',
  'The Comintern took the idea up',
  'Its first large undertaking',
  'Red Aid had its own structure',
  'Julian Marchlewski served',
];

/** Every view, with what shows it is drawn. */
const views = [
  ['library', '#/', '[data-testid="article-item"]'],
  ['article', `#/article/${slug}`, '[data-testid="annotation"]'],
  ['search', '#/search?q=comintern', '[data-testid="search-hit-row"]'],
  ['timeline', '#/timeline', '[data-lane="international-red-aid"]'],
  ['timeline-table', '#/timeline', '[data-testid="timeline-table"]'],
  ['person', '#/person/willi-munzenberg', '[data-testid="person-page"]'],
  ['organization', '#/organization/international-red-aid', '[data-testid="organization-page"]'],
  ['books', '#/books', '[data-testid="books-view"]'],
  ['book', '#/book/communist-movement-at-a-crossroads', '[data-testid="book-page"]'],
  ['notes', '#/notes', '[data-testid="notes-view"]'],
  ['problems', '#/problems', 'main h1'],
  ['blogs', '#/blogs', 'main h1'],
  ['settings', '#/settings', '[data-testid="reading-panel"]'],
];

let driver;
let browser;

before(async () => {
  const data = mkdtempSync(join(tmpdir(), 'lectern-a11y-'));
  const cli = (...args) => execFileSync(cliBinary, ['--content', contentDir, '--data', data, ...args], { encoding: 'utf8' });
  cli('import');
  passages.forEach((quote, i) =>
    cli('notes', 'add', '--article', slug, '--quote', quote, '--color', colours[i], ...(i === 4 ? ['--note', 'Who followed him?'] : [])),
  );
  driver = await startDriver({ port: PORT });
  browser = await openApp({ port: PORT, data });
});

after(async () => {
  if (browser) await closeApp(browser);
  driver?.kill();
});

/** The serious and critical violations axe finds in the page as it is. */
async function audit() {
  const hasAxe = await browser.execute(() => typeof window.axe === 'object');
  if (!hasAxe) await browser.execute(axeSource);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) =>
        done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ')) }))),
      )
      .catch((e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function chooseTheme(theme) {
  await browser.execute(() => (location.hash = '#/settings'));
  await (await find(browser, `[data-testid="reading-theme-${theme}"]`)).click();
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === theme, {
    timeoutMsg: `the ${theme} theme is drawn`,
  });
}

for (const theme of ['light', 'sepia', 'dark']) {
  test(`every view passes the audit in the ${theme} theme`, async () => {
    await chooseTheme(theme);
    const found = [];
    for (const [name, hash, ready] of views) {
      await browser.execute((h) => (location.hash = h), hash);
      if (name === 'timeline-table') await (await find(browser, '[data-testid="timeline-as-table"]')).click();
      await find(browser, ready);
      for (const v of await audit()) found.push(`${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
      if (name === 'article' || name === 'library') await screenshot(browser, `a11y-${name}-${theme}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
  });
}

test('text on every highlight colour reads at 4.5:1 or more in every theme', async () => {
  const low = [];
  for (const theme of ['light', 'sepia', 'dark']) {
    await chooseTheme(theme);
    await browser.execute((s) => (location.hash = `#/article/${s}`), slug);
    await find(browser, '[data-testid="annotation"]');
    const ratios = await browser.execute(() => {
      const rgba = (c) => {
        const [r, g, b, a = 1] = c.match(/[\d.]+/g).map(Number);
        return { r, g, b, a };
      };
      const over = (top, under) => ({
        r: top.r * top.a + under.r * (1 - top.a),
        g: top.g * top.a + under.g * (1 - top.a),
        b: top.b * top.a + under.b * (1 - top.a),
      });
      const luminance = ({ r, g, b }) => {
        const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const page = rgba(getComputedStyle(document.documentElement).backgroundColor);
      const out = {};
      for (const mark of document.querySelectorAll('mark.annotation')) {
        const colour = [...mark.classList].find((c) => c.startsWith('color-'));
        const style = getComputedStyle(mark);
        const ground = over(rgba(style.backgroundColor), page);
        const [l1, l2] = [luminance(ground), luminance(rgba(style.color))].sort((a, b) => b - a);
        out[colour] = (l1 + 0.05) / (l2 + 0.05);
      }
      return out;
    });
    assert.equal(Object.keys(ratios).length, 5, `${theme}: five colours drawn: ${JSON.stringify(ratios)}`);
    for (const [colour, ratio] of Object.entries(ratios)) if (ratio < 4.5) low.push(`${theme} ${colour}: ${ratio.toFixed(2)}:1`);
  }
  assert.deepEqual(low, []);
});

test('the search count and the header notices are live regions, there before they speak', async () => {
  await browser.execute(() => (location.hash = '#/search?q='));
  const total = await find(browser, '[data-testid="search-input"]');
  assert.equal(await browser.execute(() => document.querySelector('[data-testid="search-total"]')?.getAttribute('role')), 'status');
  assert.equal(await browser.execute(() => document.querySelector('header.bar [role="status"]') !== null), true);
  await total.setValue('comintern');
  const status = await browser.$('[data-testid="search-total"]');
  await browser.waitUntil(async () => /^\d+ results?$/.test((await status.getText()).trim()), { timeoutMsg: 'the count is said' });
  await total.setValue('zzzqqqxxnothing');
  await browser.waitUntil(async () => (await status.getText()).trim() === 'No results', { timeoutMsg: 'no results is said' });
});

test('Tab shows where the focus is on every control it reaches', async () => {
  const unmarked = [];
  for (const [name, hash, ready] of views.filter(([n]) => !['timeline-table', 'problems', 'blogs'].includes(n))) {
    await browser.execute((h) => (location.hash = h), hash);
    await find(browser, ready);
    await browser.execute(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    for (let i = 0; i < 40; i++) {
      await browser.keys(['Tab']);
      const missing = await browser.execute(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const shows = (e) => {
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        };
        // The Library's list marks the focus on its chosen row (a coloured edge), not around itself.
        const row = el.matches('[role="listbox"]') ? el.querySelector('[aria-selected="true"]') : null;
        if (row) {
          const probe = document.body.appendChild(document.createElement('span'));
          probe.style.color = 'var(--focus)';
          const focus = getComputedStyle(probe).color;
          probe.remove();
          if (getComputedStyle(row).borderLeftColor === focus) return null;
        }
        return shows(el)
          ? null
          : `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.className}] "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      });
      if (missing) unmarked.push(`${name}: ${missing}`);
    }
  }
  assert.deepEqual([...new Set(unmarked)], []);
});
