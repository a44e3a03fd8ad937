import type { EChartsCoreOption } from '../echarts';

// Plain messages, not Comlink like the engine workers: nearly all of them are events that expect no
// answer (an option to draw, a pointer move), and the worker's answers are events of their own
// (drawn, cursor, hover), which a call-and-return interface would only wrap.

/** The zrender events the page forwards from the canvas (its own names for them). */
export type PointerKind = 'mousemove' | 'mousedown' | 'mouseup' | 'click' | 'mouseout';

/** What the page tells the chart worker; `id` names one chart (one canvas). */
export type ToChartWorker =
  | { kind: 'open'; id: number; canvas: OffscreenCanvas; width: number; height: number; dpr: number; dark: boolean }
  | { kind: 'draw'; id: number; seq: number; option: EChartsCoreOption }
  | { kind: 'size'; id: number; width: number; height: number }
  /** The screen's density changed: the chart is made again at `dpr` and drawn with its last option. */
  | { kind: 'density'; id: number; dpr: number }
  | { kind: 'pointer'; id: number; type: PointerKind; x: number; y: number }
  | { kind: 'close'; id: number };

/** What the worker answers. */
export type FromChartWorker =
  /** Option `seq` is on the canvas. */
  | { kind: 'drawn'; id: number; seq: number }
  | { kind: 'cursor'; id: number; cursor: string }
  /** The category under the pointer (for the page's tooltip), or null off the plot. */
  | { kind: 'hover'; id: number; index: number | null; x: number; y: number }
  /** Series shown, by name, after a click on the legend. */
  | { kind: 'legend'; id: number; selected: Record<string, boolean> }
  | { kind: 'failed'; id: number; message: string };
