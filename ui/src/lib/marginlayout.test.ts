import { describe, expect, it } from 'vitest';
import { marginSpacing } from './marginlayout';

describe('margin spacing', () => {
  it('moves each note down to its highlight', () => {
    // Three notes 40 px tall stacked from 0; highlights at 100, 300 and 310.
    expect(marginSpacing([0, 40, 80], [100, 300, 310])).toEqual([100, 160, 0]);
  });
  it('never pulls a note up past the ones before it', () => {
    expect(marginSpacing([0, 50, 100], [0, 10, 20])).toEqual([0, 0, 0]);
  });
  it('leaves a note without a drawn highlight where the list puts it', () => {
    expect(marginSpacing([0, 40, 80], [200, null, 500])).toEqual([200, 0, 220]);
  });
});
