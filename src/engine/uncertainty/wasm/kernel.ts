/**
 * The WebAssembly kernels of Monte Carlo (assembly/), and whether they can run here.
 *
 * What runs in WebAssembly, and why: a profile of one worker's run (10k draws × 200 Hill channels ×
 * 60 months, three ranges per channel; bench W3b) spent about 45 % of its time in the Hill group loop
 * (hillGroup: per cell a multiply-add, a shared division and the accumulation — the response curve
 * is already one exp per channel and draw, not a pow per cell), 35 % drawing the numbers
 * (drawFactors: hashing, inverse CDFs, an exp per lognormal range) and 17 % in the per-channel
 * scalars (fastScalars); the summary's quantiles are apart and small (about 40 ms once for all 10k
 * draws, a few ms for the first bands). So all three per-draw stages run here:
 *   - the Hill loops (assembly/hill.ts) in f64x2 lanes, the block's two draws side by side;
 *   - drawing (assembly/draws.ts): the block's two draws' uniforms, inverse CDFs and square roots
 *     in f64x2 lanes; exp and log are the host's Math.exp and Math.log, imported, so every value is
 *     the JS one (a port would not round as V8 does);
 *   - the scalars (assembly/scalars.ts) as scalar WebAssembly (branches per channel and driver),
 *     with the host's exp and the engine's curveTraffic imported;
 *   - the rest stays in JS: the linear groups and the exact cell-by-cell path (cheap or rare), and
 *     the quantiles, where the cost was the algorithm (quickselect's mispredicted branches and a
 *     column read striding through memory), not the instructions: summary.ts now counts into
 *     buckets over a tiled transpose, about twice as fast for the whole summary, in plain JS.
 * Every kernel does the JS reference's operations in the same order, so the figures are equal bit
 * for bit (tests/unit/engine/mcWasm.test.ts), on every path and over any split into workers.
 *
 * The module (about 4 KB) is compiled once per thread from bytes inside the bundle (wasm/load.ts);
 * where WebAssembly or its SIMD instructions are missing, or compiling is refused, the JS loops run.
 */
import { curveTraffic } from '../../curve';
import type { ResponseCurve } from '../../types';
import { instantiateKernel, type KernelMemory } from '../../wasm/load';
import { MC_WASM } from './mcWasm';

/** Which code computed a Monte Carlo chunk: the WebAssembly kernels or the JS reference loops. */
export type MonteCarloKernel = 'wasm-simd' | 'js';

export interface KernelExports extends KernelMemory {
  hillM(x: number, n: number, sv: number, periods: number, tmp: number, out: number): void;
  hillGV(x: number, n: number, sv: number, periods: number, tmp: number, out: number): void;
  drawFactors(
    key: number, key2: number, ranges: number, slots: number,
    slotAt: number, codeAt: number, p1At: number, p2At: number, baseAt: number, lnBaseAt: number,
    mulAt: number, addAt: number, lnMulAt: number,
  ): void;
  drawFactorsPair(
    keyA: number, keyA2: number, keyB: number, keyB2: number, ranges: number, slots: number,
    slotAt: number, codeAt: number, p1At: number, p2At: number, baseAt: number, lnBaseAt: number,
    mulA: number, addA: number, lnMulA: number, mulB: number, addB: number, lnMulB: number,
  ): void;
  fastScalars(ctx: number, r: number, drawn: number, mulAt: number, addAt: number, lnMulAt: number, fallbackAt: number): number;
}

let instance: KernelExports | null | undefined;
/** The curves of the model being run, for the kernel's calls back to curveTraffic (runs are synchronous). */
let runCurves: readonly ResponseCurve[] = [];

export function setKernelCurves(curves: readonly ResponseCurve[]): void {
  runCurves = curves;
}

/** The compiled kernels of this thread, or null when they cannot run here (then the JS loops do). */
export function monteCarloKernel(): KernelExports | null {
  if (instance !== undefined) return instance;
  const env = { exp: Math.exp, log: Math.log, curve: (c: number, spend: number): number => curveTraffic(runCurves[c], spend) };
  instance = instantiateKernel<KernelExports>(MC_WASM, { env });
  return instance;
}
