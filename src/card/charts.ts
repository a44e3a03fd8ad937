/**
 * The card's two charts as small hand-drawn SVG (a chart library would be most of the file's size).
 * They are drawn at the width they are shown at, so labels keep their size on a phone.
 */
import { dateTimeFormat } from '../i18n/format';
import { s } from './dom';
import type { MixRow, MonthlySeries } from './model';

const REVENUE = '#2563eb';
const CONTRIBUTION = '#16a34a';
const SPEND = '#f59e0b';
const AXIS = '#94a3b8';
const GRID = '#e2e8f0';

/** About five round steps covering [min, max] (and 0). */
function ticks(min: number, max: number): number[] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  if (hi === lo) return [0];
  const raw = (hi - lo) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((k) => k >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
  return out;
}

/** Net revenue as bars and contribution as a line, per month. */
export function monthlyChart(series: MonthlySeries, width: number, locale: string, money: (v: number) => string, labels: { revenue: string; contribution: string }): SVGElement {
  const height = 240;
  const left = 64;
  const right = 10;
  const top = 12;
  const bottom = 38;
  const n = series.months.length;
  const all = [...series.netRevenue, ...series.contribution];
  const ys = ticks(Math.min(...all), Math.max(...all));
  const y0 = ys[0];
  const y1 = ys[ys.length - 1];
  const plotH = height - top - bottom;
  const plotW = Math.max(40, width - left - right);
  const y = (v: number): number => top + plotH - ((v - y0) / (y1 - y0 || 1)) * plotH;
  const slot = plotW / n;
  const x = (i: number): number => left + slot * (i + 0.5);

  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart' });
  svg.append(s('title', {}, `${labels.revenue} · ${labels.contribution}`));
  for (const v of ys) {
    svg.append(s('line', { x1: left, x2: left + plotW, y1: y(v), y2: y(v), stroke: v === 0 ? AXIS : GRID, 'stroke-width': 1 }));
    svg.append(s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, money(v)));
  }
  const barW = Math.max(1, Math.min(28, slot * 0.62));
  series.netRevenue.forEach((v, i) => {
    const top_ = Math.min(y(v), y(0));
    const bar = s('rect', { x: x(i) - barW / 2, y: top_, width: barW, height: Math.max(0.5, Math.abs(y(v) - y(0))), fill: REVENUE, rx: 1.5, opacity: 0.85 });
    bar.append(s('title', {}, `${series.months[i]} · ${labels.revenue}: ${money(v)}`));
    svg.append(bar);
  });
  const points = series.contribution.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  svg.append(s('polyline', { points, fill: 'none', stroke: CONTRIBUTION, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }));
  if (n <= 36) {
    series.contribution.forEach((v, i) => {
      const dot = s('circle', { cx: x(i), cy: y(v), r: 2.6, fill: CONTRIBUTION });
      dot.append(s('title', {}, `${series.months[i]} · ${labels.contribution}: ${money(v)}`));
      svg.append(dot);
    });
  }
  // Month labels: as many as fit (about 44 px each), the year under every January and the first month.
  const every = Math.max(1, Math.ceil(44 / slot));
  const monthName = dateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  series.months.forEach((key, i) => {
    const [yy, mm] = key.split('-').map(Number);
    const date = Date.UTC(yy, mm - 1, 1);
    if (i % every === 0) svg.append(s('text', { x: x(i), y: height - bottom + 15, 'text-anchor': 'middle', class: 'tick' }, monthName.format(date)));
    if (i === 0 || (mm === 1 && i % every === 0)) svg.append(s('text', { x: x(i), y: height - bottom + 30, 'text-anchor': 'middle', class: 'tick year' }, String(yy)));
  });
  return svg;
}

/** Characters of a name that fit in `px` at the label size (CJK characters are about twice as wide). */
function fit(name: string, px: number): string {
  let w = 0;
  let out = '';
  for (const ch of name) {
    const cw = /[\u2e80-\uffff]/.test(ch) ? 12.5 : 7;
    if (w + cw > px) return `${out}…`;
    w += cw;
    out += ch;
  }
  return out;
}

/** Per channel, two bars: share of spend and share of net revenue. */
export function mixChart(rows: MixRow[], width: number, percent: (v: number) => string, otherName: (count: number) => string, labels: { spend: string; revenue: string }): SVGElement {
  const rowH = 34;
  const top = 4;
  const height = top + rows.length * rowH + 4;
  const labelW = Math.min(190, Math.max(96, width * 0.34));
  const valueW = 46;
  const plotW = Math.max(30, width - labelW - valueW - 8);
  const max = Math.max(0.0001, ...rows.map((r) => Math.max(r.spendShare, r.revenueShare)));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart' });
  svg.append(s('title', {}, `${labels.spend} · ${labels.revenue}`));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const name = r.others > 0 ? otherName(r.others) : r.name;
    const g = s('g', {});
    g.append(s('title', {}, `${name} · ${labels.spend}: ${percent(r.spendShare)} · ${labels.revenue}: ${percent(r.revenueShare)}`));
    g.append(s('rect', { x: 0, y: y + 9, width: 9, height: 9, rx: 2, fill: r.color }));
    g.append(s('text', { x: 14, y: y + 18, class: 'label' }, fit(name, labelW - 20)));
    const bar = (share: number, dy: number, fill: string): void => {
      const w = (share / max) * plotW;
      g.append(s('rect', { x: labelW, y: y + dy, width: Math.max(w, share > 0 ? 1 : 0), height: 11, rx: 2, fill }));
      g.append(s('text', { x: labelW + w + 5, y: y + dy + 9.5, class: 'tick' }, percent(share)));
    };
    bar(r.spendShare, 4, SPEND);
    bar(r.revenueShare, 17, REVENUE);
    svg.append(g);
  });
  svg.append(s('line', { x1: labelW, x2: labelW, y1: top, y2: height - 4, stroke: AXIS, 'stroke-width': 1 }));
  return svg;
}
