// A large library in the real webview at 1280×800: how smoothly the Library scrolls and jumps,
// and how soon the Notes view paints with many notes. The library is tests/e2e/generate.mjs's
// (`--count` articles beside the bundled ones, and as many notes), made with lectern-cli.
//  - Scrolling fast: 400 px a frame for 4 s, from the top; every frame's interval (from one
//    animation frame to the next: a frame whose work overran is a longer interval).
//  - Jumping: a year chosen in the archive, then the next, 20 times; the intervals of the frames
//    from the click until the list has settled.
//  - Notes: from opening the Notes view (the route change) to the frame its first notes are drawn,
//    10 times.
// Run (under Xvfb, after `bash scripts/setup.sh --e2e` and a build of the app and the CLI):
//   LECTERN_APP=$CARGO_TARGET_DIR/release/lectern xvfb-run -a -s "-screen 0 1280x800x24" \
//     node tests/e2e/bench-large.mjs [--count 10000]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, cliBinary } from './harness.mjs';
import { notesCollection, writeLibrary } from './generate.mjs';

const at = process.argv.indexOf('--count');
const COUNT = at > 0 ? Number(process.argv[at + 1]) : 10000;
const work = mkdtempSync(join(tmpdir(), 'lectern-bench-large-'));
const content = join(work, 'content');
const data = join(work, 'data');
writeLibrary(content, COUNT);
const cli = (...args) => execFileSync(cliBinary, ['--content', content, '--data', data, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
cli('import');
writeFileSync(join(work, 'notes.jsonld'), JSON.stringify(notesCollection(COUNT, COUNT)));
console.log(cli('notes', 'import', join(work, 'notes.jsonld')).trim());

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const report = (what, xs) =>
  console.log(
    `${what}: ${xs.length} frames, median ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms, ` +
      `${xs.filter((x) => x > 17).length} over 17 ms`,
  );

const driver = await startDriver({ port: 4483 });
const browser = await openApp({ port: 4483, content, data });
try {
  await find(browser, '[data-testid="article-item"]', { timeout: 120000 });
  await new Promise((r) => setTimeout(r, 1000));

  const scrolled = await browser.executeAsync((done) => {
    const times = [];
    let last = performance.now();
    const end = last + 4000;
    const frame = (now) => {
      times.push(now - last);
      last = now;
      if (now > end || window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2) return done({ times, y: window.scrollY });
      window.scrollBy(0, 400);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      window.scrollBy(0, 400);
      requestAnimationFrame(frame);
    });
  });
  report(`Scrolling fast (${scrolled.y} px in ${(scrolled.times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s)`, scrolled.times);
  const rows = await browser.execute(() => document.querySelectorAll('[data-testid="article-list"] > li').length);
  console.log(`Rows in the DOM after scrolling: ${rows}`);

  await browser.execute(() => window.scrollTo(0, 0));
  const jumps = [];
  const years = await browser.$$('[data-testid="archive-year"]').map((el) => el.getAttribute('data-year'));
  for (const year of years.slice(0, 20)) {
    const times = await browser.executeAsync((y, done) => {
      const out = [];
      let last = performance.now();
      const start = last;
      const frame = (now) => {
        out.push(now - last);
        last = now;
        const total = document.querySelector('[data-testid="archive-total"]');
        const settled = location.hash.includes(`year=${y}`) && total && document.querySelector('[data-testid="article-item"]');
        if ((settled && now - start > 300) || now - start > 3000) return done(out);
        requestAnimationFrame(frame);
      };
      document.querySelector(`[data-testid="archive-year"][data-year="${y}"]`).click();
      requestAnimationFrame(frame);
    }, year);
    jumps.push(...times);
  }
  report('Jumping from year to year (20 years)', jumps);

  // The commands alone: Rust filtering, ordering and reading a page, and the filters' choices.
  for (const command of ['notes_page', 'notes_facets']) {
    const ms = await browser.executeAsync((c, done) => {
      const args = c === 'notes_page' ? { query: { sort: 'newest', offset: 0, limit: 100 } } : {};
      const t0 = performance.now();
      window.__TAURI_INTERNALS__.invoke(c, args).then(() => done(performance.now() - t0));
    }, command);
    console.log(`${command} with ${COUNT} notes: ${ms.toFixed(0)} ms`);
  }
  const paints = [];
  for (let r = 0; r < 10; r++) {
    await browser.execute(() => (location.hash = '#/'));
    await find(browser, '[data-testid="article-item"]');
    await new Promise((res) => setTimeout(res, 300));
    paints.push(
      await browser.executeAsync((done) => {
        const t0 = performance.now();
        location.hash = '#/notes';
        const tick = () => {
          if (document.querySelector('[data-testid="note-row"]')) requestAnimationFrame(() => done(performance.now() - t0));
          else if (performance.now() - t0 > 20000) done(-1);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    );
  }
  console.log(`Notes view with ${COUNT} notes, opening to first notes drawn: median ${pct(paints, 50).toFixed(0)} ms, max ${Math.max(...paints).toFixed(0)} ms (${paints.map((x) => x.toFixed(0)).join(', ')})`);
} finally {
  await closeApp(browser);
  driver.kill();
  rmSync(work, { recursive: true, force: true });
}
