/**
 * A saved chart carries its title: a band above the chart with the title the card shows, on white.
 * The chart itself is drawn afresh for the file (see Chart.svelte), so nothing of the pointer's
 * hover — tooltip, highlighted series, axis pointer — ends up in the image.
 */

/** Height of the title band, in CSS pixels. */
export const TITLE_BAND = 40;
const TITLE_SIZE = 16;
const TITLE_X = 16;
const TITLE_COLOR = '#0f172a';

function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * An SVG document of `chartSvg` (an ECharts SVG of `width` × `height`) under a title band. The
 * title is an escaped text node: a channel or scenario name in it can never become markup.
 */
export function titledSvg(chartSvg: string, title: string, width: number, height: number, fontFamily: string): string {
  const total = height + TITLE_BAND;
  const inner = chartSvg.replace(/^\s*<\?xml[^>]*>\s*/, '');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    `<rect width="${width}" height="${total}" fill="#ffffff"/>` +
    `<text x="${TITLE_X}" y="${TITLE_BAND / 2}" dominant-baseline="central" font-family="${xmlText(fontFamily)}" font-size="${TITLE_SIZE}" font-weight="600" fill="${TITLE_COLOR}">${xmlText(title)}</text>` +
    `<g transform="translate(0 ${TITLE_BAND})">${inner}</g>` +
    '</svg>'
  );
}

/** The title cut to fit `maxWidth` (with an ellipsis), as `measure` measures text. */
export function fitTitle(title: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(title) <= maxWidth) return title;
  const chars = [...title];
  while (chars.length > 1 && measure(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** A PNG data URL of `chart` (a canvas at `pixelRatio`) under a title band, on white. */
export function titledPng(chart: HTMLCanvasElement, title: string, pixelRatio: number, fontFamily: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = chart.width;
  canvas.height = chart.height + TITLE_BAND * pixelRatio;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = `600 ${TITLE_SIZE * pixelRatio}px ${fontFamily}`;
  ctx.fillStyle = TITLE_COLOR;
  ctx.textBaseline = 'middle';
  const text = fitTitle(title, canvas.width - 2 * TITLE_X * pixelRatio, (s) => ctx.measureText(s).width);
  ctx.fillText(text, TITLE_X * pixelRatio, (TITLE_BAND / 2) * pixelRatio);
  ctx.drawImage(chart, 0, TITLE_BAND * pixelRatio);
  return canvas.toDataURL('image/png');
}
