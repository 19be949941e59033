/** The selected index after a key press in a list of `length` items, or null if the key is not a move. */
export function nextIndex(key: string, current: number, length: number): number | null {
  if (length === 0) return null;
  const last = length - 1;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(current + 1, last);
    case 'ArrowUp':
    case 'k':
      return Math.max(current - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(current + 10, last);
    case 'PageUp':
      return Math.max(current - 10, 0);
    default:
      return null;
  }
}
