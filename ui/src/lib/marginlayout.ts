// Notes in the margin beside their passages: each note as near the top of its highlight as the
// notes above it allow, never overlapping them, never above its place in reading order.

/**
 * The space to add above each note. `natural` is where each note sits in the list with no
 * space added (its top, in list order, from the list's top); `wanted` is the top of its
 * highlight on the same scale, or null when it has none drawn. Space added above a note moves
 * every note after it down by as much.
 */
export function marginSpacing(natural: readonly number[], wanted: readonly (number | null)[]): number[] {
  let shift = 0;
  return natural.map((top, i) => {
    const want = wanted[i];
    const space = want === null ? 0 : Math.max(0, want - (top + shift));
    shift += space;
    return space;
  });
}
