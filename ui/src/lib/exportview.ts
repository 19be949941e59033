// The Timeline's current view as a file: the axis and the lanes in view, with the colours
// and fonts the theme gives them written into the SVG so it looks the same anywhere; PNG is
// that SVG drawn on a canvas at twice the size.

/** Properties copied from the computed style into each element of the export. */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'font-family',
  'font-size',
  'font-weight',
  'opacity',
  'text-decoration',
] as const;

const NS = 'http://www.w3.org/2000/svg';

/** Copies `from`'s computed paint onto `to` as presentation attributes, down both trees. */
function inline(from: Element, to: Element) {
  const style = getComputedStyle(from);
  for (const p of PAINT) {
    const v = style.getPropertyValue(p);
    if (v) to.setAttribute(p, v);
  }
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) inline(a[i], b[i]);
}

/** Elements the export leaves out: interactive affordances and hover titles. */
function strip(el: Element) {
  el.querySelectorAll('title, .fold').forEach((n) => n.remove());
  el.querySelectorAll('[tabindex]').forEach((n) => n.removeAttribute('tabindex'));
}

/**
 * A standalone SVG of what `chart` shows: its axis (`svg.axis`) and the part of the lanes
 * (`[data-testid=timeline-svg]`) inside its scroller.
 */
export function svgOfView(chart: HTMLElement, background: string): string {
  const axis = chart.querySelector<SVGSVGElement>('svg.axis');
  const lanes = chart.querySelector<SVGSVGElement>('[data-testid="timeline-svg"]');
  const scroller = lanes?.parentElement;
  if (!axis || !lanes || !scroller) throw new Error('no timeline to export');
  const width = Number(lanes.getAttribute('width'));
  const axisH = Number(axis.getAttribute('height'));
  const viewH = Math.min(scroller.clientHeight || Number(lanes.getAttribute('height')), Number(lanes.getAttribute('height')));
  const out = document.createElementNS(NS, 'svg');
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(axisH + viewH));
  out.setAttribute('viewBox', `0 0 ${width} ${axisH + viewH}`);
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  out.appendChild(bg);
  const axisCopy = axis.cloneNode(true) as SVGSVGElement;
  inline(axis, axisCopy);
  out.appendChild(axisCopy);
  const view = document.createElementNS(NS, 'svg');
  view.setAttribute('y', String(axisH));
  view.setAttribute('width', String(width));
  view.setAttribute('height', String(viewH));
  view.setAttribute('viewBox', `0 ${scroller.scrollTop} ${width} ${viewH}`);
  const lanesCopy = lanes.cloneNode(true) as SVGSVGElement;
  inline(lanes, lanesCopy);
  for (const child of [...lanesCopy.childNodes]) view.appendChild(child);
  out.appendChild(view);
  strip(out);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}`;
}

/** The SVG drawn at `ratio` times its size, as PNG bytes. */
export async function pngOfSvg(svg: string, width: number, height: number, ratio = 2): Promise<Uint8Array> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas to draw the PNG on');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (!blob) throw new Error('the PNG could not be made');
  return new Uint8Array(await blob.arrayBuffer());
}
