/**
 * The printed page of the report: paper size and orientation as an @page rule, a running header
 * (plan name, date, page number) in the page margins, and charts drawn at the width of the page.
 *
 * Charts are canvases drawn at the width they had on screen. Printing lays the page out again at
 * paper width, but a canvas does not redraw itself, so a chart drawn for a wide window would run
 * off the right edge of the paper. The report therefore redraws every chart at the printable width
 * before printing (beforeprint, and the print media query for browsers that only signal that) and
 * back at the window's width afterwards.
 */
import { echarts } from '../charts/echarts';

export type Orientation = 'portrait' | 'landscape';
export const ORIENTATIONS: readonly Orientation[] = ['portrait', 'landscape'];

/** A4 in millimetres and the page margins the report prints with. */
const A4 = { short: 210, long: 297 };
export const PAGE_MARGIN_MM = { top: 16, side: 12, bottom: 14 };
const PX_PER_MM = 96 / 25.4;

/** Width of the printable area of an A4 page, in CSS pixels. */
export function printableWidthPx(o: Orientation): number {
  const paper = o === 'portrait' ? A4.short : A4.long;
  return Math.floor((paper - 2 * PAGE_MARGIN_MM.side) * PX_PER_MM);
}

/** Height of the printable area of an A4 page, in CSS pixels. */
export function printableHeightPx(o: Orientation): number {
  const paper = o === 'portrait' ? A4.long : A4.short;
  return Math.floor((paper - PAGE_MARGIN_MM.top - PAGE_MARGIN_MM.bottom) * PX_PER_MM);
}

/** A CSS string literal: the plan name is user text and must not end the string or the rule. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

export interface RunningHeader {
  title: string;
  date: string;
}

/** The @page rules for one orientation, with the running header in the top margin. */
export function pageCss(o: Orientation, header: RunningHeader): string {
  const m = PAGE_MARGIN_MM;
  const box = 'font: 8pt system-ui, sans-serif; color: #64748b;';
  return `@page {
  size: A4 ${o};
  margin: ${m.top}mm ${m.side}mm ${m.bottom}mm;
  @top-left { content: ${cssString(header.title)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(header.date)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: counter(page) " / " counter(pages); ${box} }
}`;
}

/**
 * Keeps one <style> element in the document head with the report's page rules while the report is
 * shown; other views print with the browser's defaults. Returns the function that removes it.
 */
export function installPageStyle(): { update(css: string): void; remove(): void } {
  const el = document.createElement('style');
  el.dataset.reportPage = '';
  document.head.append(el);
  return {
    update: (css) => {
      el.textContent = css;
    },
    remove: () => el.remove(),
  };
}

/** Every ECharts instance inside `root`. */
function chartsIn(root: HTMLElement): ReturnType<typeof echarts.init>[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[_echarts_instance_]')).flatMap((el) => echarts.getInstanceByDom(el) ?? []);
}

/**
 * Redraws the charts in `root` at `width` CSS pixels (for print), or at their container's width
 * again when `width` is null. Painted at once, without animation: ECharts would otherwise paint in
 * the next animation frame, and printing does not wait for one (the page would print the canvas as
 * it was drawn for the window).
 */
export function sizeChartsTo(root: HTMLElement, width: number | null): void {
  for (const chart of chartsIn(root)) {
    chart.resize({ width: width ?? 'auto', animation: { duration: 0 } });
    chart.getZr().refreshImmediately();
  }
}

/**
 * Calls `onPrint(true)` before the page is printed and `onPrint(false)` after. Both browser
 * signals are listened to; a repeated call with the same value does nothing.
 */
export function watchPrinting(onPrint: (printing: boolean) => void): () => void {
  let state = false;
  const set = (printing: boolean): void => {
    if (printing === state) return;
    state = printing;
    onPrint(printing);
  };
  const before = (): void => set(true);
  const after = (): void => set(false);
  const query = matchMedia('print');
  const change = (e: MediaQueryListEvent): void => set(e.matches);
  addEventListener('beforeprint', before);
  addEventListener('afterprint', after);
  query.addEventListener('change', change);
  return () => {
    removeEventListener('beforeprint', before);
    removeEventListener('afterprint', after);
    query.removeEventListener('change', change);
  };
}
