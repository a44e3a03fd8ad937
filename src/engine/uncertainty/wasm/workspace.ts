/**
 * One run's layout of a prepared model in the kernels' memory (see kernel.ts): the model's arrays
 * copied in once per run, and the run's scratch rows (per-draw factors, group scalars, linear-term
 * weights, fallback lists) as views that the JS code around the kernels reads and writes in place.
 */
import { BLOCK, D, DRIVER_MAX, G_HILL_GV, G_HILL_M, ND, type MonteCarloModel, type Scratch } from '../mcModel';
import { Arena } from '../../wasm/load';
import { setKernelCurves, type KernelExports } from './kernel';

/** Role of an uncertain driver in fastScalars (assembly/scalars.ts, ROLE_*). */
const ROLE_OF: Record<number, number> = {
  [D.conversion]: 0,
  [D.aov]: 0,
  [D.spend]: 1,
  [D.returnRate]: 2,
  [D.channelMargin]: 2,
  [D.baseTraffic]: 3,
  [D.grossMargin]: 4,
  [D.variableCostRate]: 5,
  [D.fixedCost]: 6,
};
const ROLE_NONE = 7;

/** Words of the fastScalars context (assembly/scalars.ts, CTX_*): byte offsets, in this order. */
const CTX_WORDS = 23;

export interface Workspace {
  kernel: KernelExports;
  /** Per group: byte offset of its cells and of its scalar row (−1 when the kernel does not run its loop). */
  dataAt: number[];
  scalarsAt: number[];
  tmpAt: number;
  outAt: number;
  /** Sums of the last Hill call: per period t, [net draw 0, net draw 1, contribution draw 0, draw 1] at 4t. */
  out: Float64Array;
  /** drawFactors' inputs: per range slot and code (i32), p1, p2 (f64); per slot base, ln(base). */
  slotAt: number;
  codeAt: number;
  p1At: number;
  p2At: number;
  baseAt: number;
  lnBaseAt: number;
  /** Per draw of the block: factors, additions, Σ ln(x / base), fallback list. */
  mulAt: number[];
  addAt: number[];
  lnMulAt: number[];
  fallbackAt: number[];
  /** fastScalars' context. */
  ctxAt: number;
}

/**
 * Lays the model out for a run and points the scratch's shared rows (sc.mul, sc.add, sc.lnMul,
 * sc.scalars, sc.linW, sc.fallback) at the kernels' memory.
 */
export function layOut(kernel: KernelExports, m: MonteCarloModel, sc: Scratch): Workspace {
  const a = new Arena(kernel);
  const C = m.channels;
  const K = m.entrySlot.length;
  const S = m.slotBase.length;
  const P = m.periods;
  const runsLoop = (k: number): boolean => (k === G_HILL_M || k === G_HILL_GV) && m.groups[k].channels.length > 0;
  const dataAt = m.groups.map((gr, k) => (runsLoop(k) ? a.take(gr.data.byteLength) : -1));
  const scalarsAt = sc.scalars.map((s) => a.take(s.byteLength));
  const linWAt = a.take(sc.linW.byteLength);
  const tmpAt = a.take(Math.max(...m.groups.map((gr) => gr.channels.length)) * 12 * 8);
  const periodsEven = P + (P & 1);
  const outAt = a.take(periodsEven * 4 * 8);
  const slotAt = a.take(K * 4);
  const codeAt = a.take(K * 4);
  const p1At = a.take(K * 8);
  const p2At = a.take(K * 8);
  const baseAt = a.take(S * 8);
  const lnBaseAt = a.take(S * 8);
  const rows = Array.from({ length: BLOCK }, () => ({ mul: a.take(S * 8), add: a.take(S * 8), lnMul: a.take(S * 8), fallback: a.take(C * 4) }));
  const ctxAt = a.take(CTX_WORDS * 4);
  // fastScalars' model arrays, in the order of its context words.
  const fast = [
    { i32: Int32Array.of(m.fastChannels.length) },
    { i32: m.fastChannels },
    { i32: m.chUStart },
    { i32: Int32Array.from(m.uDriver, (d) => ROLE_OF[d] ?? ROLE_NONE) },
    { i32: m.uSlot },
    { f64: Float64Array.from(m.uDriver, (d) => DRIVER_MAX[d]) },
    { i32: Int32Array.from(m.slotFlat) },
    { f64: m.slotFirst },
    { f64: m.slotBase },
    { f64: m.slotMax },
    { i32: Int32Array.from(m.chSpend) },
    { f64: m.chShape },
    { f64: m.chMaxY },
    { i32: Int32Array.from(m.chGroup) },
    { i32: m.chPos },
    { i32: m.chLinSpend },
    { i32: m.chLinFixed },
    { i32: Int32Array.from({ length: C }, (_, c) => m.chSlot[c * ND + D.spend]) },
  ].map((x) => ({ ...x, at: a.take(x.i32 ? x.i32.byteLength : (x.f64 as Float64Array).byteLength) }));
  a.commit();

  const ctx = a.i32(ctxAt, CTX_WORDS);
  fast.forEach((x, w) => {
    if (x.i32) a.i32(x.at, x.i32.length).set(x.i32);
    else if (x.f64) a.f64(x.at, x.f64.length).set(x.f64);
    ctx[w] = x.at;
  });
  // The first word is the count itself, not an offset.
  ctx[0] = m.fastChannels.length;
  scalarsAt.forEach((at, k) => (ctx[fast.length + k] = at));
  ctx[fast.length + scalarsAt.length] = linWAt;

  m.groups.forEach((gr, k) => {
    if (dataAt[k] >= 0) a.f64(dataAt[k], gr.data.length).set(gr.data);
  });
  a.i32(slotAt, K).set(m.entrySlot);
  a.i32(codeAt, K).set(m.entryCode);
  a.f64(p1At, K).set(m.entryP1);
  a.f64(p2At, K).set(m.entryP2);
  a.f64(baseAt, S).set(m.slotBase);
  a.f64(lnBaseAt, S).set(m.slotLnBase);
  sc.scalars = sc.scalars.map((s, k) => a.f64(scalarsAt[k], s.length));
  sc.linW = a.f64(linWAt, sc.linW.length);
  sc.mul = rows.map((r) => a.f64(r.mul, S));
  sc.add = rows.map((r) => a.f64(r.add, S));
  sc.lnMul = rows.map((r) => a.f64(r.lnMul, S));
  sc.fallback = rows.map((r) => a.i32(r.fallback, C));
  // As fresh JS arrays: zeros (the memory holds the previous run's rows).
  for (const view of [...sc.scalars, sc.linW, ...sc.mul, ...sc.add, ...sc.lnMul, ...sc.fallback]) view.fill(0);
  setKernelCurves(m.curves);
  return {
    kernel,
    dataAt,
    scalarsAt,
    tmpAt,
    outAt,
    out: a.f64(outAt, periodsEven * 4),
    slotAt,
    codeAt,
    p1At,
    p2At,
    baseAt,
    lnBaseAt,
    mulAt: rows.map((r) => r.mul),
    addAt: rows.map((r) => r.add),
    lnMulAt: rows.map((r) => r.lnMul),
    fallbackAt: rows.map((r) => r.fallback),
    ctxAt,
  };
}
