// The Timeline in the real webview at 1280×800 over the generated library of the Timeline
// benchmark (500 organizations, 5,000 tenures, 20,000 events, 10,000 people):
//   - first paint: from the route change to the first frame with the lanes drawn (the Rust
//     timeline, the IPC, Svelte's rendering, layout and paint), 10 times;
//   - how many lanes have their names and buttons made (the picture itself is one canvas);
//   - frame times while panning (one arrow-key pan per frame), zooming (one `+`/`-` per frame)
//     and scrolling the lanes (40 px per frame), 240 frames each, at the whole period.
// Run (under Xvfb, after `bash scripts/setup.sh --e2e` and a build of the app):
//   xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-timeline.mjs
// LECTERN_APP picks the binary (the release build for figures: target/release/lectern).
// `--quick` runs 3 paints and 30 frames each, to check the benchmark itself works.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDriver, openApp, closeApp, find, root } from './harness.mjs';

const quick = process.argv.includes('--quick');
const PAINTS = quick ? 3 : 10;
const FRAMES = quick ? 30 : 240;

const content = mkdtempSync(join(tmpdir(), 'lectern-timeline-bench-'));
execFileSync('cargo', ['run', '-q', '-p', 'lectern-core', '--example', 'timeline-library', '--', content], {
  cwd: root,
  stdio: 'inherit',
});

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const summary = (xs) => xs.length === 0 ? { n: 0 } : ({
  p50: +quantile(xs, 0.5).toFixed(1),
  p95: +quantile(xs, 0.95).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
  n: xs.length,
});

const driver = await startDriver({ port: 4460 });
const browser = await openApp({ port: 4460, content });
try {
  await browser.setWindowSize(1280, 800).catch(() => {});
  // Wait for the start-up import of the generated library.
  await browser.waitUntil(async () => (await browser.$$('[data-testid="article-item"]')).length > 0, {
    timeout: 120000,
    timeoutMsg: 'the library is imported',
  });

  const paints = [];
  for (let i = 0; i < PAINTS; i++) {
    await browser.execute(() => (location.hash = '#/'));
    await find(browser, '[data-testid="article-item"]');
    const ms = await browser.executeAsync((done) => {
      const t0 = performance.now();
      location.hash = '#/timeline';
      const poll = () => {
        if (document.querySelector('[data-testid="timeline-lane"]')) requestAnimationFrame(() => done(performance.now() - t0));
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    paints.push(ms);
  }
  // The command alone: Rust builds the Timeline, serializes it, the webview parses it.
  const ipc = [];
  for (let i = 0; i < PAINTS; i++) {
    ipc.push(
      await browser.executeAsync((done) => {
        const t0 = performance.now();
        window.__TAURI_INTERNALS__
          .invoke('timeline', { query: { organizations: [], people: [], from: null, to: null, event_kinds: [] } })
          .then(() => done(performance.now() - t0));
      }),
    );
  }
  const counts = await browser.execute(() => ({
    lanes: document.querySelectorAll('[data-testid="timeline-lane"]').length,
    bars: document.querySelectorAll('[data-testid="timeline-bar"]').length,
    marks: document.querySelectorAll('[data-testid="timeline-mark"]').length,
    elements: document.querySelectorAll('.chart *').length,
  }));

  /** Frame intervals while `step(i)` runs once per frame. */
  const frames = (kind) =>
    browser.executeAsync(
      (kind, n, done) => {
        const scroller = document.querySelector('[role="application"]');
        const key = (k) => scroller.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
        const steps = {
          idle: () => {},
          pan: (i) => key(Math.floor(i / 20) % 2 ? 'ArrowLeft' : 'ArrowRight'),
          zoom: (i) => key(Math.floor(i / 10) % 2 ? '-' : '+'),
          scroll: (i) => (scroller.scrollTop += Math.floor(i / 60) % 2 ? -40 : 40),
        };
        performance.clearMeasures('timeline-draw');
        const out = [];
        const script = [];
        const draw = [];
        // The chart keeps only its last drawing's time: taken every frame, then cleared.
        const lastDraw = () => {
          const m = performance.getEntriesByName('timeline-draw')[0];
          if (m) draw.push(m.duration);
          performance.clearMeasures('timeline-draw');
        };
        let last = performance.now();
        let i = 0;
        const frame = (now) => {
          if (i > 0) out.push(now - last);
          last = now;
          lastDraw();
          if (i++ >= n) return done({ frames: out, script, draw });
          const t0 = performance.now();
          steps[kind](i);
          // Svelte applies the change in a microtask: the script's share of the frame ends there.
          queueMicrotask(() => queueMicrotask(() => script.push(performance.now() - t0)));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      kind,
      FRAMES,
    );
  const measured = async (kind) => {
    const { frames: f, script, draw } = await frames(kind);
    return { frame: summary(f), script: summary(script), draw: summary(draw) };
  };
  const results = {
    firstPaint: summary(paints),
    timelineCommand: summary(ipc),
    drawn: counts,
    idle: await measured('idle'),
    pan: await measured('pan'),
    zoom: await measured('zoom'),
    scroll: await measured('scroll'),
  };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await closeApp(browser);
  driver.kill();
  rmSync(content, { recursive: true, force: true });
}
