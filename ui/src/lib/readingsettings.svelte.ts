// How the reader likes long text set (Settings → Reading, and Ctrl +, Ctrl −, Ctrl 0 anywhere):
// the settings are kept by Rust (`reading.json` in the data folder) and applied to the document
// root as the theme and typeface (`data-theme`, `data-typeface`) and as CSS variables (app.css:
// `--reading-size`, `--measure`, `--leading`), read by every page of long text.
import { api, type ReadingSettings, type Theme } from './api';

export const DEFAULT_READING: ReadingSettings = { text_size: 100, line_length: 66, line_spacing: 165, typeface: 'serif', theme: 'system' };

/** The range of each setting, as Rust keeps it (reading_settings.rs), for the controls. */
export const RANGE = { text_size: [70, 250], line_length: [45, 100], line_spacing: [120, 220] } as const;

/** The settings in force, and the theme drawn (the system's resolved to light or dark). */
export const reading = $state<{ settings: ReadingSettings; theme: Exclude<Theme, 'system'> }>({
  settings: DEFAULT_READING,
  theme: 'light',
});

/** The step of Ctrl + and Ctrl −, in percent of the usual size. */
export const SIZE_STEP = 10;

const darkScheme = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/** The theme `theme` draws, given whether the system is dark. */
export function resolveTheme(theme: Theme, systemDark: boolean): Exclude<Theme, 'system'> {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** Sets `settings` on `root`. */
export function applyReading(settings: ReadingSettings, root: HTMLElement = document.documentElement): void {
  reading.settings = settings;
  reading.theme = resolveTheme(settings.theme, darkScheme()?.matches ?? false);
  root.dataset.theme = reading.theme;
  root.dataset.typeface = settings.typeface;
  root.style.setProperty('--reading-size', String(settings.text_size / 100));
  root.style.setProperty('--measure', `${settings.line_length}ch`);
  root.style.setProperty('--leading', String(settings.line_spacing / 100));
}

/** Reads the kept settings and applies them (the defaults when they cannot be read); follows the
 * system's light or dark from then on. */
export async function loadReading(): Promise<void> {
  // The system's light or dark at once, so nothing is drawn in the wrong one while Rust answers.
  applyReading(DEFAULT_READING);
  let settings = DEFAULT_READING;
  try {
    settings = await api.readingSettings();
  } catch {
    // An in-memory library, a data folder not readable: the defaults.
  }
  applyReading(settings);
  darkScheme()?.addEventListener('change', () => applyReading(reading.settings));
}

/** How long the settings wait, unchanged, before they are written (a slider dragged writes once). */
export const KEEP_AFTER_MS = 300;
let keeping: ReturnType<typeof setTimeout> | undefined;
/** The writes, one after another (each replaces the file whole). */
let written: Promise<void> = Promise.resolve();

const same = (a: ReadingSettings, b: ReadingSettings) => JSON.stringify(a) === JSON.stringify(b);

/** Changes some settings, applies them at once and keeps them once they stop changing (Rust
 * brings each within range; what it kept is drawn unless the reader has changed them since). */
export function changeReading(change: Partial<ReadingSettings>): void {
  applyReading({ ...reading.settings, ...change });
  clearTimeout(keeping);
  keeping = setTimeout(() => {
    const sent = { ...reading.settings };
    written = written
      .then(() => api.setReadingSettings(sent))
      .then(
        (kept) => {
          if (same(reading.settings, sent)) applyReading(kept);
        },
        () => {
          // Not kept (no data folder): still applied for this run.
        },
      );
  }, KEEP_AFTER_MS);
}

/** The text size after a step of `by` (+1 larger, -1 smaller, 0 back to the usual size). */
export function steppedSize(size: number, by: -1 | 0 | 1): number {
  if (by === 0) return DEFAULT_READING.text_size;
  const [lo, hi] = RANGE.text_size;
  return Math.min(hi, Math.max(lo, size + by * SIZE_STEP));
}

/** Ctrl + / Ctrl = (larger), Ctrl − (smaller), Ctrl 0 (usual size): the step, or null. */
export function sizeKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): -1 | 0 | 1 | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === '+' || e.key === '=') return 1;
  if (e.key === '-' || e.key === '_') return -1;
  if (e.key === '0') return 0;
  return null;
}
