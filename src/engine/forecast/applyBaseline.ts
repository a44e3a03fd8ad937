/**
 * "Apply as baseline": make the plan's net revenue of chosen channels follow a forecast. The forecast
 * is total demand, so it sets the channel's base traffic — the traffic that does not depend on spend —
 * such that each forecast month's net revenue equals the forecast's point value, with the channel's
 * planned spend (its incremental traffic through the response curve), conversion, AOV, return rate
 * and channel margin left as they are:
 *
 *   netRevenue_t = (baseTraffic_t + incremental_t) · conversion_t · aov_t · (1 − returnRate_t) · (1 − channelMargin_t) − cannibalised_t
 *   ⇒ baseTraffic_t = (forecast_t + cannibalised_t) / (conversion_t · aov_t · (1 − returnRate_t) · (1 − channelMargin_t)) − incremental_t
 *
 * (money rounded to minor units as the engine rounds it: a month lands within a few minor units).
 * Either as per-month values (overrides: exact) or as base + growth + seasonality fitted to the
 * wanted traffic (baselineFit.ts: as close as one smooth profile gets, with its error reported).
 * Where spend alone already brings more than the forecast, base traffic is 0 and the month stays
 * above it; both are counted. What other channels take away by cannibalisation depends on the new
 * figures, so the computation is repeated until it settles.
 */
import { computePlan, type PlanResult } from '../compute';
import { applyOps, type Op } from '../patch';
import { calendarMonths, monthKeys } from '../timeline';
import type { Distribution, Driver, Plan, UncertainDriver } from '../types';
import { fitProfile } from './baselineFit';

export type BaselineMode = 'profile' | 'months';

export interface BaselineTarget {
  channelId: string;
  /** Plan period of the first forecast month. */
  firstPeriod: number;
  /** Net revenue (minor units) forecast for plan periods firstPeriod, firstPeriod + 1, … to the plan's end. */
  netRevenue: ArrayLike<number>;
  /** The forecast's 80 % band (P10 and P90) of the same months, for the Uncertainty tab's range. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

export interface BaselineOptions {
  mode: BaselineMode;
  /** Also set the channel's base-traffic range (P10–P90) from the forecast's 80 % band. */
  uncertainty: boolean;
  /** Ids for new uncertainty entries. */
  newId: () => string;
}

export interface UncertaintyChange {
  entry: UncertainDriver | null;
  /** The band as a share of the forecast over the months: total P10 and P90 ÷ total forecast. */
  low: number;
  high: number;
  /** Why there is no entry: the channel's base traffic is 0 (a draw would scale nothing). */
  skipped: 'zeroBase' | 'noBand' | null;
}

export interface ChannelBaseline {
  channelId: string;
  before: Driver;
  after: Driver;
  /** Net revenue of the first (up to) 12 forecast months in the plan: today and after the change. */
  firstYear: { months: number; before: number; after: number; forecast: number };
  /** The same over every forecast month in the plan. */
  total: { months: number; before: number; after: number; forecast: number };
  /** Profile mode: how far the fitted profile's traffic is from the wanted one (fractions). */
  fitError: { mean: number; max: number } | null;
  /** Months where spend alone brings more than the forecast (base traffic set to 0). */
  aboveForecast: number;
  /** Months where the channel earns nothing per visit (conversion, AOV or margins leave 0): left as they are. */
  noRevenuePerVisit: number;
  uncertainty: UncertaintyChange | null;
}

export interface BaselineChange {
  channels: ChannelBaseline[];
  /** One edit: the base-traffic driver of each channel (and its uncertainty entry). */
  ops: Op[];
  /** The plan as the ops leave it, computed: the check of the figures above. */
  result: PlanResult;
}

const SETTLE_ROUNDS = 4;

/** The base-traffic driver of one channel replaced whole. */
export function baseTrafficOp(channelId: string, driver: Driver): Op {
  return { path: ['channels', { id: channelId }, 'drivers', 'baseTraffic'], value: driver };
}

/** An uncertainty entry replaced (same id) or added. */
export function uncertaintyOp(plan: Plan, entry: UncertainDriver): Op {
  const exists = plan.uncertainty.some((u) => u.id === entry.id);
  return exists ? { path: ['uncertainty', { id: entry.id }], value: entry } : { path: ['uncertainty', plan.uncertainty.length], value: entry, insert: true };
}

export function baselineFromForecast(plan: Plan, targets: readonly BaselineTarget[], options: BaselineOptions): BaselineChange {
  const P = plan.timeline.periods;
  const keys = monthKeys(plan.timeline);
  const cal = calendarMonths(plan.timeline);
  const before = computePlan(plan);
  const index = new Map(plan.channels.map((c, i) => [c.id, i]));
  const wanted = targets.filter((t) => index.has(t.channelId));

  // Each round: wanted base traffic from the latest computed figures, the drivers from it.
  let current = before;
  let drivers = new Map<string, { driver: Driver; fit: ChannelBaseline['fitError']; above: number; dead: number; traffic: Float64Array }>();
  let planAfter = plan;
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    drivers = new Map();
    for (const target of wanted) {
      const c = index.get(target.channelId)!;
      const first = target.firstPeriod;
      const traffic = new Float64Array(P - first);
      let above = 0;
      let dead = 0;
      for (let t = first; t < P && t - first < target.netRevenue.length; t++) {
        const i = c * P + t;
        const d = current.drivers;
        const perVisit = d.conversion[i] * d.aov[i] * (1 - d.returnRate[i]) * (1 - d.channelMargin[i]);
        if (!(perVisit > 0)) {
          dead++;
          traffic[t - first] = NaN;
          continue;
        }
        const need = (target.netRevenue[t - first] + current.flows.cannibalised[i]) / perVisit - current.flows.incrementalTraffic[i];
        if (need < 0) above++;
        traffic[t - first] = Math.max(0, need);
      }
      const old = plan.channels[c].drivers.baseTraffic;
      drivers.set(target.channelId, { ...driverFor(old, traffic, first, keys, cal, options.mode), above, dead, traffic });
    }
    planAfter = applyOps(plan, wanted.map((t) => baseTrafficOp(t.channelId, drivers.get(t.channelId)!.driver))).result;
    current = computePlan(planAfter);
    if (plan.cannibalisation.length === 0) break;
  }

  const ops: Op[] = [];
  const channels: ChannelBaseline[] = [];
  for (const target of wanted) {
    const c = index.get(target.channelId)!;
    const first = target.firstPeriod;
    const found = drivers.get(target.channelId)!;
    ops.push(baseTrafficOp(target.channelId, found.driver));
    const months = Math.min(12, P - first, target.netRevenue.length);
    let sumBefore = 0;
    let sumAfter = 0;
    let sumForecast = 0;
    for (let t = first; t < first + months; t++) {
      sumBefore += before.flows.netRevenue[c * P + t];
      sumAfter += current.flows.netRevenue[c * P + t];
      sumForecast += target.netRevenue[t - first];
    }
    const span = Math.min(P - first, target.netRevenue.length);
    const total = { months: span, before: 0, after: 0, forecast: 0 };
    for (let t = first; t < first + span; t++) {
      total.before += before.flows.netRevenue[c * P + t];
      total.after += current.flows.netRevenue[c * P + t];
      total.forecast += target.netRevenue[t - first];
    }
    total.forecast = Math.round(total.forecast);
    const uncertainty = options.uncertainty ? uncertaintyFor(plan, target, found.driver, current, c, options.newId) : null;
    if (uncertainty?.entry) ops.push(uncertaintyOp(plan, uncertainty.entry));
    channels.push({
      channelId: target.channelId,
      before: plan.channels[c].drivers.baseTraffic,
      after: found.driver,
      firstYear: { months, before: sumBefore, after: sumAfter, forecast: Math.round(sumForecast) },
      total,
      fitError: found.fit,
      aboveForecast: found.above,
      noRevenuePerVisit: found.dead,
      uncertainty,
    });
  }
  return { channels, ops, result: current };
}

/** The new driver: per-month overrides from `first` on, or a fitted profile; overrides before `first` kept. */
function driverFor(
  old: Driver,
  traffic: Float64Array,
  first: number,
  keys: readonly string[],
  cal: Uint8Array,
  mode: BaselineMode,
): { driver: Driver; fit: ChannelBaseline['fitError'] } {
  const kept: Record<string, number> = {};
  for (const [month, v] of Object.entries(old.overrides ?? {})) {
    const t = keys.indexOf(month);
    if (t >= 0 && t < first) kept[month] = v;
  }
  if (mode === 'months') {
    const overrides = { ...kept };
    traffic.forEach((v, k) => {
      if (!Number.isNaN(v)) overrides[keys[first + k]] = v;
    });
    return { driver: withOverrides({ ...old }, overrides), fit: null };
  }
  const periods: number[] = [];
  const months: number[] = [];
  const values: number[] = [];
  traffic.forEach((v, k) => {
    if (Number.isNaN(v)) return;
    periods.push(first + k);
    months.push(cal[first + k]);
    values.push(v);
  });
  const fit = fitProfile(values, periods, months);
  const driver: Driver = { base: fit.base, growth: fit.growth, seasonality: fit.seasonality };
  return { driver: withOverrides(driver, kept), fit: fit.error };
}

function withOverrides(driver: Driver, overrides: Record<string, number>): Driver {
  const out = { ...driver };
  if (Object.keys(overrides).length > 0) out.overrides = overrides;
  else delete out.overrides;
  return out;
}

/**
 * One P10–P90 range of base traffic from the monthly 80 % band. A Monte Carlo draw scales the
 * channel's whole base-traffic series by one factor, so the months move together: the range is read
 * off the band's totals over the forecast months (ΣP10 ÷ Σforecast, ΣP90 ÷ Σforecast: what the
 * months would add up to if all fell at their P10, or all at their P90). Net revenue from base
 * traffic must carry the whole swing, spend's part being fixed: base traffic's factor is
 * 1 − (1 − ratio) · Σforecast ÷ Σ(revenue from base traffic). The range is stated at the driver's
 * base, as the Uncertainty tab states ranges.
 */
function uncertaintyFor(plan: Plan, target: BaselineTarget, driver: Driver, result: PlanResult, c: number, newId: () => string): UncertaintyChange {
  if (!target.lower || !target.upper) return { entry: null, low: NaN, high: NaN, skipped: 'noBand' };
  const P = plan.timeline.periods;
  const first = target.firstPeriod;
  let forecast = 0;
  let low = 0;
  let high = 0;
  let fromBase = 0;
  for (let t = first; t < P && t - first < target.netRevenue.length; t++) {
    const i = c * P + t;
    forecast += target.netRevenue[t - first];
    low += target.lower[t - first];
    high += target.upper[t - first];
    const traffic = result.flows.traffic[i];
    if (traffic > 0) fromBase += (result.flows.netRevenue[i] + result.flows.cannibalised[i]) * (result.flows.baseTraffic[i] / traffic);
  }
  if (!(forecast > 0)) return { entry: null, low: NaN, high: NaN, skipped: 'noBand' };
  const lowRatio = Math.max(0, low / forecast);
  const highRatio = high / forecast;
  if (!(driver.base > 0) || !(fromBase > 0)) return { entry: null, low: lowRatio, high: highRatio, skipped: 'zeroBase' };
  const lowFactor = Math.max(0, 1 - ((1 - lowRatio) * forecast) / fromBase);
  const highFactor = 1 + ((highRatio - 1) * forecast) / fromBase;
  const existing = plan.uncertainty.find((u) => u.channelId === target.channelId && u.driver === 'baseTraffic');
  // Intervals of multiplicative models are skewed: a lognormal keeps that shape (and stays positive).
  const symmetric = Math.abs(highFactor - 1 - (1 - lowFactor)) < 0.01 * (highFactor - lowFactor);
  const distribution: Distribution = symmetric || lowFactor <= 0 ? 'normal' : 'lognormal';
  return {
    entry: { id: existing?.id ?? newId(), channelId: target.channelId, driver: 'baseTraffic', low: driver.base * lowFactor, high: driver.base * highFactor, distribution },
    low: lowRatio,
    high: highRatio,
    skipped: null,
  };
}
