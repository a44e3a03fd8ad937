/** Runs ranges of draws of a prepared model (see montecarlo.ts for the method). */
import { curveTraffic } from '../curve';
import { type Plan } from '../types';
import * as distributions from './distributions';
import { normalCentral, normalTail } from './distributions';
import { drawKey, drawKey2, uniformAt } from './rng';
import * as layout from './mcModel';
import type { MonteCarloChunk, MonteCarloModel, MonteCarloOptions, Scratch } from './mcModel';
import { clampTo, hillGroup, hillGroupMargins, linearGroup, linearTerms, generalChannel, applyCannibalisation, applyRebates } from './mcKernels';
import { prepareMonteCarlo } from './mcPrepare';
import { elasticityDelta } from './priceDraws';
import { monteCarloKernel, type MonteCarloKernel } from './wasm/kernel';
import { layOut, type Workspace } from './wasm/workspace';

// The layout and distribution constants as this module's own bindings. V8 folds a module's own
// `const`s into optimised code but reads an imported binding from its cell at every use: unbundled
// (Node, the bench) the draw loops ran 3 % slower on imports. A bundle hoists every module into one
// scope, where this changes nothing.
const { ND, D_SPEND, D_BASE_TRAFFIC, D_CONVERSION, D_AOV, D_RETURN_RATE, D_GROSS_MARGIN, D_CHANNEL_MARGIN, D_VARIABLE_COST_RATE, D_FIXED_COST } = layout;
const { DRIVER_MAX, SP_FLAT, SP_LINEAR, SP_STEP, SP_ZERO, SP_HILL, G_HILL_M, G_HILL_GV, G_LIN_M, G_LIN_GV, GROUP_SCALARS, MAX_DENOMINATOR, NULL_H, BLOCK } = layout;
const { DIST_NORMAL, DIST_TRIANGULAR, DIST_UNIFORM, NORMAL_SPLIT } = distributions;

/**
 * Draws [from, to) of a prepared model. Draw i depends only on (seed, i): chunks from any split,
 * computed anywhere, concatenate to the same per-draw results. The Hill channels run in the
 * WebAssembly SIMD loops where they can (equal bit for bit to the JS loops, which `kernel: 'js'`
 * forces); the chunk says which ran.
 */
export function runMonteCarloChunk(model: MonteCarloModel, seed: number, from: number, to: number, kernel: MonteCarloKernel = 'wasm-simd'): MonteCarloChunk {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from)) {
    throw new RangeError(`Bad draw range [${from}, ${to})`);
  }
  const m = model;
  const P = m.periods;
  const n = to - from;
  const chunk: MonteCarloChunk = {
    from,
    to,
    totalContribution: new Float64Array(n),
    totalNetRevenue: new Float64Array(n),
    periodNetRevenue: new Float64Array(n * P),
    periodContribution: new Float64Array(n * P),
    kernel: 'js',
  };
  const S = m.slotBase.length;
  const block = Array.from({ length: BLOCK }, (_, r) => r);
  const sc: Scratch = {
    mul: block.map(() => new Float64Array(S)),
    add: block.map(() => new Float64Array(S)),
    lnMul: block.map(() => new Float64Array(S)),
    vals: new Float64Array(ND),
    scalars: m.groups.map((g, k) => new Float64Array(g.channels.length * GROUP_SCALARS[k] * BLOCK)),
    linW: new Float64Array(m.linCount * BLOCK),
    fallback: block.map(() => new Int32Array(m.channels)),
    fallbacks: block.map(() => 0),
    cNet: new Float64Array(m.cannCount * P),
    cInc: new Float64Array(m.cannCount * P),
    cMargin: new Float64Array(m.cannCount * P),
    loss: new Float64Array(m.cannCount * P),
    elasDelta: new Float64Array(m.channels),
  };
  const outN = chunk.periodNetRevenue;
  const outC = chunk.periodContribution;
  const g = m.groups;
  const ws = kernel === 'wasm-simd' ? workspace(m, sc) : null;
  if (ws) chunk.kernel = 'wasm-simd';
  const general = m.generalChannels;
  for (let i = from; i < to; i += BLOCK) {
    const count = Math.min(BLOCK, to - i);
    if (ws && count === BLOCK) drawPairWasm(ws, m, seed, i);
    for (let r = 0; r < BLOCK; r++) {
      const o = (i - from + r) * P;
      if (r < count) {
        if (!ws) drawFactors(m, seed, i + r, sc.mul[r], sc.add[r], sc.lnMul[r]);
        else if (count < BLOCK) drawFactorsWasm(ws, m, seed, i + r, r);
        if (m.linkTo.length > 0) applyLinks(m, sc.mul[r], sc.add[r], sc.lnMul[r]);
        outN.set(m.constNet, o);
        outC.set(m.constContribution, o);
      }
      // A missing last draw of the block gets zero scalars: the loops add nothing for it.
      sc.fallbacks[r] = ws
        ? ws.kernel.fastScalars(ws.ctxAt, r, r < count ? 1 : 0, ws.mulAt[r], ws.addAt[r], ws.lnMulAt[r], ws.fallbackAt[r])
        : fastScalars(m, sc, r, r < count);
    }
    const o0 = (i - from) * P;
    const o1 = count > 1 ? o0 + P : o0;
    if (ws) {
      if (g[G_HILL_M].channels.length > 0) hillWasm(ws, G_HILL_M, g[G_HILL_M].channels.length, P, outN, outC, o0, o1);
      if (g[G_HILL_GV].channels.length > 0) hillWasm(ws, G_HILL_GV, g[G_HILL_GV].channels.length, P, outN, outC, o0, o1);
    } else {
      if (g[G_HILL_M].channels.length > 0) hillGroup(g[G_HILL_M], sc.scalars[G_HILL_M], P, outN, outC, o0, o1);
      if (g[G_HILL_GV].channels.length > 0) hillGroupMargins(g[G_HILL_GV], sc.scalars[G_HILL_GV], P, outN, outC, o0, o1);
    }
    if (g[G_LIN_M].channels.length > 0) linearGroup(g[G_LIN_M], sc.scalars[G_LIN_M], false, P, outN, outC, o0, o1);
    if (g[G_LIN_GV].channels.length > 0) linearGroup(g[G_LIN_GV], sc.scalars[G_LIN_GV], true, P, outN, outC, o0, o1);
    if (m.linCount > 0) linearTerms(m.linData, sc.linW, m.linCount, P, outC, o0, o1);
    for (let r = 0; r < count; r++) {
      const o = (i - from + r) * P;
      const fb = sc.fallback[r];
      if (m.elasticity.length > 0) elasticityDeltas(m, seed, i + r, sc.elasDelta);
      for (let j = 0; j < sc.fallbacks[r]; j++) generalChannel(m, fb[j], sc, sc.mul[r], sc.add[r], outN, outC, o);
      for (let j = 0; j < general.length; j++) generalChannel(m, general[j], sc, sc.mul[r], sc.add[r], outN, outC, o);
      if (m.pairRate.length > 0) applyCannibalisation(m, sc, outN, outC, o);
      if (m.rebates.length > 0) applyRebates(m, sc, outC, o);
    }
  }
  for (let r = 0; r < n; r++) {
    let net = 0;
    let con = 0;
    for (let t = 0; t < P; t++) {
      net += outN[r * P + t];
      con += outC[r * P + t];
    }
    chunk.totalNetRevenue[r] = net;
    chunk.totalContribution[r] = con;
  }
  return chunk;
}

/** The kernels' memory for this run when they can run here (else null: the JS loops run). */
function workspace(m: MonteCarloModel, sc: Scratch): Workspace | null {
  const kernel = monteCarloKernel();
  return kernel ? layOut(kernel, m, sc) : null;
}

/** drawFactors in the kernel, into row r of the block (sc.mul[r], sc.add[r], sc.lnMul[r] are its views). */
function drawFactorsWasm(ws: Workspace, m: MonteCarloModel, seed: number, i: number, r: number): void {
  const key = drawKey(seed, i);
  ws.kernel.drawFactors(key, drawKey2(key), m.entrySlot.length, m.slotBase.length, ws.slotAt, ws.codeAt, ws.p1At, ws.p2At, ws.baseAt, ws.lnBaseAt, ws.mulAt[r], ws.addAt[r], ws.lnMulAt[r]);
}

/** drawFactors for draws i and i + 1 at once in the kernel (SIMD lanes), into rows 0 and 1 of the block. */
function drawPairWasm(ws: Workspace, m: MonteCarloModel, seed: number, i: number): void {
  const a = drawKey(seed, i);
  const b = drawKey(seed, i + 1);
  ws.kernel.drawFactorsPair(a, drawKey2(a), b, drawKey2(b), m.entrySlot.length, m.slotBase.length, ws.slotAt, ws.codeAt, ws.p1At, ws.p2At, ws.baseAt, ws.lnBaseAt, ws.mulAt[0], ws.addAt[0], ws.lnMulAt[0], ws.mulAt[1], ws.addAt[1], ws.lnMulAt[1]);
}

/**
 * One Hill group for the block's two draws in the kernel, then its sums added to rows o0 and o1 in
 * the order of hillGroup (which matters only when o0 = o1, a block of one draw).
 */
function hillWasm(ws: Workspace, k: number, n: number, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
  if (k === G_HILL_M) ws.kernel.hillM(ws.dataAt[k], n, ws.scalarsAt[k], P, ws.tmpAt, ws.outAt);
  else ws.kernel.hillGV(ws.dataAt[k], n, ws.scalarsAt[k], P, ws.tmpAt, ws.outAt);
  const w = ws.out;
  for (let t = 0, j = 0; t < P; t++, j += 4) {
    outN[o0 + t] += w[j];
    outC[o0 + t] += w[j + 2];
    outN[o1 + t] += w[j + 1];
    outC[o1 + t] += w[j + 3];
  }
}

/** Prepares and runs draws [from, to) in one call (tests, small plans, a single worker). */
export function runMonteCarlo(plan: Plan, opts: MonteCarloOptions & { seed: number; from: number; to: number }): MonteCarloChunk {
  return runMonteCarloChunk(prepareMonteCarlo(plan, opts), opts.seed, opts.from, opts.to);
}

/**
 * Draw i's value of every uncertain driver, combined per slot (one channel × driver): factors x / base
 * multiply, additions (base 0) add, and for Hill spend slots Σ ln(x / base) is kept too. Ranges on
 * newCustomerShare (slot −1) are not drawn: they change neither net revenue nor contribution.
 */
function drawFactors(m: MonteCarloModel, seed: number, i: number, mul: Float64Array, add: Float64Array, lnMul: Float64Array): void {
  mul.fill(1);
  add.fill(0);
  lnMul.fill(0);
  const lnBase = m.slotLnBase;
  const key = drawKey(seed, i);
  const key2 = drawKey2(key);
  const { entrySlot, entryCode, entryP1, entryP2, slotBase } = m;
  const K = entrySlot.length;
  for (let k = 0; k < K; k++) {
    const s = entrySlot[k];
    if (s < 0) continue;
    // quantileFromParams written out (the same arithmetic), so that nothing here returns a boxed number.
    const u = uniformAt(key, key2, k);
    const code = entryCode[k];
    const p1 = entryP1[k];
    const p2 = entryP2[k];
    let x: number;
    let lnx = NaN;
    if (code === DIST_UNIFORM) x = p1 + p2 * u;
    else if (code === DIST_TRIANGULAR) x = u <= 0.5 ? p1 - p2 + p2 * Math.sqrt(2 * u) : p1 + p2 - p2 * Math.sqrt(2 * (1 - u));
    else {
      const q = u - 0.5;
      const z = p2 === 0 ? 0 : q * q <= NORMAL_SPLIT ? normalCentral(q) : normalTail(u, q);
      if (code === DIST_NORMAL) x = p1 + p2 * z;
      else {
        lnx = p1 + p2 * z;
        x = Math.exp(lnx);
      }
    }
    const base = slotBase[s];
    if (base !== 0) mul[s] *= x / base;
    else add[s] += x;
    const lb = lnBase[s];
    if (lb === lb) lnMul[s] += (lnx === lnx ? lnx : Math.log(x)) - lb;
  }
}

/** A draw of a whole channel's range passed on to its rows' slots (mcModel.ts, links). */
function applyLinks(m: MonteCarloModel, mul: Float64Array, add: Float64Array, lnMul: Float64Array): void {
  const { linkFrom, linkTo, linkShare } = m;
  for (let j = 0; j < linkTo.length; j++) {
    const f = linkFrom[j];
    const s = linkTo[j];
    mul[s] *= mul[f];
    add[s] += add[f] * linkShare[j];
    lnMul[s] += lnMul[f];
  }
}

/**
 * Every fast channel's scalars for draw r of the block, written to its group's scalar row and its
 * linear terms; returns how many channels fell back. A channel falls back, with zeros written (the
 * group loops then add nothing for it), when a factor would push a non-flat series past its bound or
 * the Hill term would leave its safe range: the caller computes it cell by cell instead. `drawn`
 * false writes nothing-adding scalars for every channel (the missing last draw of a block).
 */
function fastScalars(m: MonteCarloModel, sc: Scratch, r: number, drawn: boolean): number {
  const mul = sc.mul[r];
  const add = sc.add[r];
  const fallback = sc.fallback[r];
  const lnMul = sc.lnMul[r];
  const { uDriver, uSlot, slotFlat, slotFirst, slotBase, slotMax, chUStart, chSpend, chShape, chMaxY, chGroup, chPos, chLinSpend, chLinFixed, chSlot, fastChannels } = m;
  const linW = sc.linW;
  const scalars = sc.scalars;
  let fallbacks = 0;
  for (let f = 0; f < fastChannels.length; f++) {
    const c = fastChannels[f];
    let kR = 1;
    let kB = 1;
    let lg = 1;
    let lv = 1;
    let kF = 0;
    let ls = 0;
    let ok = drawn;
    for (let j = chUStart[c], end = chUStart[c + 1]; j < end; j++) {
      const d = uDriver[j];
      const s = uSlot[j];
      let v: number;
      if (slotFlat[s] === 1) {
        // Constant series: the clamped value itself is the scalar.
        const x = slotFirst[s];
        v = clampTo(slotBase[s] !== 0 ? x * mul[s] : x + add[s], DRIVER_MAX[d]);
      } else {
        const k = mul[s];
        // k · max ≤ bound is false for NaN and +∞ too: those take the exact path.
        if (!(k * slotMax[s] <= DRIVER_MAX[d])) ok = false;
        v = k > 0 ? k : 0;
      }
      if (d === D_CONVERSION || d === D_AOV) kR *= v;
      else if (d === D_SPEND) ls = v;
      else if (d === D_RETURN_RATE || d === D_CHANNEL_MARGIN) kR *= 1 - v;
      else if (d === D_BASE_TRAFFIC) kB = v;
      else if (d === D_GROSS_MARGIN) lg = v;
      else if (d === D_VARIABLE_COST_RATE) lv = v;
      else if (d === D_FIXED_COST) kF = v;
    }
    const mode = chSpend[c];
    let b = kR;
    let gi = 0;
    if (mode === SP_HILL) {
      if (ls > 0) {
        // λ^(−s) = exp(−s · ln λ), with ln λ summed while drawing (see slotLnBase).
        gi = Math.exp(-chShape[c] * lnMul[chSlot[c * ND + D_SPEND]]);
      } else b = 0;
      // B·Z1 / (1 + GI·Y) is computed as Z1 / (H + G·Y): keep H and H + G·maxY inside the bounds.
      if (b > 0 && !(b <= MAX_DENOMINATOR && ((1 + gi * chMaxY[c]) / b) <= MAX_DENOMINATOR)) ok = false;
    } else if (mode === SP_FLAT) b *= curveTraffic(m.curves[c], ls);
    else if (mode === SP_LINEAR) b *= ls;
    else if (mode === SP_STEP) b = ls > 0 ? b : 0;
    else if (mode === SP_ZERO) b = 0;
    const g = chGroup[c];
    const ns = GROUP_SCALARS[g];
    const out = scalars[g];
    const at = (chPos[c] * BLOCK + r) * ns;
    out[at] = ok ? kR * kB : 0;
    if (g === G_HILL_M || g === G_HILL_GV) {
      const live = ok && b > 0;
      out[at + 1] = live ? 1 / b : NULL_H;
      out[at + 2] = live ? gi / b : 0;
      out[at + 3] = ok ? ls : 0;
    } else out[at + 1] = ok ? b : 0;
    if (g === G_HILL_GV || g === G_LIN_GV) {
      out[at + ns - 2] = ok ? lg : 0;
      out[at + ns - 1] = ok ? lv : 0;
    }
    if (chLinSpend[c] >= 0) linW[chLinSpend[c] * BLOCK + r] = ok ? ls : 0;
    if (chLinFixed[c] >= 0) linW[chLinFixed[c] * BLOCK + r] = ok ? kF : 0;
    if (!ok && drawn) fallback[fallbacks++] = c;
  }
  return fallbacks;
}

/*
 * The group loops: for each period, every channel of the group for both draws of the block (rows o0
 * and o1; o1 = o0 with zero scalars when the block has one draw), summing in registers in a fixed
 * channel order, so a draw's figures do not depend on which draw shares its block.
 *
 * The Hill loops take two periods at a time and share one division between the two periods of a draw:
 * with r = 1 / (d₀·d₁), 1/d₀ = d₁·r and 1/d₁ = d₀·r (each d within [1e-150, 1e150], so the product is
 * a normal double; the result is within a few ulps of a plain division).
 */


/** ε' − ε of every channel with an uncertain elasticity, for draw i. */
function elasticityDeltas(m: MonteCarloModel, seed: number, i: number, out: Float64Array): void {
  const key = drawKey(seed, i);
  const key2 = drawKey2(key);
  for (const e of m.elasticity) out[e.row] = elasticityDelta(e, key, key2);
}
