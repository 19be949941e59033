import { describe, expect, it } from 'vitest';
import { nextIndex } from './listnav';

describe('nextIndex', () => {
  it('moves down and up, stopping at the ends', () => {
    expect(nextIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextIndex('j', 2, 3)).toBe(2);
    expect(nextIndex('ArrowUp', 1, 3)).toBe(0);
    expect(nextIndex('k', 0, 3)).toBe(0);
  });
  it('jumps to the ends and by pages', () => {
    expect(nextIndex('Home', 7, 20)).toBe(0);
    expect(nextIndex('End', 0, 20)).toBe(19);
    expect(nextIndex('PageDown', 15, 20)).toBe(19);
    expect(nextIndex('PageUp', 5, 20)).toBe(0);
  });
  it('ignores other keys and empty lists', () => {
    expect(nextIndex('x', 1, 3)).toBe(null);
    expect(nextIndex('ArrowDown', 0, 0)).toBe(null);
  });
});
