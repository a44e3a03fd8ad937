import './workerGlobal';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { legendSelection, withLegendSelected } from '../density';
import { fromPortable } from './portableOption';
import type { FromChartWorker, ToChartWorker } from './protocol';

/**
 * Draws charts on canvases the page handed over (OffscreenCanvas), so that redrawing them after an
 * edit takes no time on the page's main thread, where input and the grid run. Only what the plan
 * view's charts use is loaded. The worker draws and hit-tests; the page forwards pointer events and
 * draws the tooltip itself (as HTML text, like every other chart of the app).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
// Text is measured on a canvas of the worker's own (zrender would ask the document for one).
echarts.setPlatformAPI({ createCanvas: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement });

type Chart = ReturnType<typeof echarts.init>;
const scope = self as unknown as { onmessage: ((e: MessageEvent<ToChartWorker>) => void) | null; postMessage(m: FromChartWorker): void };

/** One chart and what making it again takes (a change of screen density, see density.ts). */
interface Entry {
  chart: Chart;
  canvas: OffscreenCanvas;
  width: number;
  height: number;
  dark: boolean;
  /** The last option drawn, and its number. */
  drawn: { seq: number; option: echarts.EChartsCoreOption } | null;
}
const charts = new Map<number, Entry>();
/** The newest option of each chart not yet drawn: a burst of edits draws only the last. */
const pending = new Map<number, { seq: number; option: echarts.EChartsCoreOption }>();
let scheduled = false;

const post = (m: FromChartWorker): void => scope.postMessage(m);

function make(id: number, canvas: OffscreenCanvas, width: number, height: number, dpr: number, dark: boolean): Chart {
  const chart = echarts.init(canvas as unknown as HTMLCanvasElement, dark ? 'dark' : null, { renderer: 'canvas', width, height, devicePixelRatio: dpr });
  const zr = chart.getZr();
  // zrender asks its event proxy to set the cursor; in a worker it has none, so the page sets it.
  let cursor = 'default';
  zr.handler.setHandlerProxy({
    on() {},
    dispose() {},
    setCursor(c = 'default') {
      if (c === cursor) return;
      cursor = c;
      post({ kind: 'cursor', id, cursor: c });
    },
  } as unknown as Parameters<typeof zr.handler.setHandlerProxy>[0]);
  chart.on('legendselectchanged', (e) => post({ kind: 'legend', id, selected: { ...(e as { selected: Record<string, boolean> }).selected } }));
  return chart;
}

function open(id: number, canvas: OffscreenCanvas, width: number, height: number, dpr: number, dark: boolean): void {
  charts.set(id, { chart: make(id, canvas, width, height, dpr, dark), canvas, width, height, dark, drawn: null });
}

function setOption(chart: Chart, option: echarts.EChartsCoreOption): void {
  chart.setOption(option, { replaceMerge: ['series', 'xAxis', 'yAxis'], lazyUpdate: false });
}

/** The same chart made again on its canvas at another density, showing what it showed. */
function remake(id: number, dpr: number): void {
  const entry = charts.get(id);
  if (!entry) return;
  const selected = legendSelection(entry.chart);
  entry.chart.dispose();
  entry.chart = make(id, entry.canvas, entry.width, entry.height, dpr, entry.dark);
  if (!entry.drawn) return;
  setOption(entry.chart, withLegendSelected(entry.drawn.option, selected));
  post({ kind: 'drawn', id, seq: entry.drawn.seq });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drawNext, 0);
}

/**
 * Draws the oldest waiting chart, then leaves the rest to a task of their own: a canvas handed to a
 * worker shows what was drawn on it when the worker's task ends, so the first chart (the mix, which
 * the page asks for first) is on screen while the next one is being drawn, not after both.
 */
function drawNext(): void {
  scheduled = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [id, { seq, option }] = next.value;
  pending.delete(id);
  if (pending.size > 0) schedule();
  const entry = charts.get(id);
  if (!entry || entry.chart.isDisposed()) return;
  try {
    const plain = fromPortable(option);
    setOption(entry.chart, plain);
    entry.drawn = { seq, option: plain };
    post({ kind: 'drawn', id, seq });
  } catch (e) {
    post({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

/** A no-op stand-in for the DOM event zrender may stop (a click on the legend). */
const QUIET_EVENT = { preventDefault() {}, stopPropagation() {} };

function pointer(id: number, type: string, x: number, y: number): void {
  const chart = charts.get(id)?.chart;
  if (!chart || chart.isDisposed()) return;
  chart.getZr().handler.dispatch(type as 'mousemove', { ...QUIET_EVENT, zrX: x, zrY: y, offsetX: x, offsetY: y, type });
  if (type === 'mouseout') return post({ kind: 'hover', id, index: null, x, y });
  if (type !== 'mousemove') return;
  let index: number | null = null;
  if (chart.containPixel({ gridIndex: 0 }, [x, y])) {
    const at = chart.convertFromPixel({ gridIndex: 0 }, [x, y]) as number[] | undefined;
    if (at && Number.isFinite(at[0])) index = Math.round(at[0]);
  }
  post({ kind: 'hover', id, index, x, y });
}

scope.onmessage = (e) => {
  const m = e.data;
  try {
    switch (m.kind) {
      case 'open':
        return open(m.id, m.canvas, m.width, m.height, m.dpr, m.dark);
      case 'draw':
        pending.set(m.id, { seq: m.seq, option: m.option });
        return schedule();
      case 'size': {
        const entry = charts.get(m.id);
        if (!entry || entry.chart.isDisposed()) return;
        entry.width = m.width;
        entry.height = m.height;
        entry.chart.resize({ width: m.width, height: m.height });
        return;
      }
      case 'density':
        return remake(m.id, m.dpr);
      case 'pointer':
        return pointer(m.id, m.type, m.x, m.y);
      case 'close':
        pending.delete(m.id);
        charts.get(m.id)?.chart.dispose();
        charts.delete(m.id);
        return;
    }
  } catch (err) {
    post({ kind: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
};
