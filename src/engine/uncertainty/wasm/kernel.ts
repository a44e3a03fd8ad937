/**
 * The WebAssembly kernels of Monte Carlo (assembly/), and whether they can run here.
 *
 * What runs in WebAssembly, and why: a profile of one worker's run (10k draws × 200 Hill channels ×
 * 60 months, three ranges per channel; bench W3b) spent about 45 % of its time in the Hill group loop
 * (hillGroup: per cell a multiply-add, a shared division and the accumulation — the response curve
 * itself is already one exp per channel and draw, not a pow per cell), 35 % drawing the numbers
 * (drawFactors: hashing, inverse CDFs, an exp per lognormal range) and 17 % in the per-channel
 * scalars (fastScalars); the quantiles of the summary are apart (about 40 ms for all 10k draws, once,
 * and a few ms for the first bands). So:
 *   - the Hill loops (assembly/hill.ts) run in f64x2 lanes, the block's two draws side by side;
 *   - drawing (assembly/draws.ts) runs as scalar WebAssembly, with the host's Math.exp and Math.log
 *     imported, so every drawn value is the JS one;
 *   - fastScalars (branchy, per channel) and the quantiles (quickselect, branchy, not vectorisable)
 *     stay in JS: WebAssembly gains little on branches, and each would add a copy of its inputs.
 * Every kernel does the JS reference's operations in the same order, so the figures are equal bit
 * for bit (tests/unit/engine/mcWasm.test.ts), on every path and over any split into workers.
 *
 * The module is compiled once per thread, synchronously (under 4 KB: allowed even on a page's main
 * thread), from bytes inside the bundle: nothing is fetched. Where WebAssembly or its SIMD
 * instructions are missing, or a Content-Security-Policy forbids compiling, the JS loops run.
 */
import { MC_WASM } from './mcWasm';

/** Which code computed a Monte Carlo chunk: the WebAssembly kernels or the JS reference loops. */
export type MonteCarloKernel = 'wasm-simd' | 'js';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface KernelExports {
  memory: WasmMemory;
  hillM(x: number, n: number, sv: number, periods: number, tmp: number, out: number): void;
  hillGV(x: number, n: number, sv: number, periods: number, tmp: number, out: number): void;
  drawFactors(
    key: number, key2: number, ranges: number, slots: number,
    slotAt: number, codeAt: number, p1At: number, p2At: number, baseAt: number, lnBaseAt: number,
    mulAt: number, addAt: number, lnMulAt: number,
  ): void;
  heapBase(): number;
}

/** The part of the WebAssembly API used here (the engine's lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const PAGE = 65536;

function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) value[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = ((acc << 6) | value[clean.charCodeAt(i)]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

let instance: KernelExports | null | undefined;

/** The compiled kernels of this thread, or null when they cannot run here (then the JS loops do). */
export function monteCarloKernel(): KernelExports | null {
  if (instance !== undefined) return instance;
  instance = null;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return instance;
  try {
    const bytes = decodeBase64(MC_WASM);
    // The module itself is the feature test: it validates only where f64x2 instructions exist.
    if (!wasm.validate(bytes)) return instance;
    const env = { exp: Math.exp, log: Math.log };
    instance = new wasm.Instance(new wasm.Module(bytes), { env }).exports as KernelExports;
  } catch {
    // Compiling refused (a policy without 'wasm-unsafe-eval'): the JS loops run.
    instance = null;
  }
  return instance;
}

/** Sizes of one run's buffers in the kernel's memory. */
export interface WorkspaceLayout {
  /** Per fast group (as model.groups): its cells when the kernel runs it (a Hill group with channels), else null. */
  groupData: readonly (Float64Array | null)[];
  /** Per fast group: the length of its scalar row. */
  scalarLength: readonly number[];
  /** Channels of the largest group. */
  maxChannels: number;
  periods: number;
  /** Ranges (entries) and slots of the model, and draws per block. */
  ranges: number;
  slots: number;
  block: number;
}

/**
 * A run's buffers in the kernel's memory: the inputs copied in once, and views the JS side writes
 * and reads in place (scalar rows, per-draw factors, the loops' sums). The views stay valid for the
 * run: memory is grown here, before any is made, and never during the run.
 */
export interface Workspace {
  kernel: KernelExports;
  /** Per group: byte offset of its cells and of its scalar row (−1 when the kernel does not run it). */
  dataAt: number[];
  scalarsAt: number[];
  scalars: (Float64Array | null)[];
  tmpAt: number;
  outAt: number;
  /** Sums of the last Hill call: per period t, [net draw 0, net draw 1, contribution draw 0, draw 1] at 4t. */
  out: Float64Array;
  /** Per range: slot, code (i32); p1, p2 (f64). Per slot: base, ln(base). */
  slotAt: number;
  codeAt: number;
  p1At: number;
  p2At: number;
  baseAt: number;
  lnBaseAt: number;
  /** Per draw of the block: combined factors, additions, Σ ln(x / base) — offsets and views. */
  mulAt: number[];
  addAt: number[];
  lnMulAt: number[];
  mul: Float64Array[];
  add: Float64Array[];
  lnMul: Float64Array[];
  int32(at: number, length: number): Int32Array;
  float64(at: number, length: number): Float64Array;
}

export function workspace(kernel: KernelExports, layout: WorkspaceLayout): Workspace {
  let at = kernel.heapBase();
  const take = (bytes: number): number => {
    const start = at;
    at += (bytes + 15) & ~15;
    return start;
  };
  const { groupData, scalarLength, ranges: K, slots: S, block } = layout;
  const dataAt = groupData.map((d) => (d ? take(d.byteLength) : -1));
  const scalarsAt = groupData.map((d, g) => (d ? take(scalarLength[g] * 8) : -1));
  // Regrouped scalars: at most 6 per draw, 2 draws, per channel.
  const tmpAt = take(layout.maxChannels * 12 * 8);
  const periodsEven = layout.periods + (layout.periods & 1);
  const outAt = take(periodsEven * 4 * 8);
  const slotAt = take(K * 4);
  const codeAt = take(K * 4);
  const p1At = take(K * 8);
  const p2At = take(K * 8);
  const baseAt = take(S * 8);
  const lnBaseAt = take(S * 8);
  const rows = Array.from({ length: block }, () => [take(S * 8), take(S * 8), take(S * 8)]);
  const need = Math.ceil(at / PAGE);
  const have = kernel.memory.buffer.byteLength / PAGE;
  if (need > have) kernel.memory.grow(need - have);
  const buffer = kernel.memory.buffer;
  const float64 = (a: number, length: number): Float64Array => new Float64Array(buffer, a, length);
  groupData.forEach((d, g) => {
    if (d) float64(dataAt[g], d.length).set(d);
  });
  return {
    kernel,
    dataAt,
    scalarsAt,
    scalars: scalarsAt.map((a, g) => (a >= 0 ? float64(a, scalarLength[g]) : null)),
    tmpAt,
    outAt,
    out: float64(outAt, periodsEven * 4),
    slotAt,
    codeAt,
    p1At,
    p2At,
    baseAt,
    lnBaseAt,
    mulAt: rows.map((r) => r[0]),
    addAt: rows.map((r) => r[1]),
    lnMulAt: rows.map((r) => r[2]),
    mul: rows.map((r) => float64(r[0], S)),
    add: rows.map((r) => float64(r[1], S)),
    lnMul: rows.map((r) => float64(r[2], S)),
    int32: (a, length) => new Int32Array(buffer, a, length),
    float64,
  };
}
