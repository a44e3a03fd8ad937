import './workerGlobal';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
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
const charts = new Map<number, Chart>();
/** The newest option of each chart not yet drawn: a burst of edits draws only the last. */
const pending = new Map<number, { seq: number; option: echarts.EChartsCoreOption }>();
let scheduled = false;

const post = (m: FromChartWorker): void => scope.postMessage(m);

function open(id: number, canvas: OffscreenCanvas, width: number, height: number, dpr: number, dark: boolean): void {
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
  charts.set(id, chart);
}

function drawPending(): void {
  scheduled = false;
  for (const [id, { seq, option }] of pending) {
    pending.delete(id);
    const chart = charts.get(id);
    if (!chart || chart.isDisposed()) continue;
    try {
      chart.setOption(fromPortable(option), { replaceMerge: ['series', 'xAxis', 'yAxis'], lazyUpdate: false });
      post({ kind: 'drawn', id, seq });
    } catch (e) {
      post({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** A no-op stand-in for the DOM event zrender may stop (a click on the legend). */
const QUIET_EVENT = { preventDefault() {}, stopPropagation() {} };

function pointer(id: number, type: string, x: number, y: number): void {
  const chart = charts.get(id);
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
        if (!scheduled) {
          scheduled = true;
          setTimeout(drawPending, 0);
        }
        return;
      case 'size': {
        const chart = charts.get(m.id);
        if (chart && !chart.isDisposed()) chart.resize({ width: m.width, height: m.height });
        return;
      }
      case 'pointer':
        return pointer(m.id, m.type, m.x, m.y);
      case 'close':
        pending.delete(m.id);
        charts.get(m.id)?.dispose();
        charts.delete(m.id);
        return;
    }
  } catch (err) {
    post({ kind: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) });
  }
};
