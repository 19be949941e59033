import { describe, expect, it } from 'vitest';
import { FADE_DAYS, dayOf, pan, spoken, ticks, x, zoom, extentOf, tenureEnds } from './timescale';

describe('the time axis', () => {
  it('counts days from 1970 as the core does', () => {
    expect(dayOf(1970)).toBe(0);
    expect(dayOf(1970, 2)).toBe(31);
    expect(dayOf(1922)).toBe(-17532);
  });
  it('maps days to pixels linearly', () => {
    const s = { start: dayOf(1920), end: dayOf(1940), width: 1000 };
    expect(x(s, dayOf(1920))).toBe(0);
    expect(Math.round(x(s, dayOf(1930)))).toBe(500);
  });
  it('adapts ticks from decades to years to months as one zooms in', () => {
    const century = ticks({ start: dayOf(1880), end: dayOf(1980), width: 800 });
    expect(century.every((t) => Number(t.label) % 10 === 0)).toBe(true);
    const decade = ticks({ start: dayOf(1920), end: dayOf(1930), width: 1000 });
    expect(decade.map((t) => t.label)).toEqual(['1920', '1921', '1922', '1923', '1924', '1925', '1926', '1927', '1928', '1929']);
    const year = ticks({ start: dayOf(1922), end: dayOf(1923), width: 1000 });
    expect(year.map((t) => t.label)).toEqual(['1922', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  });
  it('zooms around an anchor and pans by a fraction', () => {
    const s = { start: 0, end: 1000, width: 500 };
    const z = zoom(s, 0.5, 500);
    expect([z.start, z.end]).toEqual([250, 750]);
    expect(zoom(s, 0.0001, 0).end - zoom(s, 0.0001, 0).start).toBe(31);
    expect(pan(s, -0.1)).toMatchObject({ start: -100, end: 900 });
  });
  it('says a partial date at its own precision', () => {
    expect(spoken('1922')).toBe('1922');
    expect(spoken('1922-12')).toBe('December 1922');
    expect(spoken('1921-09-12')).toBe('12 September 1921');
    expect(spoken(null)).toBe('date not given');
  });
});

describe('extentOf', () => {
  const lane = (start: number | null, end: number | null, bars: [number | null, number | null][]) => ({
    span: { start, end },
    bars: bars.map(([s, e]) => ({ days: { start: s, end: e } })),
  });
  it('covers every known start and end with a year either side', () => {
    const e = extentOf([lane(dayOf(1922), null, [[dayOf(1925), dayOf(1937)]]), lane(null, null, [[null, dayOf(1940)]])]);
    expect(e).toEqual({ start: dayOf(1922) - 365, end: dayOf(1940) + 365 });
  });
  it('reaches as far as an unknown end fades', () => {
    const e = extentOf([lane(null, null, [[dayOf(1899, 6), null]])]);
    expect(e).toEqual({ start: dayOf(1899, 6) - 365, end: dayOf(1899, 6) + FADE_DAYS + 365 });
  });
  it('takes the period asked for, and a default when nothing is dated', () => {
    expect(extentOf([lane(null, null, [])], 1924, 1928)).toEqual({ start: dayOf(1924), end: dayOf(1929) });
    expect(extentOf([])).toEqual({ start: dayOf(1880), end: dayOf(1990) });
  });
});

describe('tenureEnds', () => {
  it('says each end at its precision, or why it is missing', () => {
    expect(tenureEnds({ from: '1925', to: '1927-03', until_dissolution: false })).toEqual({ from: '1925', to: 'March 1927' });
    expect(tenureEnds({ from: null, to: null, until_dissolution: true })).toEqual({ from: 'start not given', to: 'the dissolution' });
    expect(tenureEnds({ from: '1921', to: null, until_dissolution: true }, 'its dissolution').to).toBe('its dissolution');
    expect(tenureEnds({ from: '1921', to: null, until_dissolution: false }).to).toBe('end not known');
  });
});
