/** The prepared Monte Carlo model and its layout constants (see montecarlo.ts for the method). */
import type { ElasticityDraw } from './priceDraws';
import { DRIVER_SPECS } from '../drivers';
import { DRIVER_KEYS, type DriverKey, type RebateScheme, type ResponseCurve, type UncertainDriver } from '../types';
import type { MonteCarloKernel } from './wasm/kernel';

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
  /** Which loops computed the Hill channels (the same figures either way); absent from the reference. */
  kernel?: MonteCarloKernel;
}

export const ND = DRIVER_KEYS.length;
export const D = {
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
export const D_SPEND = D.spend;
export const D_BASE_TRAFFIC = D.baseTraffic;
export const D_CONVERSION = D.conversion;
export const D_AOV = D.aov;
export const D_RETURN_RATE = D.returnRate;
export const D_GROSS_MARGIN = D.grossMargin;
export const D_CHANNEL_MARGIN = D.channelMargin;
export const D_VARIABLE_COST_RATE = D.variableCostRate;
export const D_FIXED_COST = D.fixedCost;
export const DRIVER_MAX = Float64Array.from(DRIVER_KEYS, (k) => DRIVER_SPECS[k].max);

/** Channel kinds. */
export const K_CONST = 0;
export const K_FAST = 1;
export const K_GENERAL = 2;

/** How a fast channel's spend enters. */
export const SP_CERTAIN = 0;
/** Spend constant over time: the curve is evaluated once per draw. */
export const SP_FLAT = 1;
/** Spend scaled by λ, incremental traffic λ · inc_t (linear curve). */
export const SP_LINEAR = 2;
/** Spend scaled by λ, incremental traffic inc_t when λ > 0, else 0 (Hill with halfSat ≤ 0). */
export const SP_STEP = 3;
/** Spend scaled by λ, no incremental traffic (no curve). */
export const SP_ZERO = 4;
/** Spend scaled by λ on a Hill curve: inc_t = max / (1 + λ^(−s) · Y_t). */
export const SP_HILL = 5;

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
export const G_HILL_M = 0;
export const G_HILL_GV = 1;
export const G_LIN_M = 2;
export const G_LIN_GV = 3;
/** Per-cell fields and per-channel scalars of each group. */
export const GROUP_FIELDS = [5, 6, 3, 4] as const;
export const GROUP_SCALARS = [4, 6, 2, 4] as const;
/**
 * Bounds of a Hill denominator d = H + G·Y (H = 1/B, G = GI/B): within [1e-150, 1e150] the product
 * of two is a normal double, so one division gives both reciprocals to a few ulps.
 */
export const MAX_DENOMINATOR = 1e150;
/** H of a Hill term that must add nothing: d·d overflows to ∞, so 1/(d·d) = 0 and d·0 = 0. */
export const NULL_H = 1e200;

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
  /**
   * Tiered rebates: the channels whose net revenue one scheme settles on (one, or the rows of a
   * channel computed by region), with the end (exclusive) of each settlement period.
   */
  rebates: { channels: Int32Array; scheme: RebateScheme; groupEnds: Int32Array }[];
  /**
   * Links from a slot that collects the draws of a range of a whole channel computed as several
   * rows to each row's slot, applied after every draw: mul[to] ×= mul[from], add[to] += add[from] ·
   * share, lnMul[to] += lnMul[from]. Empty for a plan not computed by region.
   */
  linkFrom: Int32Array;
  linkTo: Int32Array;
  linkShare: Float64Array;
  /** Uncertain price elasticities (priceDraws.ts); their channels are computed cell by cell. */
  elasticity: ElasticityDraw[];
  /** Per channel: its entry in `elasticity`, −1 if none. */
  chElasticity: Int32Array;
}

/** Draws computed together: the group loops read each precomputed cell once for both. */
export const BLOCK = 2;

/** Scratch buffers of one run, reused across draws. */
export interface Scratch {
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
  /** Per channel: ε' − ε of the draw being computed (0 without an uncertain elasticity). */
  elasDelta: Float64Array;
}

