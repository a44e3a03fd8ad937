import type { DriverSeries } from '../driverSeries';
import { calendarMonths } from '../timeline';
import { clvOf } from '../customerValue/ltvCac';
import type { Plan } from '../types';

/**
 * What the optimiser maximises: the plan's contribution, its net revenue (spend not subtracted), or
 * contribution plus the lifetime value of the new customers it wins (`contributionClv`: new-customer
 * orders × the channel's CLV from the plan's customer-value snapshot; docs/model.md#customer-value).
 */
export type OptimiseObjective = 'contribution' | 'netRevenue' | 'contributionClv';

/** Objectives that subtract spend and fixed cost (contribution-like). */
export function subtractsSpend(objective: ModelMeasure): boolean {
  return objective === 'contribution' || objective === 'contributionClv';
}

/**
 * One channel's objective as a function of its TOTAL spend S over the plan (docs/model.md#budget-optimiser):
 *
 *   f(S) = constant + response(S) − spendCost · S
 *   response(S) = Σ_t value_t · curveTraffic(curve, S · w_t)
 *
 * S is spread over periods in proportion to `pattern` (w_t, Σ w_t = 1): the channel's current spend
 * series, so that moving budget keeps its seasonality, growth and typed overrides; a channel with no
 * spend today follows its spend seasonality (or an even split). value_t is what one extra visit is
 * worth in period t:
 *
 *   contribution: conversion · aov · (1 − returnRate) · (1 − channelMargin) · (grossMargin − variableCostRate)
 *   netRevenue:   conversion · aov · (1 − returnRate) · (1 − channelMargin)
 *   contributionClv: contribution's value + conversion · newCustomerShare · CLV (the channel's, minor units)
 *
 * which is the same per-visit value as compute.ts's marginal ROI. Cannibalisation is ignored here:
 * it couples channels (one channel's spend changes another's revenue), which would break the
 * separable structure that makes water-filling exact. The optimiser ranks reallocations by each
 * channel's own response; the scenario built from the answer is computed the ordinary way, with
 * cannibalisation, so the figures the user sees are the full model's. Tiered rebates are left out
 * for the same reason (a settlement period couples months, and a retroactive tier is a step) and
 * are likewise in the figures of the resulting scenario. Money is not rounded per cell
 * either, so f differs from computePlan's totals by at most a few minor units per cell.
 *
 * Everything is precomputed into flat arrays so that f, f' and f'' cost one Math.pow and a short loop.
 */
export interface ResponseModel {
  channelId: string;
  /** Total spend today (minor units), the sum of the resolved spend series. */
  today: number;
  /** w_t: share of the channel's total spend that falls in period t (Σ = 1). */
  pattern: Float64Array;
  /** Σ_t baseTraffic_t · value_t (− fixedCost_t for contribution): the part that spend does not move. */
  constant: number;
  /** 1 when the objective subtracts spend (contribution), 0 for net revenue. */
  spendCost: number;
  /**
   *   flat    no response to spend (curve none, max 0, or no value per visit)
   *   linear  response = gain · S
   *   hill    response = Σ_k c_k · y_k / (1 + y_k), y_k = a_k · S^shape
   *   step    a hill with halfSat 0: response = gain for any S > 0, 0 at S = 0
   */
  kind: 'flat' | 'linear' | 'hill' | 'step';
  gain: number;
  shape: number;
  /** Hill terms, one per period with spend share and value: a_k = (w_t / halfSat)^shape. */
  a: Float64Array;
  /** c_k = value_t · curve.max. */
  c: Float64Array;
  /** Σ c_k: the response once every term is saturated. */
  cSum: number;
  /** Σ c_k · a_k: the slope at S = 0 when shape = 1. */
  caSum: number;
  /**
   * Whether f is concave on [0, ∞): a hill with shape ≤ 1 and no negative value per visit, a line or
   * nothing. Anything else (S-shaped hill, a negative margin, a step) goes through the concave envelope.
   */
  concave: boolean;
}

/**
 * What a model measures: an objective, or new customers (new orders; the CAC rules of
 * docs/model.md#optimiser-policies divide spend by them).
 */
export type ModelMeasure = OptimiseObjective | 'newOrders';

/** Per-visit value of one cell for the measure; see ResponseModel. `clv`: the channel's CLV (contributionClv only). */
function visitValue(d: DriverSeries, i: number, objective: ModelMeasure, clv: number): number {
  if (objective === 'newOrders') return d.conversion[i] * d.newCustomerShare[i];
  const revenue = d.conversion[i] * d.aov[i] * (1 - d.returnRate[i]) * (1 - d.channelMargin[i]);
  if (objective === 'netRevenue') return revenue;
  const contribution = revenue * (d.grossMargin[i] - d.variableCostRate[i]);
  return objective === 'contributionClv' ? contribution + d.conversion[i] * d.newCustomerShare[i] * clv : contribution;
}

/**
 * w_t of one channel: its resolved spend series normalised; with no spend anywhere, its spend
 * seasonality (calendar-month indices) normalised; with neither, an even split.
 */
function spendPattern(plan: Plan, series: DriverSeries, c: number, P: number, cal: Uint8Array): { pattern: Float64Array; today: number } {
  const pattern = new Float64Array(P);
  let today = 0;
  for (let t = 0; t < P; t++) today += series.spend[c * P + t];
  if (today > 0) {
    for (let t = 0; t < P; t++) pattern[t] = series.spend[c * P + t] / today;
    return { pattern, today };
  }
  const season = plan.channels[c].drivers.spend?.seasonality;
  let sum = 0;
  if (season && season.length === 12) {
    for (let t = 0; t < P; t++) {
      const v = season[cal[t]];
      pattern[t] = Number.isFinite(v) && v > 0 ? v : 0;
      sum += pattern[t];
    }
  }
  if (sum > 0) for (let t = 0; t < P; t++) pattern[t] /= sum;
  else pattern.fill(1 / P);
  return { pattern, today: 0 };
}

/** Response models of every channel, in plan order, from resolved (and possibly adjusted) drivers. */
export function buildModels(plan: Plan, series: DriverSeries, objective: ModelMeasure): ResponseModel[] {
  const P = plan.timeline.periods;
  const cal = calendarMonths(plan.timeline);
  return plan.channels.map((ch, c) => {
    const { pattern, today } = spendPattern(plan, series, c, P, cal);
    const spendCost = subtractsSpend(objective) ? 1 : 0;
    const clv = objective === 'contributionClv' ? clvOf(plan.customerValue, ch.id) : 0;
    let constant = 0;
    const values = new Float64Array(P);
    for (let t = 0; t < P; t++) {
      const i = c * P + t;
      values[t] = visitValue(series, i, objective, clv);
      constant += series.baseTraffic[i] * values[t];
      if (spendCost === 1) constant -= series.fixedCost[i];
    }
    const curve = ch.curve;
    const model: ResponseModel = {
      channelId: ch.id, today, pattern, constant, spendCost,
      kind: 'flat', gain: 0, shape: curve.shape, a: new Float64Array(0), c: new Float64Array(0), cSum: 0, caSum: 0, concave: true,
    };
    // Mirrors curveTraffic's cases, so that f(today) is what compute.ts computes (less rounding).
    if (curve.type === 'none' || !(curve.max > 0)) return model;
    if (curve.type === 'linear') {
      if (!(curve.halfSat > 0)) return model;
      let gain = 0;
      for (let t = 0; t < P; t++) gain += (values[t] * pattern[t] * curve.max) / (2 * curve.halfSat);
      if (gain !== 0) Object.assign(model, { kind: 'linear', gain });
      return model;
    }
    if (!(curve.halfSat > 0)) {
      // curveTraffic gives `max` for any positive spend: a step at zero spend.
      let gain = 0;
      for (let t = 0; t < P; t++) if (pattern[t] > 0) gain += values[t] * curve.max;
      if (gain !== 0) Object.assign(model, { kind: 'step', gain, concave: false });
      return model;
    }
    const a: number[] = [];
    const cs: number[] = [];
    for (let t = 0; t < P; t++) {
      const value = values[t] * curve.max;
      if (pattern[t] <= 0 || value === 0) continue;
      a.push(Math.pow(pattern[t] / curve.halfSat, curve.shape));
      cs.push(value);
    }
    if (a.length === 0) return model;
    model.kind = 'hill';
    model.a = Float64Array.from(a);
    model.c = Float64Array.from(cs);
    for (let k = 0; k < a.length; k++) {
      model.cSum += cs[k];
      model.caSum += cs[k] * a[k];
    }
    model.concave = curve.shape <= 1 && cs.every((v) => v >= 0);
    return model;
  });
}

/** response(S): the spend-driven part of the objective, before spend is subtracted. */
export function response(m: ResponseModel, S: number): number {
  switch (m.kind) {
    case 'flat':
      return 0;
    case 'linear':
      return S > 0 ? m.gain * S : 0;
    case 'step':
      return S > 0 ? m.gain : 0;
    case 'hill': {
      if (S <= 0) return 0;
      const sigma = Math.pow(S, m.shape);
      if (!Number.isFinite(sigma)) return m.cSum;
      const { a, c } = m;
      let sum = 0;
      for (let k = 0; k < a.length; k++) {
        const y = a[k] * sigma;
        sum += (c[k] * y) / (1 + y);
      }
      return sum;
    }
  }
}

/**
 * d response / dS. At S = 0 a concave hill (shape < 1) has an infinite slope: ±Infinity is returned
 * (the sign of its value), which the solvers treat as "always worth the first unit".
 */
export function responseSlope(m: ResponseModel, S: number): number {
  switch (m.kind) {
    case 'flat':
    case 'step':
      return 0;
    case 'linear':
      return m.gain;
    case 'hill': {
      const s = m.shape;
      if (S <= 0) return s > 1 ? 0 : s === 1 ? m.caSum : m.caSum > 0 ? Infinity : m.caSum < 0 ? -Infinity : 0;
      const sigma = Math.pow(S, s);
      if (!Number.isFinite(sigma)) return 0;
      const { a, c } = m;
      let sum = 0;
      for (let k = 0; k < a.length; k++) {
        const y = a[k] * sigma;
        const q = 1 + y;
        sum += (c[k] * y) / (q * q);
      }
      return (s * sum) / S;
    }
  }
}

/** Slope and curvature of the response at once (one Math.pow), for Newton steps. */
export interface SlopeCurvature {
  slope: number;
  curvature: number;
}

/** Fills `out` with d response / dS and d² response / dS² at S > 0. */
export function slopeCurvature(m: ResponseModel, S: number, out: SlopeCurvature): void {
  if (m.kind !== 'hill') {
    out.slope = m.kind === 'linear' ? m.gain : 0;
    out.curvature = 0;
    return;
  }
  const s = m.shape;
  const sigma = Math.pow(S, s);
  if (!Number.isFinite(sigma) || S <= 0) {
    out.slope = responseSlope(m, S);
    out.curvature = 0;
    return;
  }
  const { a, c } = m;
  let d1 = 0;
  let d2 = 0;
  for (let k = 0; k < a.length; k++) {
    const y = a[k] * sigma;
    const q = 1 + y;
    const term = (c[k] * y) / (q * q);
    d1 += term;
    // d/dS [max·x/(1+x)] = max·s·x/(S(1+x)²); again: max·s·x·((s−1) − (s+1)x) / (S²(1+x)³)
    d2 += (term * (s - 1 - (s + 1) * y)) / q;
  }
  out.slope = (s * d1) / S;
  out.curvature = (s * d2) / (S * S);
}

/** The channel's objective at total spend S. */
export function channelValue(m: ResponseModel, S: number): number {
  return m.constant + response(m, S) - m.spendCost * S;
}

/** d objective / d S: marginal ROI for contribution (as compute.ts's marginalRoi), marginal ROAS for net revenue. */
export function channelMarginal(m: ResponseModel, S: number): number {
  return responseSlope(m, S) - m.spendCost;
}
