// Drawing a Timeline: where each lane, bar and mark goes at a given scale and scroll (the
// layout), what is under a point (hit testing), and the picture itself as a list of shapes
// that one painter puts on a canvas and another writes as SVG. Pure functions of the core's
// Timeline: the chart component only wires them to the screen.

import type { Bar, Lane, Mark } from './api';
import { FADE_DAYS, dayOf, ticks, x, type Scale } from './timescale';

export const ROW_H = 18;
export const LANE_PAD = 8;
export const MARK_ROW = 14;
export const AXIS_H = 28;

export const laneHeight = (l: Lane) => LANE_PAD * 2 + Math.max(1, l.rows) * ROW_H + (l.marks.length ? MARK_ROW : 0);

/** Each lane's top (below the axis, before scrolling) and the height of them all. */
export function layout(lanes: readonly Lane[]): { tops: number[]; total: number } {
  let y = 0;
  const tops = lanes.map((l) => {
    const top = y;
    y += laneHeight(l);
    return top;
  });
  return { tops, total: y };
}

/** The lanes that overlap `[top, top + height)` of the lanes' own coordinates. */
export function lanesIn(lanes: readonly Lane[], tops: readonly number[], top: number, height: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < lanes.length; i++) {
    if (tops[i] + laneHeight(lanes[i]) < top) continue;
    if (tops[i] > top + height) break;
    out.push(i);
  }
  return out;
}

/** Whether the sources give no end at all: neither a date nor the organization's dissolution. */
export const endUnknown = (b: Bar) => b.days.end === null;

/** The day an unknown end is drawn to: a fade over `FADE_DAYS` after the last date the sources
 *  give (the start), never past the person's death or the organization's end. `null` when
 *  nothing bounds it (no start, death or dissolution): it fades across the view. */
export function fadeEnd(b: Bar, start: number | null): number | null {
  const bounds = [start === null ? null : start + FADE_DAYS, b.person_span.end, b.organization_span.end];
  const known = bounds.filter((d): d is number => d !== null);
  return known.length ? Math.min(...known) : null;
}

/** A bar's pixel extent. A start the sources do not give is drawn (open) from the
 *  organization's founding, or the view's edge; an end they do not give as far as `fadeEnd`. */
export function extent(b: Bar, lane: Lane, scale: Scale): { x0: number; x1: number } {
  const start = b.days.start ?? b.organization_span.start ?? (lane.kind === 'organization' ? lane.span.start : null);
  const end = b.days.end ?? fadeEnd(b, start);
  const x1 = end === null ? scale.width + 20 : x(scale, end);
  // An open start at the view's edge, unless the bar ended before it.
  const x0 = start === null ? Math.min(-20, x1 - 2) : x(scale, start);
  return { x0, x1: Math.max(x1, x0 + 2) };
}

/** Where a bar's end date begins: past it the end is uncertain (`1927` is any day of 1927).
 *  An unknown end is uncertain from the start. */
export function certainEnd(b: Bar, e: { x0: number; x1: number }, scale: Scale): number {
  if (endUnknown(b)) return e.x0;
  if (!b.to) return e.x1;
  const [y, m, d] = b.to.split('-').map(Number);
  return d ? e.x1 : Math.max(e.x0 + 2, x(scale, dayOf(y, m || 1)));
}

/** The name as far as it fits between `x0` and `x1` (about 6 px a character), else nothing. */
export function fit(name: string, x0: number, x1: number, width: number): string {
  const room = Math.floor((Math.min(x1, width) - Math.max(x0, 0) - 8) / 6);
  if (room < 3) return '';
  return name.length <= room ? name : `${name.slice(0, room - 1)}…`;
}

export const barLabel = (b: Bar, lane: Lane) => (lane.kind === 'person' ? `${b.organization.name}, ${b.role}` : b.person.name);
const markY = (lane: Lane) => LANE_PAD + Math.max(1, lane.rows) * ROW_H + 6;

/** What is drawn with what paint; the palette turns a paint into colours. */
export type Paint =
  | 'background'
  | 'grid'
  | 'gridMajor'
  | 'axisText'
  | 'laneOdd'
  | 'laneName'
  | 'laneNameTop'
  | 'span'
  | 'spanOpen'
  | 'bar'
  | 'barOpen'
  | 'barUncertain'
  | 'barFade'
  | 'barText'
  | 'barTextFade'
  | 'mark'
  | 'focus'
  | 'focusRing';

export type Shape =
  | { t: 'rect'; x: number; y: number; w: number; h: number; paint: Paint }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; paint: Paint }
  /** `max`: the width the text must fit in, cut with `…` by the painter that can measure. */
  | { t: 'text'; x: number; y: number; s: string; paint: Paint; max?: number }
  | { t: 'diamond'; x: number; y: number; r: number; paint: Paint }
  /** A rectangle whose paint fades from `from` (times its alpha) at the left to `to` at the right. */
  | { t: 'fade'; x: number; y: number; w: number; h: number; paint: Paint; from: number; to: number }
  /** Shapes up to the next `unclip` are cut to this rectangle. */
  | { t: 'clip'; x: number; y: number; w: number; h: number }
  | { t: 'unclip' };

export type Style = { fill?: string; stroke?: string; width?: number; dash?: number[]; font?: string; alpha?: number };
export type Palette = Record<Paint, Style>;

/** Which item has the focus ring: `lane/bar/3` or `lane/mark/0`. */
export type ItemKey = string;
export const itemKey = (lane: Lane, kind: 'bar' | 'mark', i: number): ItemKey => `${lane.kind}:${lane.id}/${kind}/${i}`;

export type View = {
  lanes: readonly Lane[];
  tops: readonly number[];
  scale: Scale;
  /** The whole width, label column included. */
  width: number;
  labelWidth: number;
  /** Scroll offset of the lanes and the height shown (axis included). */
  scrollTop: number;
  height: number;
  focused?: ItemKey | null;
  /** Also draw the lanes' names (the screen shows them as links instead). */
  labels?: boolean;
};

/** The picture of `view`, back to front. */
export function shapes(v: View): Shape[] {
  const out: Shape[] = [{ t: 'rect', x: 0, y: 0, w: v.width, h: v.height, paint: 'background' }];
  const left = v.labelWidth;
  const inView = (x0: number, x1: number) => x1 >= -20 && x0 <= v.scale.width + 20;
  const axis = ticks(v.scale);
  const clip = (px: number) => Math.max(-20, Math.min(v.scale.width + 20, px));
  // The grid first: bars, marks and their names are drawn over it.
  for (const t of axis) {
    const px = left + x(v.scale, t.day);
    if (px < left) continue;
    out.push({ t: 'line', x1: px, y1: AXIS_H - 6, x2: px, y2: v.height, paint: t.major ? 'gridMajor' : 'grid' });
  }
  for (const i of lanesIn(v.lanes, v.tops, v.scrollTop, v.height - AXIS_H)) {
    const lane = v.lanes[i];
    const top = AXIS_H + v.tops[i] - v.scrollTop;
    const h = laneHeight(lane);
    if (i % 2 === 1) out.push({ t: 'rect', x: 0, y: top, w: v.width, h, paint: 'laneOdd' });
    if (v.labels) {
      const name = lane.name.length > 34 - lane.depth * 2 ? `${lane.name.slice(0, 32 - lane.depth * 2)}…` : lane.name;
      out.push({ t: 'text', x: 10 + lane.depth * 14, y: top + LANE_PAD + 12, s: name, paint: lane.depth === 0 ? 'laneNameTop' : 'laneName' });
    }
    out.push({ t: 'clip', x: left, y: Math.max(top, AXIS_H), w: v.scale.width, h });
    if (lane.span.start !== null || lane.span.end !== null) {
      const s0 = clip(lane.span.start === null ? -20 : x(v.scale, lane.span.start));
      const s1 = clip(lane.span.end === null ? v.scale.width + 20 : x(v.scale, lane.span.end));
      if (s1 > -20 && s0 < v.scale.width + 20)
        out.push({
          t: 'rect',
          x: left + s0,
          y: top + LANE_PAD - 3,
          w: Math.max(2, s1 - s0),
          h: h - 2 * LANE_PAD + 6,
          paint: lane.span.end === null ? 'spanOpen' : 'span',
        });
    }
    lane.bars.forEach((b, bi) => {
      const e = extent(b, lane, v.scale);
      if (!inView(e.x0, e.x1)) return;
      const y = top + LANE_PAD + b.row * ROW_H;
      const x0 = clip(e.x0);
      const tx = Math.max(e.x0, 0) + 4;
      if (endUnknown(b)) {
        // No end given: the bar fades out from its start, so no end can be read off it. Its
        // name, in ink, may run past the fade (the row is its own from there on).
        out.push(fadeOf(e, x0, clip(e.x1), left, y));
        const label = e.x1 > 0 ? fit(barLabel(b, lane), e.x0, v.scale.width, v.scale.width) : '';
        if (label) out.push({ t: 'text', x: left + tx, y: y + 11, s: label, paint: 'barTextFade', max: v.scale.width - tx - 4 });
      } else {
        const solid = certainEnd(b, e, v.scale);
        if (e.x1 > solid) out.push({ t: 'rect', x: left + solid, y, w: clip(e.x1) - solid, h: ROW_H - 3, paint: 'barUncertain' });
        out.push({ t: 'rect', x: left + x0, y, w: Math.max(2, clip(solid) - x0), h: ROW_H - 3, paint: b.days.start === null ? 'barOpen' : 'bar' });
        const label = fit(barLabel(b, lane), e.x0, solid, v.scale.width);
        if (label) out.push({ t: 'text', x: left + tx, y: y + 11, s: label, paint: 'barText', max: Math.min(solid, v.scale.width) - tx - 4 });
      }
      if (v.focused === itemKey(lane, 'bar', bi))
        out.push({ t: 'rect', x: left + x0, y, w: Math.max(2, clip(e.x1) - x0), h: ROW_H - 3, paint: 'focusRing' });
    });
    const my = top + markY(lane);
    lane.marks.forEach((m, mi) => {
      const mx = x(v.scale, m.days.start ?? 0);
      if (!inView(mx, mx)) return;
      const focused = v.focused === itemKey(lane, 'mark', mi);
      out.push({ t: 'diamond', x: left + mx, y: my, r: focused ? 7 : 5, paint: focused ? 'focus' : 'mark' });
    });
    out.push({ t: 'unclip' });
  }
  // The axis on top of everything.
  out.push({ t: 'rect', x: 0, y: 0, w: v.width, h: AXIS_H - 6, paint: 'background' });
  for (const t of axis) {
    const px = left + x(v.scale, t.day);
    if (px >= left) out.push({ t: 'text', x: px + 3, y: AXIS_H - 10, s: t.label, paint: 'axisText' });
  }
  return out;
}

/** The fading bar of an unknown end `e`, drawn from `x0` to `x1` (`e` cut to the view): full at
 *  `e.x0`, gone at `e.x1`. */
function fadeOf(e: { x0: number; x1: number }, x0: number, x1: number, left: number, y: number): Shape {
  const at = (px: number) => Math.max(0, Math.min(1, 1 - (px - e.x0) / (e.x1 - e.x0)));
  return { t: 'fade', x: left + x0, y, w: Math.max(2, x1 - x0), h: ROW_H - 3, paint: 'barFade', from: at(x0), to: at(x1) };
}

export type Hit = { lane: number; kind: 'bar' | 'mark'; index: number; x: number; y: number };

/** The bar or mark under `(px, py)` of the picture, with the point to show its card at. */
export function hitTest(v: View, px: number, py: number): Hit | null {
  if (px < v.labelWidth || py < AXIS_H) return null;
  const cx = px - v.labelWidth;
  const ly = py - AXIS_H + v.scrollTop;
  const [i] = lanesIn(v.lanes, v.tops, ly, 0);
  if (i === undefined) return null;
  const lane = v.lanes[i];
  const y = ly - v.tops[i];
  const my = markY(lane);
  if (lane.marks.length && Math.abs(y - my) <= 7) {
    let best = -1;
    let gap = 7;
    lane.marks.forEach((m, mi) => {
      const d = Math.abs(x(v.scale, m.days.start ?? 0) - cx);
      if (d <= gap) [best, gap] = [mi, d];
    });
    if (best >= 0) return { lane: i, kind: 'mark', index: best, x: x(v.scale, lane.marks[best].days.start ?? 0), y: v.tops[i] + my + 6 };
  }
  const row = Math.floor((y - LANE_PAD) / ROW_H);
  for (let bi = lane.bars.length - 1; bi >= 0; bi--) {
    const b = lane.bars[bi];
    if (b.row !== row) continue;
    const e = extent(b, lane, v.scale);
    // A fading bar's name, which may run past it, finds it too.
    const reach = endUnknown(b) && e.x1 > 0 ? Math.max(e.x1, Math.max(e.x0, 0) + 8 + 6 * barLabel(b, lane).length) : e.x1;
    if (cx >= e.x0 && cx <= reach) return { lane: i, kind: 'bar', index: bi, x: Math.max(0, e.x0), y: v.tops[i] + LANE_PAD + (row + 1) * ROW_H };
  }
  return null;
}

/** Where a lane's bar or mark shows its card (in the lanes' coordinates). */
export function anchor(lane: Lane, top: number, kind: 'bar' | 'mark', item: Bar | Mark, scale: Scale): { x: number; y: number } {
  if (kind === 'mark') return { x: x(scale, (item as Mark).days.start ?? 0), y: top + markY(lane) + 6 };
  const b = item as Bar;
  return { x: Math.max(0, extent(b, lane, scale).x0), y: top + LANE_PAD + (b.row + 1) * ROW_H };
}

/** Puts the shapes on a canvas context, in CSS pixels. */
export function paint(ctx: CanvasRenderingContext2D, list: readonly Shape[], palette: Palette) {
  for (const s of list) {
    if (s.t === 'clip') {
      ctx.save();
      ctx.beginPath();
      ctx.rect(s.x, s.y, s.w, s.h);
      ctx.clip();
      continue;
    }
    if (s.t === 'unclip') {
      ctx.restore();
      continue;
    }
    const st = palette[s.paint];
    ctx.globalAlpha = st.alpha ?? 1;
    ctx.setLineDash(st.dash ?? []);
    if (st.width) ctx.lineWidth = st.width;
    if (s.t === 'text') {
      if (st.font) ctx.font = st.font;
      ctx.fillStyle = st.fill ?? '#000';
      ctx.fillText(s.max === undefined ? s.s : fitted(ctx, s.s, s.max), s.x, s.y);
      continue;
    }
    if (s.t === 'fade') {
      fade(ctx, s, st);
      continue;
    }
    ctx.beginPath();
    if (s.t === 'rect') ctx.rect(s.x, s.y, s.w, s.h);
    else if (s.t === 'line') {
      ctx.moveTo(s.x1 + 0.5, s.y1);
      ctx.lineTo(s.x2 + 0.5, s.y2);
    } else {
      ctx.moveTo(s.x, s.y - s.r);
      ctx.lineTo(s.x + s.r, s.y);
      ctx.lineTo(s.x, s.y + s.r);
      ctx.lineTo(s.x - s.r, s.y);
      ctx.closePath();
    }
    if (st.fill && s.t !== 'line') {
      ctx.fillStyle = st.fill;
      ctx.fill();
    }
    if (st.stroke) {
      ctx.strokeStyle = st.stroke;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

/** A fading rectangle: its fill and stroke as gradients from `from` to `to` of their colour. */
function fade(ctx: CanvasRenderingContext2D, s: Extract<Shape, { t: 'fade' }>, st: Style) {
  const ramp = (colour: string) => {
    const g = ctx.createLinearGradient(s.x, 0, s.x + s.w, 0);
    g.addColorStop(0, withAlpha(ctx, colour, s.from));
    g.addColorStop(1, withAlpha(ctx, colour, s.to));
    return g;
  };
  ctx.beginPath();
  ctx.rect(s.x, s.y, s.w, s.h);
  if (st.fill) {
    ctx.fillStyle = ramp(st.fill);
    ctx.fill();
  }
  if (st.stroke) {
    ctx.strokeStyle = ramp(st.stroke);
    ctx.stroke();
  }
}

/** A CSS colour with its alpha times `a`, as the context reads it (`#rrggbb` or `rgba(…)`). */
function withAlpha(ctx: CanvasRenderingContext2D, colour: string, a: number): string {
  ctx.fillStyle = colour;
  const c = String(ctx.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex)
    return `rgba(${hex
      .slice(1)
      .map((h) => parseInt(h, 16))
      .join(', ')}, ${a})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)(?:,([^)]+))?\)$/.exec(c);
  return rgba ? `rgba(${rgba[1]},${rgba[2]},${rgba[3]}, ${Number(rgba[4] ?? 1) * a})` : c;
}

/** `s` cut with `…` to fit in `max` pixels of the context's font ('' if not even 3 letters do). */
function fitted(ctx: CanvasRenderingContext2D, s: string, max: number): string {
  if (ctx.measureText(s).width <= max) return s;
  let n = s.length - 1;
  while (n >= 3 && ctx.measureText(`${s.slice(0, n)}…`).width > max) n--;
  return n >= 3 ? `${s.slice(0, n)}…` : '';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The shapes as a standalone SVG document of `width` × `height`. */
export function toSvg(list: readonly Shape[], palette: Palette, width: number, height: number): string {
  // A paint's attributes; a fading rectangle fills and strokes with gradients instead.
  const attrs = (p: Paint, fill = palette[p].fill ?? 'none', stroke = palette[p].stroke) => {
    const st = palette[p];
    const a = [`fill="${esc(fill)}"`];
    if (stroke) a.push(`stroke="${esc(stroke)}"`, `stroke-width="${st.width ?? 1}"`);
    if (st.dash?.length) a.push(`stroke-dasharray="${st.dash.join(' ')}"`);
    if (st.alpha !== undefined && st.alpha !== 1) a.push(`opacity="${st.alpha}"`);
    return a.join(' ');
  };
  let clips = 0;
  let fades = 0;
  // A fading rectangle: a gradient for its fill (and one for its stroke) from `from` to `to`.
  const fadeSvg = (s: Extract<Shape, { t: 'fade' }>) => {
    const st = palette[s.paint];
    const ramp = (id: string, colour: string) =>
      `<linearGradient id="${id}"><stop offset="0" stop-color="${esc(colour)}" stop-opacity="${s.from}"/><stop offset="1" stop-color="${esc(colour)}" stop-opacity="${s.to}"/></linearGradient>`;
    fades++;
    const defs = [st.fill ? ramp(`f${fades}`, st.fill) : '', st.stroke ? ramp(`s${fades}`, st.stroke) : ''].join('');
    const a = attrs(s.paint, st.fill ? `url(#f${fades})` : 'none', st.stroke && `url(#s${fades})`);
    return `<defs>${defs}</defs><rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" ${a}/>`;
  };
  const body = list.map((s) => {
    if (s.t === 'clip') {
      clips++;
      return `<clipPath id="c${clips}"><rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}"/></clipPath><g clip-path="url(#c${clips})">`;
    }
    if (s.t === 'unclip') return '</g>';
    if (s.t === 'fade') return fadeSvg(s);
    const a = attrs(s.paint);
    switch (s.t) {
      case 'rect':
        return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" ${a}/>`;
      case 'line':
        return `<line x1="${s.x1 + 0.5}" y1="${s.y1}" x2="${s.x2 + 0.5}" y2="${s.y2}" ${a}/>`;
      case 'diamond':
        return `<path d="M ${s.x} ${s.y - s.r} L ${s.x + s.r} ${s.y} L ${s.x} ${s.y + s.r} L ${s.x - s.r} ${s.y} Z" ${a}/>`;
      case 'text':
        return `<text x="${s.x}" y="${s.y}" style="font: ${esc(palette[s.paint].font ?? '11px sans-serif')}" ${a}>${esc(s.s)}</text>`;
    }
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${body.join('\n')}\n</svg>\n`;
}

/** The palette from the page's theme (its CSS custom properties), light or dark. */
export function paletteOf(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const ink = v('--ink', '#222');
  const muted = v('--muted', '#666');
  const rule = v('--rule', '#ddd');
  const accent = v('--accent', '#a33');
  const accentInk = v('--accent-ink', '#fff');
  const focus = v('--focus', '#06c');
  const bg = v('--bg', '#fff');
  const sans = v('--sans', 'sans-serif');
  return {
    background: { fill: bg },
    grid: { stroke: rule, width: 1 },
    gridMajor: { stroke: muted, width: 1, alpha: 0.5 },
    axisText: { fill: muted, font: `11px ${sans}` },
    laneOdd: { fill: rule, alpha: 0.25 },
    laneName: { fill: ink, font: `12px ${sans}` },
    laneNameTop: { fill: ink, font: `600 12px ${sans}` },
    span: { fill: accent, alpha: 0.09 },
    spanOpen: { fill: accent, alpha: 0.09, stroke: accent, width: 1, dash: [4, 3] },
    bar: { fill: accent, alpha: 0.85 },
    barOpen: { fill: accent, alpha: 0.5, stroke: accent, width: 1, dash: [3, 2] },
    barUncertain: { fill: accent, alpha: 0.3 },
    barFade: { fill: accent, alpha: 0.55, stroke: accent, width: 1, dash: [3, 2] },
    barText: { fill: accentInk, font: `10.5px ${sans}` },
    barTextFade: { fill: ink, font: `10.5px ${sans}` },
    mark: { fill: ink, alpha: 0.75 },
    focus: { fill: focus },
    focusRing: { stroke: focus, width: 2 },
  };
}
