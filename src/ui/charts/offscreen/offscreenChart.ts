import type { EChartsCoreOption } from '../echarts';
import { screenDensity } from '../density';
import { toPortable } from './portableOption';
import type { FromChartWorker, PointerKind, ToChartWorker } from './protocol';

/** What a chart drawn in the worker reports back to its component. */
export interface OffscreenListener {
  drawn(seq: number): void;
  cursor(cursor: string): void;
  hover(index: number | null, x: number, y: number): void;
  legend(selected: Record<string, boolean>): void;
  /** The worker could not draw it (or went away): the component draws on the main thread instead. */
  failed(message: string): void;
}

/** Whether this browser can hand a canvas to a worker (Chromium, Firefox, Safari 17+). */
export function offscreenSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype;
}

// One worker draws every offscreen chart of the page; it starts with the first of them.
let worker: Worker | null = null;
let nextId = 1;
const listeners = new Map<number, OffscreenListener>();

function failAll(message: string): void {
  for (const l of listeners.values()) l.failed(message);
  listeners.clear();
  worker?.terminate();
  worker = null;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module', name: 'charts' });
  w.onmessage = (e: MessageEvent<FromChartWorker>) => {
    const m = e.data;
    const l = listeners.get(m.id);
    if (!l) return;
    if (m.kind === 'drawn') l.drawn(m.seq);
    else if (m.kind === 'cursor') l.cursor(m.cursor);
    else if (m.kind === 'hover') l.hover(m.index, m.x, m.y);
    else if (m.kind === 'legend') l.legend(m.selected);
    else {
      listeners.delete(m.id);
      l.failed(m.message);
    }
  };
  // A worker that cannot load (its script refused, say) fails every chart over to the main thread.
  w.onerror = (e) => failAll(e.message || 'chart worker failed');
  worker = w;
  return w;
}

/**
 * One chart drawn by the worker on `canvas`, which from now on belongs to the worker. Its tooltip
 * formatter stays here (the page draws tooltips); every other function must have a recipe
 * (portableOption.ts), else `draw` throws NotPortable and the caller draws on the main thread.
 */
export class OffscreenChart {
  readonly #id = nextId++;
  #seq = 0;

  constructor(canvas: HTMLCanvasElement, width: number, height: number, dark: boolean, listener: OffscreenListener) {
    listeners.set(this.#id, listener);
    const offscreen = canvas.transferControlToOffscreen();
    this.#send({ kind: 'open', id: this.#id, canvas: offscreen, width, height, dpr: screenDensity(), dark }, [offscreen]);
  }

  #send(m: ToChartWorker, transfer: Transferable[] = []): void {
    theWorker().postMessage(m, transfer);
  }

  /** Sends the option to be drawn; returns its sequence number (see OffscreenListener.drawn). */
  draw(option: EChartsCoreOption): number {
    const portable = toPortable(forWorker(option));
    this.#seq++;
    this.#send({ kind: 'draw', id: this.#id, seq: this.#seq, option: portable });
    return this.#seq;
  }

  resize(width: number, height: number): void {
    this.#send({ kind: 'size', id: this.#id, width, height });
  }

  /** Makes the chart again for a screen of another density (see density.ts). */
  density(dpr: number): void {
    this.#send({ kind: 'density', id: this.#id, dpr });
  }

  pointer(type: PointerKind, x: number, y: number): void {
    this.#send({ kind: 'pointer', id: this.#id, type, x, y });
  }

  close(): void {
    listeners.delete(this.#id);
    worker?.postMessage({ kind: 'close', id: this.#id } satisfies ToChartWorker);
  }
}

/**
 * The option as the worker draws it: the tooltip keeps its trigger and axis pointer (drawn on the
 * canvas) but shows no content of its own (the page draws it), and ARIA is left to the page's
 * element (ECharts would write it on the canvas's element, which the worker does not have).
 */
export function forWorker(option: EChartsCoreOption): EChartsCoreOption {
  const out: EChartsCoreOption = {};
  for (const [k, v] of Object.entries(option)) if (k !== 'aria') out[k] = v;
  const tooltip = option.tooltip as Record<string, unknown> | undefined;
  if (tooltip && !Array.isArray(tooltip)) {
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tooltip)) if (k !== 'formatter') rest[k] = v;
    out.tooltip = { ...rest, showContent: false, renderMode: 'richText' };
  }
  return out;
}
