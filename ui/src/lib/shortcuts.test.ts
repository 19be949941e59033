import { describe, expect, it } from 'vitest';
import { combinations, routeNames, shortcuts, shortcutsFor, spokenKey, type Shortcut } from './shortcuts';

const shown = (keys: string[]) => keys.join('+');
const has = (items: Shortcut[], keys: string[]) => items.some((s) => combinations(s).some((c) => shown(c) === shown(keys)));
const all = (route: string) => shortcutsFor(route).flatMap((g) => g.items);

describe('shortcutsFor', () => {
  it('gives every view the keys of the whole app first', () => {
    for (const route of routeNames) {
      const [first] = shortcutsFor(route);
      expect(first.group).toBe('Everywhere');
      expect(has(first.items, ['?'])).toBe(true);
      expect(has(first.items, ['/'])).toBe(true);
      expect(has(first.items, ['Ctrl', 'K'])).toBe(true);
    }
  });

  it('lists printing in the article and not in the library', () => {
    expect(has(all('article'), ['Ctrl', 'P'])).toBe(true);
    expect(has(all('index'), ['Ctrl', 'P'])).toBe(false);
  });

  it('goes back everywhere but the library, the first view', () => {
    expect(has(all('index'), ['Esc'])).toBe(false);
    expect(has(all('index'), ['Backspace'])).toBe(false);
    expect(has(all('settings'), ['Alt', '←'])).toBe(true);
  });

  it('changes the text size only where there is long text to read', () => {
    for (const route of ['article', 'person', 'organization', 'book']) {
      const everywhere = shortcutsFor(route)[0].items;
      expect(has(everywhere, ['Ctrl', '+']), route).toBe(true);
      expect(has(everywhere, ['Ctrl', '0']), route).toBe(true);
    }
    expect(has(all('index'), ['Ctrl', '+'])).toBe(false);
  });

  it("keeps each view's own keys to that view", () => {
    const index = shortcutsFor('index').find((g) => g.group === 'This view')!.items;
    expect(has(index, ['j'])).toBe(true);
    expect(has(all('search'), ['j'])).toBe(false);
    expect(has(all('person'), ['+'])).toBe(true);
    expect(has(all('books'), ['+'])).toBe(false);
  });

  it('leaves out a group with nothing in it', () => {
    expect(shortcutsFor('settings').map((g) => g.group)).toEqual(['Everywhere']);
    expect(shortcutsFor('article').map((g) => g.group)).toEqual(['Everywhere', 'This view']);
  });

  it('gives a key one meaning in one place of a view', () => {
    for (const route of routeNames) {
      const seen = new Set<string>();
      for (const s of all(route)) {
        for (const c of combinations(s)) {
          const at = `${s.where ?? ''}|${shown(c)}`;
          expect(seen.has(at), `${route}: ${at}`).toBe(false);
          seen.add(at);
        }
      }
    }
  });

  it('writes every action as a sentence and names every view it works in', () => {
    for (const s of shortcuts) {
      expect(s.what).toMatch(/^[A-Z].*\.$/);
      expect(s.keys.length).toBeGreaterThan(0);
      if (s.views !== 'all') for (const v of s.views) expect(routeNames).toContain(v);
    }
  });
});

describe('spokenKey', () => {
  it('names the symbols a screen reader may skip', () => {
    expect(spokenKey('?')).toBe('Question mark');
    expect(spokenKey('←')).toBe('Left arrow');
    expect(spokenKey('Enter')).toBe('Enter');
  });
});
