import { describe, expect, it } from 'vitest';
import { AXIS_H, LANE_PAD, ROW_H, hitTest, layout, shapes } from './timelinedraw';
import { dayOf, x } from './timescale';
import { redAid as lane, view } from './fixtures/timeline';

describe('hit testing and drawing', () => {
  const v = view(0, [lane]);
  const px = (year: number) => 260 + x(v.scale, dayOf(year));
  it('finds the bar and the mark under the pointer, and nothing elsewhere', () => {
    expect(hitTest(v, px(1930), AXIS_H + LANE_PAD + ROW_H / 2)).toMatchObject({ kind: 'bar', index: 0, lane: 0 });
    const markY = AXIS_H + LANE_PAD + ROW_H + 6;
    expect(hitTest(v, px(1928) + 3, markY)).toMatchObject({ kind: 'mark', index: 0 });
    expect(hitTest(v, px(1924), AXIS_H + LANE_PAD + ROW_H / 2)).toBeNull();
    expect(hitTest(v, 100, AXIS_H + 10), 'the name column').toBeNull();
  });
  it('finds lanes after scrolling', () => {
    const lanes = Array.from({ length: 10 }, (_, i) => ({ ...lane, id: `l${i}` }));
    const tops = layout(lanes).tops;
    const scrolled = { ...view(tops[5], lanes) };
    expect(hitTest(scrolled, px(1930), AXIS_H + LANE_PAD + ROW_H / 2)).toMatchObject({ lane: 5, kind: 'bar' });
  });
  it('marks the focused bar and clips bars to the chart', () => {
    const list = shapes({ ...v, focused: 'organization:ira/bar/0' });
    expect(list.some((s) => s.t === 'rect' && s.paint === 'focusRing')).toBe(true);
    expect(list.filter((s) => s.t === 'clip').length).toBe(list.filter((s) => s.t === 'unclip').length);
  });
});
