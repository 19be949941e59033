import { describe, expect, it } from 'vitest';
import { AXIS_H, LANE_PAD, ROW_H, extent, hitTest, layout, paletteOf, shapes, toSvg } from './timelinedraw';
import { FADE_DAYS, dayOf, x } from './timescale';
import type { Bar, Lane } from './api';
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

describe('an end the sources do not give', () => {
  const v = view(0, [lane]);
  const stasova = lane.bars[0];
  // President from 1927, no end, in an organization with no dissolution; she died in 1966.
  const open = (o: Partial<Bar> = {}): Bar => ({
    ...stasova,
    to: null,
    days: { start: dayOf(1927), end: null },
    organization_span: { start: dayOf(1922), end: null },
    person_span: { start: dayOf(1883), end: dayOf(1967) },
    ...o,
  });
  const withBar = (b: Bar): Lane => ({ ...lane, bars: [b] });
  const end = (b: Bar) => extent(b, withBar(b), v.scale).x1;
  it('fades out over a few years after its start when neither death nor dissolution bounds it sooner', () => {
    expect(end(open())).toBeCloseTo(x(v.scale, dayOf(1927) + FADE_DAYS));
    expect(end(open({ person_span: { start: null, end: null } }))).toBeCloseTo(x(v.scale, dayOf(1927) + FADE_DAYS));
    expect(end(open())).toBeLessThan(v.scale.width);
  });
  it('ends no later than the person’s death', () => {
    const b = open({ person_span: { start: dayOf(1883), end: dayOf(1929) } });
    expect(end(b)).toBeCloseTo(x(v.scale, dayOf(1929)));
  });
  it('ends no later than the organization’s dissolution', () => {
    const b = open({ organization_span: { start: dayOf(1922), end: dayOf(1930) } });
    expect(end(b)).toBeCloseTo(x(v.scale, dayOf(1930)));
    const both = open({ organization_span: { start: dayOf(1922), end: dayOf(1930) }, person_span: { start: null, end: dayOf(1929, 7) } });
    expect(end(both), 'the earlier of the two').toBeCloseTo(x(v.scale, dayOf(1929, 7)));
  });
  it('with no start, runs from the view’s edge, and not at all when the person died before the view', () => {
    const undated = open({ from: null, days: { start: null, end: null }, organization_span: { start: null, end: null } });
    const undatedLane = (b: Bar): Lane => ({ ...withBar(b), span: { start: null, end: null } });
    expect(extent(undated, undatedLane(undated), v.scale)).toEqual({ x0: -20, x1: x(v.scale, dayOf(1967)) });
    const gone = view(0, [undatedLane({ ...undated, person_span: { start: null, end: dayOf(1798) } })]);
    expect(shapes(gone).some((s) => s.t === 'fade' || (s.t === 'text' && s.s === 'Elena Stasova'))).toBe(false);
    expect(hitTest(gone, 262, AXIS_H + LANE_PAD + ROW_H / 2)).toBeNull();
  });
  it('leaves a known end as it was', () => {
    // Stasova to 1937 (drawn to the end of 1937), whatever the life and fade would say.
    const known = { ...stasova, person_span: { start: null, end: dayOf(1929) } };
    expect(end(known)).toBeCloseTo(x(v.scale, dayOf(1938)));
    const list = shapes(view(0, [withBar(known)]));
    expect(list.some((s) => s.t === 'fade')).toBe(false);
    expect(list.some((s) => s.t === 'rect' && s.paint === 'bar')).toBe(true);
  });
  it('is drawn fading to nothing, with its name in ink, and found under its name', () => {
    const faded = view(0, [withBar(open())]);
    const list = shapes(faded);
    const fade = list.find((s) => s.t === 'fade');
    expect(fade).toMatchObject({ paint: 'barFade', from: 1, to: 0 });
    expect(list.some((s) => s.t === 'rect' && (s.paint === 'bar' || s.paint === 'barOpen'))).toBe(false);
    expect(list.find((s) => s.t === 'text' && s.s === 'Elena Stasova')).toMatchObject({ paint: 'barTextFade' });
    const y = AXIS_H + LANE_PAD + ROW_H / 2;
    expect(hitTest(faded, 260 + x(v.scale, dayOf(1928)), y)).toMatchObject({ kind: 'bar' });
    expect(hitTest(faded, 260 + x(v.scale, dayOf(1938)), y), 'past the fade and the name').toBeNull();
    const svg = toSvg(list, paletteOf(document.documentElement), 960, 300);
    expect(svg).toMatch(/<linearGradient id="f1">.*stop-opacity="1".*stop-opacity="0"/);
  });
  it('cut by the view, fades on from the share left where the view begins', () => {
    const late = { ...view(0, [withBar(open())]), scale: { start: dayOf(1930), end: dayOf(1940), width: 700 } };
    const fade = shapes(late).find((s) => s.t === 'fade');
    if (fade?.t !== 'fade') throw new Error('no fade');
    // Three of its five years are gone at the view's left edge (x = 260).
    const atEdge = fade.from + ((fade.to - fade.from) * (260 - fade.x)) / fade.w;
    expect(atEdge).toBeCloseTo(1 - (dayOf(1930) - dayOf(1927)) / FADE_DAYS, 2);
  });
});
