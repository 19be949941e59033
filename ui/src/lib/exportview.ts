// The Timeline's current view as a file: the same shapes the screen shows (lane names
// included, drawn as text instead of links), written as SVG, or painted on a canvas at twice
// the size for PNG.

import { paint, shapes, toSvg, type Palette, type View } from './timelinedraw';

export function svgOfView(view: View, palette: Palette): string {
  return toSvg(shapes({ ...view, labels: true, focused: null }), palette, view.width, view.height);
}

export async function pngOfView(view: View, palette: Palette, ratio = 2): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(view.width * ratio);
  canvas.height = Math.round(view.height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas to draw the PNG on');
  ctx.scale(ratio, ratio);
  paint(ctx, shapes({ ...view, labels: true, focused: null }), palette);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (!blob) throw new Error('the PNG could not be made');
  return new Uint8Array(await blob.arrayBuffer());
}
