/** The per-draw loops over channel groups, and the exact cell for channels outside the groups. */
import { curveTraffic } from '../curve';
import { rebateAmount } from '../rebates';
import { type ResponseCurve } from '../types';
import * as layout from './mcModel';
import type { FastGroup, MonteCarloModel, Scratch } from './mcModel';

// Constants as this module's own bindings, which V8 folds into the loops (see mcRun.ts).
const { ND, D, DRIVER_MAX, K_FAST } = layout;

/** One cell of the formula graph without rounding (docs/model.md#cell-formulas), for constant and general channels. */
export function cellValues(
  spend: number, baseTraffic: number, conversion: number, aov: number, returnRate: number, channelMargin: number,
  grossMargin: number, variableCostRate: number, fixedCost: number, curve: ResponseCurve,
): { net: number; contribution: number; incremental: number; traffic: number } {
  const incremental = curveTraffic(curve, spend);
  const traffic = baseTraffic + incremental;
  const gross = traffic * conversion * aov;
  const returns = gross * returnRate;
  const net = gross - returns - (gross - returns) * channelMargin;
  const contribution = net * grossMargin - (net * variableCostRate + fixedCost) - spend;
  return { net, contribution, incremental, traffic };
}

export function clampTo(v: number, max: number): number {
  // Every driver's minimum is 0 (DRIVER_SPECS); a non-finite value becomes 0 as in inBounds.
  return !Number.isFinite(v) ? 0 : v > max ? max : v < 0 ? 0 : v;
}

/** Hill channels with certain margins: cell fields Y, Z1, BR, M, SP; scalars A, H, G, LS. */
export function hillGroup(g: FastGroup, sv: Float64Array, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
  const n = g.channels.length;
  const x = g.data;
  for (let t = 0; t < P; t += 2) {
    let n00 = 0;
    let n01 = 0;
    let n10 = 0;
    let n11 = 0;
    let c00 = 0;
    let c01 = 0;
    let c10 = 0;
    let c11 = 0;
    for (let k = 0, d = t * n * 5, s = 0; k < n; k++, d += 10, s += 8) {
      const a0 = sv[s];
      const h0 = sv[s + 1];
      const g0 = sv[s + 2];
      const l0 = sv[s + 3];
      const a1 = sv[s + 4];
      const h1 = sv[s + 5];
      const g1 = sv[s + 6];
      const l1 = sv[s + 7];
      const y0 = x[d];
      const y1 = x[d + 5];
      // Draw 0, periods t and t + 1.
      const p0 = h0 + g0 * y0;
      const p1 = h0 + g0 * y1;
      const r0 = 1 / (p0 * p1);
      // Draw 1.
      const q0 = h1 + g1 * y0;
      const q1 = h1 + g1 * y1;
      const r1 = 1 / (q0 * q1);
      const z0 = x[d + 1];
      const br0 = x[d + 2];
      const m0 = x[d + 3];
      const sp0 = x[d + 4];
      const z1 = x[d + 6];
      const br1 = x[d + 7];
      const m1 = x[d + 8];
      const sp1 = x[d + 9];
      const e00 = a0 * br0 + z0 * (p1 * r0);
      const e01 = a0 * br1 + z1 * (p0 * r0);
      const e10 = a1 * br0 + z0 * (q1 * r1);
      const e11 = a1 * br1 + z1 * (q0 * r1);
      n00 += e00;
      n01 += e01;
      n10 += e10;
      n11 += e11;
      c00 += e00 * m0 - l0 * sp0;
      c01 += e01 * m1 - l0 * sp1;
      c10 += e10 * m0 - l1 * sp0;
      c11 += e11 * m1 - l1 * sp1;
    }
    outN[o0 + t] += n00;
    outC[o0 + t] += c00;
    outN[o1 + t] += n10;
    outC[o1 + t] += c10;
    if (t + 1 < P) {
      outN[o0 + t + 1] += n01;
      outC[o0 + t + 1] += c01;
      outN[o1 + t + 1] += n11;
      outC[o1 + t + 1] += c11;
    }
  }
}

/** Hill channels with a drawn margin: cell fields Y, Z1, BR, G, V, SP; scalars A, H, G, LS, LG, LV. */
export function hillGroupMargins(g: FastGroup, sv: Float64Array, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
  const n = g.channels.length;
  const x = g.data;
  for (let t = 0; t < P; t += 2) {
    let n00 = 0;
    let n01 = 0;
    let n10 = 0;
    let n11 = 0;
    let c00 = 0;
    let c01 = 0;
    let c10 = 0;
    let c11 = 0;
    for (let k = 0, d = t * n * 6, s = 0; k < n; k++, d += 12, s += 12) {
      const y0 = x[d];
      const y1 = x[d + 6];
      const p0 = sv[s + 1] + sv[s + 2] * y0;
      const p1 = sv[s + 1] + sv[s + 2] * y1;
      const r0 = 1 / (p0 * p1);
      const q0 = sv[s + 7] + sv[s + 8] * y0;
      const q1 = sv[s + 7] + sv[s + 8] * y1;
      const r1 = 1 / (q0 * q1);
      const e00 = sv[s] * x[d + 2] + x[d + 1] * (p1 * r0);
      const e01 = sv[s] * x[d + 8] + x[d + 7] * (p0 * r0);
      const e10 = sv[s + 6] * x[d + 2] + x[d + 1] * (q1 * r1);
      const e11 = sv[s + 6] * x[d + 8] + x[d + 7] * (q0 * r1);
      n00 += e00;
      n01 += e01;
      n10 += e10;
      n11 += e11;
      c00 += e00 * (sv[s + 4] * x[d + 3] - sv[s + 5] * x[d + 4]) - sv[s + 3] * x[d + 5];
      c01 += e01 * (sv[s + 4] * x[d + 9] - sv[s + 5] * x[d + 10]) - sv[s + 3] * x[d + 11];
      c10 += e10 * (sv[s + 10] * x[d + 3] - sv[s + 11] * x[d + 4]) - sv[s + 9] * x[d + 5];
      c11 += e11 * (sv[s + 10] * x[d + 9] - sv[s + 11] * x[d + 10]) - sv[s + 9] * x[d + 11];
    }
    outN[o0 + t] += n00;
    outC[o0 + t] += c00;
    outN[o1 + t] += n10;
    outC[o1 + t] += c10;
    if (t + 1 < P) {
      outN[o0 + t + 1] += n01;
      outC[o0 + t + 1] += c01;
      outN[o1 + t + 1] += n11;
      outC[o1 + t + 1] += c11;
    }
  }
}

/**
 * Channels whose spend-driven traffic is a scalar multiple of a precomputed series: cell fields
 * BR, IR, M (or BR, IR, G, V); scalars A, B (and LG, LV).
 */
export function linearGroup(g: FastGroup, sv: Float64Array, gv: boolean, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
  const n = g.channels.length;
  const x = g.data;
  for (let t = 0; t < P; t++) {
    let n0 = 0;
    let n1 = 0;
    let c0 = 0;
    let c1 = 0;
    if (!gv) {
      for (let k = 0, d = t * n * 3, s = 0; k < n; k++, d += 3, s += 4) {
        const br = x[d];
        const ir = x[d + 1];
        const mm = x[d + 2];
        const e0 = sv[s] * br + sv[s + 1] * ir;
        const e1 = sv[s + 2] * br + sv[s + 3] * ir;
        n0 += e0;
        n1 += e1;
        c0 += e0 * mm;
        c1 += e1 * mm;
      }
    } else {
      for (let k = 0, d = t * n * 4, s = 0; k < n; k++, d += 4, s += 8) {
        const br = x[d];
        const ir = x[d + 1];
        const gm = x[d + 2];
        const vc = x[d + 3];
        const e0 = sv[s] * br + sv[s + 1] * ir;
        const e1 = sv[s + 4] * br + sv[s + 5] * ir;
        n0 += e0;
        n1 += e1;
        c0 += e0 * (sv[s + 2] * gm - sv[s + 3] * vc);
        c1 += e1 * (sv[s + 6] * gm - sv[s + 7] * vc);
      }
    }
    outN[o0 + t] += n0;
    outC[o0 + t] += c0;
    outN[o1 + t] += n1;
    outC[o1 + t] += c1;
  }
}

/** Uncertain spend and fixed cost: contribution −= Σ weight · series. */
export function linearTerms(x: Float64Array, w: Float64Array, J: number, P: number, outC: Float64Array, o0: number, o1: number): void {
  for (let t = 0; t < P; t++) {
    let s0 = 0;
    let s1 = 0;
    for (let j = 0, d = t * J, e = 0; j < J; j++, d++, e += 2) {
      const v = x[d];
      s0 += w[e] * v;
      s1 += w[e + 1] * v;
    }
    outC[o0 + t] -= s0;
    outC[o1 + t] -= s1;
  }
}

/** Every cell of one channel in one draw, exactly as the formula graph (without rounding). */
export function generalChannel(
  m: MonteCarloModel, c: number, sc: Scratch, mul: Float64Array, add: Float64Array, outN: Float64Array, outC: Float64Array, o: number,
): void {
  const P = m.periods;
  const C = m.channels;
  const v = sc.vals;
  const curve = m.curves[c];
  const k = m.chCann[c];
  for (let t = 0; t < P; t++) {
    for (let d = 0; d < ND; d++) {
      const x = m.series[(d * C + c) * P + t];
      const s = m.chSlot[c * ND + d];
      // A slot holds a factor (addition 0) or an addition (factor 1), or both for a row that ranges
      // of its region and of its whole channel move in different ways (links, see mcModel.ts).
      v[d] = s < 0 ? x : clampTo(x * mul[s] + add[s], DRIVER_MAX[d]);
    }
    const e = m.chElasticity[c];
    if (e >= 0) {
      const draw = m.elasticity[e];
      const l = draw.lnIndex[t];
      if (l !== 0 && sc.elasDelta[c] !== 0) v[draw.driver] = clampTo(v[draw.driver] * Math.exp(sc.elasDelta[c] * l), DRIVER_MAX[draw.driver]);
    }
    const cell = cellValues(v[D.spend], v[D.baseTraffic], v[D.conversion], v[D.aov], v[D.returnRate], v[D.channelMargin],
      v[D.grossMargin], v[D.variableCostRate], v[D.fixedCost], curve);
    outN[o + t] += cell.net;
    outC[o + t] += cell.contribution;
    if (k >= 0) {
      sc.cNet[k * P + t] = cell.net;
      sc.cInc[k * P + t] = cell.traffic > 0 ? (cell.net * cell.incremental) / cell.traffic : 0;
      sc.cMargin[k * P + t] = v[D.grossMargin] - v[D.variableCostRate];
    }
  }
  // A fast channel computed here (a fallback) had its certain spend and fixed cost folded into the
  // constants; cellValues subtracted them again, so give them back.
  if (m.chKind[c] === K_FAST) {
    for (let t = 0; t < P; t++) {
      if (m.chSlot[c * ND + D.spend] < 0) outC[o + t] += m.series[(D.spend * C + c) * P + t];
      if (m.chSlot[c * ND + D.fixedCost] < 0) outC[o + t] += m.series[(D.fixedCost * C + c) * P + t];
    }
  }
}

/**
 * Cannibalisation after all channels of a draw (as computeFromSeries): each victim loses
 * Σ rate × the spend-driven net revenue of its sources, never more than its own revenue; its
 * contribution falls by the loss × (grossMargin − variableCostRate).
 */
export function applyCannibalisation(m: MonteCarloModel, sc: Scratch, outN: Float64Array, outC: Float64Array, o: number): void {
  const P = m.periods;
  sc.loss.fill(0);
  for (let p = 0; p < m.pairRate.length; p++) {
    const f = m.chCann[m.pairFrom[p]] * P;
    const to = m.chCann[m.pairTo[p]] * P;
    const rate = m.pairRate[p];
    for (let t = 0; t < P; t++) sc.loss[to + t] += rate * sc.cInc[f + t];
  }
  for (let i = 0; i < sc.loss.length; i++) {
    const loss = sc.loss[i];
    if (!(loss > 0)) continue;
    const before = sc.cNet[i];
    const cut = loss > before ? Math.max(0, before) : loss;
    const t = i % P;
    outN[o + t] -= cut;
    outC[o + t] -= cut * sc.cMargin[i];
    // The rebate is settled on the revenue the channel keeps.
    sc.cNet[i] = before - cut;
  }
}

/**
 * Rebates after cannibalisation (as computeFromSeries): each settlement period's rebate on the
 * channel's net revenue (the sum of its rows for a channel computed by region), accrued to its
 * months and rows in proportion to their revenue; a cost only.
 */
export function applyRebates(m: MonteCarloModel, sc: Scratch, outC: Float64Array, o: number): void {
  const P = m.periods;
  for (const { channels, scheme, groupEnds } of m.rebates) {
    let start = 0;
    for (let g = 0; g < groupEnds.length; g++) {
      const end = groupEnds[g];
      let sales = 0;
      for (let q = 0; q < channels.length; q++) {
        const base = m.chCann[channels[q]] * P;
        for (let t = start; t < end; t++) sales += sc.cNet[base + t];
      }
      if (sales > 0) {
        const perUnit = rebateAmount(scheme, sales) / sales;
        for (let q = 0; q < channels.length; q++) {
          const base = m.chCann[channels[q]] * P;
          for (let t = start; t < end; t++) outC[o + t] -= perUnit * sc.cNet[base + t];
        }
      }
      start = end;
    }
  }
}
