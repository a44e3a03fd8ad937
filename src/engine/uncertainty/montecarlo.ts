import { scenarioSeries } from '../compute';
import { curveTraffic } from '../curve';
import { DRIVER_SPECS } from '../drivers';
import { rebateAmount, settlementGroups } from '../rebates';
import { cannibalisationPairs } from '../scenarios/cannibalisation';
import { monthKeys } from '../timeline';
import { DRIVER_KEYS, type DriverKey, type Plan, type RebateScheme, type ResponseCurve, type UncertainDriver } from '../types';
import { driverBase } from './apply';
import { DIST_NORMAL, DIST_TRIANGULAR, DIST_UNIFORM, distributionParams, normalCentral, normalTail, NORMAL_SPLIT } from './distributions';
import { drawKey, drawKey2, uniformAt } from './rng';
import { assertUsable } from './validate';

/**
 * Monte Carlo over uncertain drivers (docs/model.md#monte-carlo), built for speed and for splitting over workers.
 *
 * Semantics (the same as naiveMonteCarlo, which is the reference):
 *   - draw i's numbers depend only on (seed, i): the k-th uncertain driver of draw i takes the value
 *     quantile(its distribution, u(seed, i, k)) (see rng.ts), so any split of [0, N) over any number
 *     of workers merges into identical per-draw results;
 *   - a drawn value x of a channel's driver multiplies that channel's whole resolved series of the
 *     driver (baseline, or the scenario's) by x / base (several ranges on one driver multiply); with
 *     base 0 it is added to every period; values are then kept inside the driver's bounds;
 *   - per draw the plan's net revenue and contribution are summed per period (plan totals over all
 *     channels) and over the whole timeline.
 *
 * Differences from computePlan, by design (they are far below sampling error; the tests bound them):
 *   - no rounding to minor units, neither of drawn drivers nor of the P&L lines: totals are reported
 *     in minor units as floats (computePlan rounds six lines per cell, so per draw the two differ by
 *     at most a few minor units per channel and period);
 *   - cannibalisation IS applied (loss = Σ rate × spend-driven net revenue of the source, never more
 *     than the victim's revenue), without rounding; channels in a cannibalisation pair are computed
 *     cell by cell in every draw;
 *   - newCustomerShare does not enter net revenue or contribution, so its ranges are not even drawn.
 *
 * How it is fast. prepareMonteCarlo resolves the drivers once and sorts channels into:
 *   - constant: no uncertain driver that matters: folded into per-period constants once;
 *   - fast: per draw the channel is a handful of scalars combined with precomputed per-period series:
 *       net_t = kR · (kB · BR_t + inc_t · Rb_t)        contribution_t = net_t · M_t − fixed_t − spend_t
 *     where Rb_t is the product of the revenue-per-visit factors that are certain (or scaled),
 *     BR_t = baseTraffic_t · Rb_t, and every uncertain driver is either a scalar multiple of its base
 *     series (a factor) or constant over time (a "flat" series, clamped as a scalar). A draw whose
 *     factor would push a non-flat series past its bound falls back to the exact cell-by-cell path
 *     for that channel.
 *     Uncertain spend on a Hill curve is evaluated exactly, not tabulated: with spend_t = λ·S_t,
 *       (λ·S_t / h)^s = λ^s · (S_t / h)^s,  so  inc_t = max / (1 + λ^(−s) · Y_t),  Y_t = (h / S_t)^s
 *     precomputed: one exp per channel and draw, and one division per two cells (see the group loops).
 *     Linear and step curves scale with λ, so they need no per-cell curve at all;
 *   - general: anything else (non-flat return or channel margin rates, additive non-flat series,
 *     cannibalisation): every cell of every draw, exactly as the formula graph.
 * Fast channels are evaluated period-major in four groups (Hill or not × margins certain or drawn),
 * two draws at a time so that each precomputed cell is read once for both; every sum runs over
 * channels in a fixed order and nothing is shared between the two draws, so a draw's figures are the
 * same whichever draw it is paired with (that is what makes any split over workers give identical
 * results, bit for bit).
 */

export interface MonteCarloOptions {
  scenarioId: string | null;
  uncertainty: readonly UncertainDriver[];
}

/** Per-draw results of draws [from, to). Money in minor units (floats, not rounded). */
export interface MonteCarloChunk {
  from: number;
  to: number;
  /** Per draw: total contribution over all channels and periods. */
  totalContribution: Float64Array;
  /** Per draw: total net revenue. */
  totalNetRevenue: Float64Array;
  /** Draws × periods, row-major (index = (draw − from) · periods + period): plan net revenue per period. */
  periodNetRevenue: Float64Array;
  /** Draws × periods, row-major: plan contribution per period. */
  periodContribution: Float64Array;
}

const ND = DRIVER_KEYS.length;
const D = {
  spend: DRIVER_KEYS.indexOf('spend'),
  baseTraffic: DRIVER_KEYS.indexOf('baseTraffic'),
  conversion: DRIVER_KEYS.indexOf('conversion'),
  aov: DRIVER_KEYS.indexOf('aov'),
  returnRate: DRIVER_KEYS.indexOf('returnRate'),
  grossMargin: DRIVER_KEYS.indexOf('grossMargin'),
  channelMargin: DRIVER_KEYS.indexOf('channelMargin'),
  variableCostRate: DRIVER_KEYS.indexOf('variableCostRate'),
  fixedCost: DRIVER_KEYS.indexOf('fixedCost'),
  newCustomerShare: DRIVER_KEYS.indexOf('newCustomerShare'),
} satisfies Record<DriverKey, number>;
const D_SPEND = D.spend;
const D_BASE_TRAFFIC = D.baseTraffic;
const D_CONVERSION = D.conversion;
const D_AOV = D.aov;
const D_RETURN_RATE = D.returnRate;
const D_GROSS_MARGIN = D.grossMargin;
const D_CHANNEL_MARGIN = D.channelMargin;
const D_VARIABLE_COST_RATE = D.variableCostRate;
const D_FIXED_COST = D.fixedCost;
const DRIVER_MAX = Float64Array.from(DRIVER_KEYS, (k) => DRIVER_SPECS[k].max);

/** Channel kinds. */
const K_CONST = 0;
const K_FAST = 1;
const K_GENERAL = 2;

/** How a fast channel's spend enters. */
const SP_CERTAIN = 0;
/** Spend constant over time: the curve is evaluated once per draw. */
const SP_FLAT = 1;
/** Spend scaled by λ, incremental traffic λ · inc_t (linear curve). */
const SP_LINEAR = 2;
/** Spend scaled by λ, incremental traffic inc_t when λ > 0, else 0 (Hill with halfSat ≤ 0). */
const SP_STEP = 3;
/** Spend scaled by λ, no incremental traffic (no curve). */
const SP_ZERO = 4;
/** Spend scaled by λ on a Hill curve: inc_t = max / (1 + λ^(−s) · Y_t). */
const SP_HILL = 5;

/**
 * Fast channels are evaluated in four groups, period-major (for each period, all channels of a group,
 * accumulating in registers). Per cell, with per-draw scalars A, B, GI, LG, LV of the channel:
 *   hill:    net = A·BR + Z1 / (H + G·Y)         (Z1 = max·Rb; Y = (halfSat / spend)^shape;
 *                                                  H = 1/B, G = GI/B: B·Z1/(1 + GI·Y) with one product less),
 *            contribution −= LS·SP               (SP = spend; a Hill channel's spend is always drawn)
 *   linear:  net = A·BR + B·IR                   (IR = inc·Rb at the base spend, or Rb, see SP_*)
 *   margin fixed:  contribution += net · M       (M = grossMargin − variableCostRate)
 *   margin drawn:  contribution += net · (LG·G − LV·V)
 * Other uncertain spend and fixed cost enter contribution linearly: − LS·SP − KF·FX ("linear terms").
 */
const G_HILL_M = 0;
const G_HILL_GV = 1;
const G_LIN_M = 2;
const G_LIN_GV = 3;
/** Per-cell fields and per-channel scalars of each group. */
const GROUP_FIELDS = [5, 6, 3, 4] as const;
const GROUP_SCALARS = [4, 6, 2, 4] as const;
/**
 * Bounds of a Hill denominator d = H + G·Y (H = 1/B, G = GI/B): within [1e-150, 1e150] the product
 * of two is a normal double, so one division gives both reciprocals to a few ulps.
 */
const MAX_DENOMINATOR = 1e150;
/** H of a Hill term that must add nothing: d·d overflows to ∞, so 1/(d·d) = 0 and d·0 = 0. */
const NULL_H = 1e200;

export interface FastGroup {
  /** Channel indices, in plan order. */
  channels: Int32Array;
  /**
   * Period-major. Linear groups: index = (t · channels.length + k) · fields + field. Hill groups
   * interleave two periods per channel: index = ((⌊t/2⌋ · channels.length + k) · 2 + t mod 2) · fields
   * + field, over an even number of periods (an odd timeline gets a zero period at the end).
   */
  data: Float64Array;
}

/**
 * Everything a worker needs to run draws, as plain typed arrays and numbers (structured-cloneable;
 * post it to each worker once). Build it with prepareMonteCarlo.
 */
export interface MonteCarloModel {
  kind: 'monteCarloModel';
  version: 1;
  periods: number;
  channels: number;
  /** Per uncertain driver, in input order: distribution code and parameters, slot (−1: no effect). */
  entryCode: Int8Array;
  entryP1: Float64Array;
  entryP2: Float64Array;
  entrySlot: Int32Array;
  /** Per slot (one channel × driver; several ranges on it combine). */
  slotDriver: Int32Array;
  /** The driver's base: a draw x gives factor x / base; 0 means x is added. */
  slotBase: Float64Array;
  /** 1 when the series is the same in every period. */
  slotFlat: Uint8Array;
  /**
   * ln(base) of the spend slots of Hill channels (NaN for other slots): for them each draw also sums
   * ln(x / base), so that λ^(−shape) needs one exp (for a lognormal range ln x = μ + σz is exact).
   */
  slotLnBase: Float64Array;
  slotFirst: Float64Array;
  slotMax: Float64Array;
  /** Per channel: K_CONST | K_FAST | K_GENERAL. */
  chKind: Int8Array;
  /** Per channel: SP_* (fast channels). */
  chSpend: Int8Array;
  /** Slot of each channel × driver, −1 when certain: index = c · drivers + d. */
  chSlot: Int32Array;
  /** Uncertain drivers of channel c: uDriver / uSlot[chUStart[c] … chUStart[c + 1]). */
  chUStart: Int32Array;
  uDriver: Int32Array;
  uSlot: Int32Array;
  /** Fast group and position in it, −1 if not fast. */
  chGroup: Int8Array;
  chPos: Int32Array;
  /** Largest Y of a hill channel (for the overflow guard) and its curve's shape. */
  chMaxY: Float64Array;
  chShape: Float64Array;
  /** Linear term of uncertain spend / fixed cost, −1 if none. */
  chLinSpend: Int32Array;
  chLinFixed: Int32Array;
  /** Position among the channels in cannibalisation pairs, −1 if none. */
  chCann: Int32Array;
  curves: ResponseCurve[];
  fastChannels: Int32Array;
  generalChannels: Int32Array;
  groups: FastGroup[];
  /** Linear terms, period-major: index = t · terms + j. */
  linCount: number;
  linData: Float64Array;
  /** Resolved drivers, driver-major: index = (d · channels + c) · periods + t. */
  series: Float64Array;
  constNet: Float64Array;
  constContribution: Float64Array;
  pairFrom: Int32Array;
  pairTo: Int32Array;
  pairRate: Float64Array;
  cannCount: number;
  /** Channels paid a tiered rebate, with the end (exclusive) of each settlement period. */
  rebates: { channel: number; scheme: RebateScheme; groupEnds: Int32Array }[];
}

/**
 * Resolves the plan (or scenario) once and precomputes what every draw shares. Throws
 * UncertaintyError when a range is unusable, ScenarioError for an unknown scenario.
 */
export function prepareMonteCarlo(plan: Plan, opts: MonteCarloOptions): MonteCarloModel {
  assertUsable(plan, opts.uncertainty, true);
  const { series: resolved } = scenarioSeries(plan, opts.scenarioId);
  const C = plan.channels.length;
  const P = plan.timeline.periods;
  const series = new Float64Array(ND * C * P);
  DRIVER_KEYS.forEach((k, d) => series.set(resolved[k], d * C * P));
  const val = (d: number, c: number, t: number): number => series[(d * C + c) * P + t];
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));

  // Entries and slots.
  const K = opts.uncertainty.length;
  const entryCode = new Int8Array(K);
  const entryP1 = new Float64Array(K);
  const entryP2 = new Float64Array(K);
  const entrySlot = new Int32Array(K);
  const slotOf = new Map<number, number>();
  const slots: { c: number; d: number }[] = [];
  opts.uncertainty.forEach((u, k) => {
    if (u.low === u.high) {
      entryCode[k] = DIST_UNIFORM;
      entryP1[k] = u.low;
      entryP2[k] = 0;
    } else {
      const p = distributionParams(u);
      entryCode[k] = p.code;
      entryP1[k] = p.p1;
      entryP2[k] = p.p2;
    }
    const c = index.get(u.channelId) as number;
    const d = D[u.driver];
    if (d === D.newCustomerShare) {
      entrySlot[k] = -1;
      return;
    }
    let s = slotOf.get(c * ND + d);
    if (s === undefined) {
      s = slots.length;
      slots.push({ c, d });
      slotOf.set(c * ND + d, s);
    }
    entrySlot[k] = s;
  });
  const S = slots.length;
  const slotDriver = Int32Array.from(slots, (s) => s.d);
  const slotBase = Float64Array.from(slots, (s) => driverBase(plan, s.c, DRIVER_KEYS[s.d]));
  const slotFlat = new Uint8Array(S);
  const slotFirst = new Float64Array(S);
  const slotMax = new Float64Array(S);
  slots.forEach((s, j) => {
    const first = val(s.d, s.c, 0);
    let flat = 1;
    let max = first;
    for (let t = 0; t < P; t++) {
      const v = val(s.d, s.c, t);
      if (v !== first) flat = 0;
      if (v > max) max = v;
    }
    slotFlat[j] = flat;
    slotFirst[j] = first;
    slotMax[j] = max;
  });
  const chSlot = new Int32Array(C * ND).fill(-1);
  slots.forEach((s, j) => (chSlot[s.c * ND + s.d] = j));
  const chUStart = new Int32Array(C + 1);
  const uDriver: number[] = [];
  const uSlot: number[] = [];
  for (let c = 0; c < C; c++) {
    chUStart[c] = uDriver.length;
    for (let d = 0; d < ND; d++) {
      if (chSlot[c * ND + d] >= 0) {
        uDriver.push(d);
        uSlot.push(chSlot[c * ND + d]);
      }
    }
  }
  chUStart[C] = uDriver.length;

  // Cannibalisation and rebates: channels in a pair, and channels paid a rebate (settled on a whole
  // period's revenue), are computed cell by cell in every draw with their net revenue kept.
  const pairs = cannibalisationPairs(plan);
  const chCann = new Int32Array(C).fill(-1);
  let cannCount = 0;
  for (const p of pairs) {
    for (const c of [p.from, p.to]) if (chCann[c] < 0) chCann[c] = cannCount++;
  }
  const months = monthKeys(plan.timeline);
  const rebates: MonteCarloModel['rebates'] = [];
  plan.channels.forEach((ch, c) => {
    if (!ch.rebate || ch.rebate.tiers.length === 0) return;
    if (chCann[c] < 0) chCann[c] = cannCount++;
    const groups = settlementGroups(months, ch.rebate.period);
    rebates.push({ channel: c, scheme: ch.rebate, groupEnds: Int32Array.from(groups, (g) => g.end) });
  });

  // Classify channels.
  const curves = plan.channels.map((ch) => ({ ...ch.curve }));
  const chKind = new Int8Array(C);
  const chSpend = new Int8Array(C);
  const chGroup = new Int8Array(C).fill(-1);
  const chPos = new Int32Array(C).fill(-1);
  const chMaxY = new Float64Array(C);
  const chLinSpend = new Int32Array(C).fill(-1);
  const chLinFixed = new Int32Array(C).fill(-1);
  const groupMembers: number[][] = [[], [], [], []];
  const lin: { c: number; d: number }[] = [];
  for (let c = 0; c < C; c++) {
    const slot = (d: number): number => chSlot[c * ND + d];
    let any = false;
    let fast = true;
    for (let d = 0; d < ND; d++) {
      const s = slot(d);
      if (s < 0) continue;
      any = true;
      if (slotFlat[s] === 1) continue;
      // Non-flat: a factor of the base series works only where the driver enters as a product.
      if (slotBase[s] === 0 || d === D.returnRate || d === D.channelMargin) fast = false;
    }
    chKind[c] = chCann[c] >= 0 ? K_GENERAL : !any ? K_CONST : fast ? K_FAST : K_GENERAL;
    if (chKind[c] !== K_FAST) continue;
    const curve = curves[c];
    let mode = SP_CERTAIN;
    const sp = slot(D.spend);
    if (sp >= 0) {
      if (slotFlat[sp] === 1) mode = SP_FLAT;
      else if (curve.type === 'none' || !(curve.max > 0)) mode = SP_ZERO;
      else if (!(curve.halfSat > 0)) mode = curve.type === 'hill' ? SP_STEP : SP_ZERO;
      else mode = curve.type === 'linear' ? SP_LINEAR : SP_HILL;
      if (mode !== SP_HILL) {
        chLinSpend[c] = lin.length;
        lin.push({ c, d: D.spend });
      }
    }
    if (slot(D.fixedCost) >= 0) {
      chLinFixed[c] = lin.length;
      lin.push({ c, d: D.fixedCost });
    }
    chSpend[c] = mode;
    const marginFixed = slot(D.grossMargin) < 0 && slot(D.variableCostRate) < 0;
    const g = mode === SP_HILL ? (marginFixed ? G_HILL_M : G_HILL_GV) : marginFixed ? G_LIN_M : G_LIN_GV;
    chGroup[c] = g;
    chPos[c] = groupMembers[g].length;
    groupMembers[g].push(c);
  }

  const constNet = new Float64Array(P);
  const constContribution = new Float64Array(P);
  const groups: FastGroup[] = groupMembers.map((members, g) => ({
    channels: Int32Array.from(members),
    data: new Float64Array((P + (P & 1)) * members.length * GROUP_FIELDS[g]),
  }));
  const J = lin.length;
  const linData = new Float64Array(P * J);
  lin.forEach((term, j) => {
    const flat = slotFlat[chSlot[term.c * ND + term.d]] === 1;
    for (let t = 0; t < P; t++) linData[t * J + j] = flat ? 1 : val(term.d, term.c, t);
  });

  for (let c = 0; c < C; c++) {
    const curve = curves[c];
    if (chKind[c] === K_CONST) {
      for (let t = 0; t < P; t++) {
        const cell = cellValues(val(D.spend, c, t), val(D.baseTraffic, c, t), val(D.conversion, c, t), val(D.aov, c, t), val(D.returnRate, c, t),
          val(D.channelMargin, c, t), val(D.grossMargin, c, t), val(D.variableCostRate, c, t), val(D.fixedCost, c, t), curve);
        constNet[t] += cell.net;
        constContribution[t] += cell.contribution;
      }
      continue;
    }
    if (chKind[c] !== K_FAST) continue;
    const uncertain = (d: number): boolean => chSlot[c * ND + d] >= 0;
    const flat = (d: number): boolean => uncertain(d) && slotFlat[chSlot[c * ND + d]] === 1;
    const mode = chSpend[c];
    const g = chGroup[c];
    const n = groups[g].channels.length;
    const nf = GROUP_FIELDS[g];
    const data = groups[g].data;
    let maxY = 0;
    for (let t = 0; t < P; t++) {
      const spend = val(D.spend, c, t);
      // Revenue per visit from the factors that are not flat-uncertain (those become scalars).
      let rb = 1;
      if (!flat(D.conversion)) rb *= val(D.conversion, c, t);
      if (!flat(D.aov)) rb *= val(D.aov, c, t);
      if (!uncertain(D.returnRate)) rb *= 1 - val(D.returnRate, c, t);
      if (!uncertain(D.channelMargin)) rb *= 1 - val(D.channelMargin, c, t);
      const br = (flat(D.baseTraffic) ? 1 : val(D.baseTraffic, c, t)) * rb;
      const at = mode === SP_HILL ? (((t >> 1) * n + chPos[c]) * 2 + (t & 1)) * nf : (t * n + chPos[c]) * nf;
      if (mode === SP_HILL) {
        // A cell without spend has no spend-driven traffic at any factor: Z1 = 0 keeps it out.
        const y = spend > 0 ? Math.pow(curve.halfSat / spend, curve.shape) : 0;
        const z1 = spend > 0 && Number.isFinite(y) ? curve.max * rb : 0;
        data[at] = Number.isFinite(y) ? y : 0;
        data[at + 1] = z1;
        data[at + 2] = br;
        data[at + nf - 1] = spend;
        if (z1 !== 0 && y > maxY) maxY = y;
      } else {
        data[at] = br;
        data[at + 1] = mode === SP_FLAT ? rb : mode === SP_ZERO ? 0 : curveTraffic(curve, spend) * rb;
      }
      const m = at + (mode === SP_HILL ? 3 : 2);
      if (g === G_HILL_M || g === G_LIN_M) {
        data[m] = val(D.grossMargin, c, t) - val(D.variableCostRate, c, t);
      } else {
        data[m] = flat(D.grossMargin) ? 1 : val(D.grossMargin, c, t);
        data[m + 1] = flat(D.variableCostRate) ? 1 : val(D.variableCostRate, c, t);
      }
      if (!uncertain(D.fixedCost)) constContribution[t] -= val(D.fixedCost, c, t);
      if (!uncertain(D.spend)) constContribution[t] -= spend;
    }
    chMaxY[c] = maxY;
  }

  const spendHill = slots.map((sl) => sl.d === D.spend && chSpend[sl.c] === SP_HILL && chKind[sl.c] === K_FAST);
  const all = Int32Array.from({ length: C }, (_, c) => c);
  return {
    kind: 'monteCarloModel',
    version: 1,
    periods: P,
    channels: C,
    entryCode, entryP1, entryP2, entrySlot,
    slotDriver, slotBase, slotFlat, slotFirst, slotMax,
    chShape: Float64Array.from(curves, (cv) => cv.shape),
    slotLnBase: Float64Array.from(slotBase, (b, j) => (spendHill[j] && b > 0 ? Math.log(b) : NaN)),
    chKind, chSpend, chSlot, chUStart, uDriver: Int32Array.from(uDriver), uSlot: Int32Array.from(uSlot), chGroup, chPos, chMaxY, chLinSpend, chLinFixed, chCann, curves,
    fastChannels: all.filter((c) => chKind[c] === K_FAST),
    generalChannels: all.filter((c) => chKind[c] === K_GENERAL),
    groups,
    linCount: J,
    linData,
    series,
    constNet,
    constContribution,
    pairFrom: Int32Array.from(pairs, (p) => p.from),
    pairTo: Int32Array.from(pairs, (p) => p.to),
    pairRate: Float64Array.from(pairs, (p) => p.rate),
    cannCount,
    rebates,
  };
}

/** One cell of the formula graph without rounding (docs/model.md#cell-formulas), for constant and general channels. */
function cellValues(
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

function clampTo(v: number, max: number): number {
  // Every driver's minimum is 0 (DRIVER_SPECS); a non-finite value becomes 0 as in inBounds.
  return !Number.isFinite(v) ? 0 : v > max ? max : v < 0 ? 0 : v;
}

/** Draws computed together: the group loops read each precomputed cell once for both. */
const BLOCK = 2;

/** Scratch buffers of one run, reused across draws. */
interface Scratch {
  /** Per draw of the block: combined factor and addition of each slot. */
  mul: Float64Array[];
  add: Float64Array[];
  /** Σ ln(x / base) of the slots that track it (slotLnBase not NaN). */
  lnMul: Float64Array[];
  vals: Float64Array;
  /** Per-draw scalars of each fast group: index = (k · BLOCK + r) · scalars + j. */
  scalars: Float64Array[];
  /** Linear-term weights: index = j · BLOCK + r. */
  linW: Float64Array;
  /** Fast channels that fell back to the exact path, per draw of the block. */
  fallback: Int32Array[];
  fallbacks: number[];
  cNet: Float64Array;
  cInc: Float64Array;
  cMargin: Float64Array;
  loss: Float64Array;
}

/**
 * Draws [from, to) of a prepared model. Draw i depends only on (seed, i): chunks from any split,
 * computed anywhere, concatenate to the same per-draw results.
 */
export function runMonteCarloChunk(model: MonteCarloModel, seed: number, from: number, to: number): MonteCarloChunk {
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
  };
  const outN = chunk.periodNetRevenue;
  const outC = chunk.periodContribution;
  const g = m.groups;
  const general = m.generalChannels;
  for (let i = from; i < to; i += BLOCK) {
    const count = Math.min(BLOCK, to - i);
    for (let r = 0; r < BLOCK; r++) {
      const o = (i - from + r) * P;
      if (r < count) {
        drawFactors(m, seed, i + r, sc.mul[r], sc.add[r], sc.lnMul[r]);
        outN.set(m.constNet, o);
        outC.set(m.constContribution, o);
      }
      // A missing last draw of the block gets zero scalars: the loops add nothing for it.
      sc.fallbacks[r] = fastScalars(m, sc, r, r < count);
    }
    const o0 = (i - from) * P;
    const o1 = count > 1 ? o0 + P : o0;
    if (g[G_HILL_M].channels.length > 0) hillGroup(g[G_HILL_M], sc.scalars[G_HILL_M], P, outN, outC, o0, o1);
    if (g[G_HILL_GV].channels.length > 0) hillGroupMargins(g[G_HILL_GV], sc.scalars[G_HILL_GV], P, outN, outC, o0, o1);
    if (g[G_LIN_M].channels.length > 0) linearGroup(g[G_LIN_M], sc.scalars[G_LIN_M], false, P, outN, outC, o0, o1);
    if (g[G_LIN_GV].channels.length > 0) linearGroup(g[G_LIN_GV], sc.scalars[G_LIN_GV], true, P, outN, outC, o0, o1);
    if (m.linCount > 0) linearTerms(m.linData, sc.linW, m.linCount, P, outC, o0, o1);
    for (let r = 0; r < count; r++) {
      const o = (i - from + r) * P;
      const fb = sc.fallback[r];
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

/** Hill channels with certain margins: cell fields Y, Z1, BR, M, SP; scalars A, H, G, LS. */
function hillGroup(g: FastGroup, sv: Float64Array, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
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
function hillGroupMargins(g: FastGroup, sv: Float64Array, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
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
function linearGroup(g: FastGroup, sv: Float64Array, gv: boolean, P: number, outN: Float64Array, outC: Float64Array, o0: number, o1: number): void {
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
function linearTerms(x: Float64Array, w: Float64Array, J: number, P: number, outC: Float64Array, o0: number, o1: number): void {
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
function generalChannel(
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
      v[d] = s < 0 ? x : clampTo(m.slotBase[s] !== 0 ? x * mul[s] : x + add[s], DRIVER_MAX[d]);
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
function applyCannibalisation(m: MonteCarloModel, sc: Scratch, outN: Float64Array, outC: Float64Array, o: number): void {
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
 * channel's net revenue, accrued to its months in proportion to their revenue; a cost only.
 */
function applyRebates(m: MonteCarloModel, sc: Scratch, outC: Float64Array, o: number): void {
  const P = m.periods;
  for (const { channel, scheme, groupEnds } of m.rebates) {
    const base = m.chCann[channel] * P;
    let start = 0;
    for (let g = 0; g < groupEnds.length; g++) {
      const end = groupEnds[g];
      let sales = 0;
      for (let t = start; t < end; t++) sales += sc.cNet[base + t];
      if (sales > 0) {
        const perUnit = rebateAmount(scheme, sales) / sales;
        for (let t = start; t < end; t++) outC[o + t] -= perUnit * sc.cNet[base + t];
      }
      start = end;
    }
  }
}
