import { describe, expect, it, vi } from 'vitest';
import { api, type ReadingSettings } from './api';
import { applyReading, changeReading, DEFAULT_READING, KEEP_AFTER_MS, reading, resolveTheme, sizeKey, steppedSize } from './readingsettings.svelte';

describe('reading settings', () => {
  it('resolves the system theme to light or dark and keeps a chosen one', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('sepia', true)).toBe('sepia');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('applies the settings to the root as attributes and variables', () => {
    const root = document.createElement('html');
    applyReading({ text_size: 130, line_length: 55, line_spacing: 190, typeface: 'legible', theme: 'sepia' }, root);
    expect(root.dataset.theme).toBe('sepia');
    expect(root.dataset.typeface).toBe('legible');
    expect(root.style.getPropertyValue('--reading-size')).toBe('1.3');
    expect(root.style.getPropertyValue('--measure')).toBe('55ch');
    expect(root.style.getPropertyValue('--leading')).toBe('1.9');
    expect(reading.settings.text_size).toBe(130);
    expect(reading.theme).toBe('sepia');
  });

  it('steps the text size within its range and back to the usual size', () => {
    expect(steppedSize(100, 1)).toBe(110);
    expect(steppedSize(100, -1)).toBe(90);
    expect(steppedSize(250, 1)).toBe(250);
    expect(steppedSize(70, -1)).toBe(70);
    expect(steppedSize(180, 0)).toBe(DEFAULT_READING.text_size);
  });

  it('knows the size keys and nothing else', () => {
    const key = (key: string, ctrlKey = true, altKey = false) => sizeKey({ key, ctrlKey, metaKey: false, altKey });
    expect(key('+')).toBe(1);
    expect(key('=')).toBe(1);
    expect(key('-')).toBe(-1);
    expect(key('0')).toBe(0);
    expect(key('+', false)).toBeNull();
    expect(key('0', true, true)).toBeNull();
    expect(key('p')).toBeNull();
  });

  it('applies a change at once and keeps the settings once, when they stop changing', async () => {
    vi.useFakeTimers();
    const kept = vi.spyOn(api, 'setReadingSettings').mockImplementation((s) => Promise.resolve({ ...s, line_length: Math.min(s.line_length, 100) }));
    applyReading(DEFAULT_READING, document.createElement('html'));
    for (const line_length of [60, 62, 64, 120]) changeReading({ line_length });
    expect(reading.settings.line_length).toBe(120);
    expect(kept).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(kept.mock.calls[0][0].line_length).toBe(120);
    // What Rust kept (brought within range) is what is drawn.
    expect(reading.settings.line_length).toBe(100);

    // A change made while a write is on its way is not undone by the write's answer.
    changeReading({ text_size: 120 });
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS - 1);
    changeReading({ text_size: 130 });
    await vi.advanceTimersByTimeAsync(1);
    expect(reading.settings.text_size).toBe(130);
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS);
    expect(kept.mock.calls.at(-1)?.[0].text_size).toBe(130);
    expect(reading.settings.text_size).toBe(130);
    kept.mockRestore();
    vi.useRealTimers();
  });

  it('a write answered after a newer change leaves the newer change drawn', async () => {
    vi.useFakeTimers();
    let answer: (s: ReadingSettings) => void = () => {};
    const kept = vi.spyOn(api, 'setReadingSettings').mockImplementation(() => new Promise((r) => (answer = r)));
    applyReading(DEFAULT_READING, document.createElement('html'));
    changeReading({ text_size: 110 });
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS);
    expect(kept).toHaveBeenCalledTimes(1);
    changeReading({ text_size: 120 }); // while the first write is on its way
    answer({ ...DEFAULT_READING, text_size: 110 });
    await vi.advanceTimersByTimeAsync(0);
    expect(reading.settings.text_size).toBe(120);
    await vi.advanceTimersByTimeAsync(KEEP_AFTER_MS);
    expect(kept.mock.calls.at(-1)?.[0].text_size).toBe(120);
    answer({ ...DEFAULT_READING, text_size: 120 });
    kept.mockRestore();
    vi.useRealTimers();
  });
});
