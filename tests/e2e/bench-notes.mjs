// An article with 1,000 annotations in the real webview at 1280×800: the time from opening it
// (the route change) to the frame in which all its highlights are drawn, 10 times (3 with
// `--quick`). A mark stands for every highlight covering its text (`data-ids`). The annotations
// are whole-word spans of the starter library's longest article, written as W3C JSON-LD and
// merged with `lectern-cli notes import` into the app's data folder.
// Run (under Xvfb, after `bash scripts/setup.sh --e2e` and a build of the app and the CLI):
//   xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-notes.mjs
// LECTERN_APP picks the app binary (the release build for figures: target/release/lectern).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, cliBinary, contentDir } from './harness.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 10;
const COUNT = 1000;

const data = mkdtempSync(join(tmpdir(), 'lectern-notes-bench-'));
const run = (...args) => execFileSync(cliBinary, ['--content', contentDir, '--data', data, ...args], { encoding: 'utf8' });
const articles = JSON.parse(run('list', '--json'));
const texts = articles.map((a) => ({ slug: a.slug, text: JSON.parse(run('show', a.slug, '--json')).text }));
const { slug, text } = texts.reduce((a, b) => (b.text.length > a.text.length ? b : a));

// 1,000 spans of 3–12 words at evenly spread places (overlapping freely), each with its offsets.
const words = [...text.matchAll(/\S+/g)];
const items = [];
for (let i = 0; i < COUNT; i++) {
  const first = Math.floor((i * (words.length - 12)) / COUNT);
  const last = first + 2 + (i % 10);
  const start = words[first].index;
  const end = words[last].index + words[last][0].length;
  items.push({
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'Annotation',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    body: [{ type: 'TextualBody', value: `Note ${i}`, purpose: 'commenting' }],
    // The slice in UTF-16 units, as JavaScript strings count: what the selectors hold.
    target: {
      source: `tag:lectern.app,2026:article/${slug}`,
      selector: [
        { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  });
}
const file = join(data, 'bench.jsonld');
writeFileSync(file, JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', id: 'urn:uuid:00000000-0000-4000-8000-00000000b0b0', first: { type: 'AnnotationPage', items } }));
console.log(run('notes', 'import', file).trim());

const driver = await startDriver({ port: 4472 });
const browser = await openApp({ port: 4472, data });
try {
  await find(browser, '[data-testid="books-link"]');
  // The command alone: Rust reading, rendering and sending the article's notes.
  const command = await browser.executeAsync((s, done) => {
    const t0 = performance.now();
    window.__TAURI_INTERNALS__.invoke('list_notes', { filter: { article: s, tag: null, status: null } }).then(() => done(performance.now() - t0));
  }, slug);
  console.log(`list_notes for ${COUNT} notes: ${command.toFixed(1)} ms`);
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    await browser.execute(() => (location.hash = '#/'));
    await find(browser, '[data-testid="books-link"]');
    await new Promise((res) => setTimeout(res, 300));
    const ms = await browser.executeAsync((s, n, done) => {
      const t0 = performance.now();
      const seen = {};
      location.hash = `#/article/${s}`;
      const tick = () => {
        const now = performance.now() - t0;
        if (seen.text === undefined && document.querySelector('[data-testid="article-body"] p')) seen.text = now;
        if (seen.first === undefined && document.querySelector('[data-testid="annotation"]')) seen.first = now;
        const drawn = new Set([...document.querySelectorAll('[data-testid="annotation"]')].flatMap((m) => m.dataset.ids.split(' '))).size;
        if (drawn >= n) requestAnimationFrame(() => done({ ...seen, all: performance.now() - t0 }));
        else if (now > 20000) done({ ...seen, all: -1 });
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, slug, COUNT);
    times.push(ms);
  }
  const p50 = (k) => {
    const xs = times.map((t) => t[k]).filter((x) => x !== undefined).sort((a, b) => a - b);
    return +xs[Math.floor(xs.length / 2)].toFixed(1);
  };
  // text: the article's text shown; first: the first highlight; all: every highlight drawn.
  console.log(JSON.stringify({ article: slug, annotations: COUNT, p50_ms: { text: p50('text'), first: p50('first'), all: p50('all') }, all_ms: times.map((t) => +t.all.toFixed(1)) }));
} finally {
  await closeApp(browser);
  driver.kill();
}
