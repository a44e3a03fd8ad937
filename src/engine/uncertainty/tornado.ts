import { withLaunches } from '../lifecycle/launches';
import { computeFromSeries, scenarioSeries } from '../compute';
import { curveTraffic } from '../curve';
import { copySeries, type DriverSeries } from '../driverSeries';
import { roundMoney } from '../money';
import { rebateRow } from '../rebates';
import { channelsNamedByRegion, regionalRun, runResult, type RegionalRun } from '../regions/run';
import { monthKeys } from '../timeline';
import { DRIVER_KEYS, type DriverKey, type Plan, type UncertainDriver } from '../types';
import { applyToRow, driverBase } from './apply';
import { applyRangeValue, rangeRows } from './rangeRows';
import { assertUsable } from './validate';

/**
 * Sensitivity (docs/model.md#tornado): each uncertain driver at its low (P10) and high (P90), one at a time, the
 * others at their plan values. A value x is applied as in Monte Carlo (the channel's series times
 * x / base, or plus x when base is 0) but then exactly as the engine keeps drivers: inside bounds and
 * money rounded to minor units (inBounds), and the plan is computed by computeFromSeries with its
 * rounding, so every figure is what computePlan would give for that plan.
 */
export interface TornadoBar {
  /** The uncertain driver's id. */
  id: string;
  channelId: string;
  /** The region the range is of; absent for a range of the whole channel. */
  regionId?: string;
  driver: DriverKey;
  lowValue: number;
  highValue: number;
  /** Plan contribution (minor units) with this driver at low / high. */
  contributionAtLow: number;
  contributionAtHigh: number;
  /** |contributionAtHigh − contributionAtLow|. */
  swing: number;
}

export interface TornadoResult {
  /** Plan contribution with every driver at its plan value. */
  baseContribution: number;
  /** Sorted by swing, largest first (ties keep the input order). */
  bars: TornadoBar[];
}

export interface TornadoOptions {
  scenarioId: string | null;
  uncertainty: readonly UncertainDriver[];
}

function sortBars(bars: TornadoBar[]): TornadoBar[] {
  return bars.sort((a, b) => b.swing - a.swing);
}

function bar(u: UncertainDriver, atLow: number, atHigh: number): TornadoBar {
  const out: TornadoBar = {
    id: u.id,
    channelId: u.channelId,
    driver: u.driver,
    lowValue: u.low,
    highValue: u.high,
    contributionAtLow: atLow,
    contributionAtHigh: atHigh,
    swing: Math.abs(atHigh - atLow),
  };
  if (u.regionId !== undefined) out.regionId = u.regionId;
  return out;
}

function totalContribution(run: RegionalRun, series: DriverSeries): number {
  const res = runResult(run, series);
  return sumRange(res.flows.contribution, 0, res.channelIds.length * res.periods);
}

/**
 * The tornado of a plan computed by region: each end of each range applied to its rows (rangeRows.ts)
 * and the whole plan computed again, rows added up per channel and rebates settled on channels as
 * computePlan does, so the base is computePlan's contribution.
 */
function regionalTornado(run: RegionalRun, opts: TornadoOptions): TornadoResult {
  const { series } = scenarioSeries(run.target, opts.scenarioId);
  const P = run.plan.timeline.periods;
  const at = (u: UncertainDriver, value: number): number => {
    const s = copySeries(series);
    applyRangeValue(s, rangeRows(run, u), u.driver, value, P);
    return totalContribution(run, s);
  };
  const bars = opts.uncertainty.map((u) => {
    const low = at(u, u.low);
    return bar(u, low, u.low === u.high ? low : at(u, u.high));
  });
  return { baseContribution: totalContribution(run, series), bars: sortBars(bars) };
}

function sumRange(a: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
}

/** Applies one end of a range to a channel's row of `series` (in place). */
function applyEnd(plan: Plan, series: DriverSeries, row: number, channel: number, key: DriverKey, value: number, P: number): void {
  const base = driverBase(plan, channel, key);
  applyToRow(series, key, row, P, base !== 0, base !== 0 ? value / base : 1, value, true);
}

/**
 * Total contribution of one channel's row of `series`, cell by cell exactly as computeFromSeries
 * (revenueCell, finishCell and applyRebate of compute.ts, same operations in the same order) for a channel that no
 * cannibalisation pair touches; `incremental` optionally gives the row's incremental traffic when
 * spend is unchanged. The tornado tests check it against a full recompute, to the minor unit.
 */
function channelContribution(plan: Plan, series: DriverSeries, c: number, P: number, incremental: Float64Array | null): number {
  const curve = plan.channels[c].curve;
  const scheme = plan.channels[c].rebate;
  const net = scheme ? new Float64Array(P) : null;
  let total = 0;
  for (let t = 0; t < P; t++) {
    const i = c * P + t;
    const spend = series.spend[i];
    const inc = incremental ? incremental[i] : curveTraffic(curve, spend);
    const traffic = series.baseTraffic[i] + inc;
    const orders = traffic * series.conversion[i];
    const grossRevenue = roundMoney(orders * series.aov[i]);
    const returns = roundMoney(grossRevenue * series.returnRate[i]);
    const intermediaryMargin = roundMoney((grossRevenue - returns) * series.channelMargin[i]);
    const netRevenue = grossRevenue - returns - intermediaryMargin;
    const grossProfit = roundMoney(netRevenue * series.grossMargin[i]);
    const variableCost = roundMoney(netRevenue * series.variableCostRate[i]);
    const channelCost = variableCost + series.fixedCost[i];
    total += grossProfit - channelCost - spend;
    if (net) net[t] = netRevenue;
  }
  if (scheme && net) {
    // The rebate is settled on whole periods after every month is known (compute.ts applyRebate).
    const rebate = new Float64Array(P);
    rebateRow(scheme, monthKeys(plan.timeline), net, 0, rebate);
    for (let t = 0; t < P; t++) total -= rebate[t];
  }
  return total;
}

/**
 * Incremental tornado: the plan is computed once; for each end of each range only the channels whose
 * contribution can change are recomputed:
 *   total = base total − Σ their base contribution + Σ their new contribution.
 * A channel outside every cannibalisation pair depends on nothing else: only its own row is
 * recomputed (channelContribution, without resolving or allocating a plan). A channel in a pair is
 * recomputed with the channels it takes revenue from (and, as inputs only, those channels' other
 * sources) through computeFromSeries on that small sub-plan. Money flows are whole minor units, so
 * integer sums are exact in any order and every figure equals a full recompute exactly.
 */
export function tornado(plan: Plan, opts: TornadoOptions): TornadoResult {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, opts.scenarioId);
  assertUsable(plan, opts.uncertainty, false);
  const run = regionalRun(plan, channelsNamedByRegion(plan, opts.uncertainty));
  if (run.x) return regionalTornado(run, opts);
  const { series } = scenarioSeries(plan, opts.scenarioId);
  const P = plan.timeline.periods;
  const C = plan.channels.length;
  const base = computeFromSeries(plan, series, []);
  const channelTotal = new Float64Array(C);
  let baseTotal = 0;
  for (let c = 0; c < C; c++) {
    channelTotal[c] = sumRange(base.flows.contribution, c * P, (c + 1) * P);
    baseTotal += channelTotal[c];
  }
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const ids = new Set(index.keys());
  const pairs = plan.cannibalisation.filter((p) => ids.has(p.from) && ids.has(p.to) && p.from !== p.to);
  const inPair = new Set(pairs.flatMap((p) => [p.from, p.to]));

  // One sub-plan per channel in a cannibalisation pair, built when first needed.
  const subs = new Map<number, { plan: Plan; series: DriverSeries; keep: number[]; row: number; baseKept: number }>();
  const subFor = (c: number): NonNullable<ReturnType<typeof subs.get>> => {
    let s = subs.get(c);
    if (s) return s;
    const id = plan.channels[c].id;
    // Channels whose contribution can change: c and the channels c's spend-driven revenue eats into.
    const changed = new Set([id, ...pairs.filter((p) => p.from === id).map((p) => p.to)]);
    const used = pairs.filter((p) => changed.has(p.to));
    const inputs = new Set([...changed, ...used.map((p) => p.from)]);
    const members = plan.channels.map((_, k) => k).filter((k) => inputs.has(plan.channels[k].id));
    const subPlan: Plan = { ...plan, channels: members.map((k) => plan.channels[k]), cannibalisation: used, scenarios: [] };
    const subSeries = {} as DriverSeries;
    for (const key of DRIVER_KEYS) {
      const arr = new Float64Array(members.length * P);
      members.forEach((k, r) => arr.set(series[key].subarray(k * P, (k + 1) * P), r * P));
      subSeries[key] = arr;
    }
    const keep = members.map((k, r) => (changed.has(plan.channels[k].id) ? r : -1)).filter((r) => r >= 0);
    let baseKept = 0;
    for (const r of keep) baseKept += channelTotal[members[r]];
    s = { plan: subPlan, series: subSeries, keep, row: members.indexOf(c), baseKept };
    subs.set(c, s);
    return s;
  };

  const saved = new Float64Array(P);
  const at = (u: UncertainDriver, value: number): number => {
    const c = index.get(u.channelId) as number;
    if (!inPair.has(u.channelId)) {
      const o = c * P;
      const row = series[u.driver];
      saved.set(row.subarray(o, o + P));
      applyEnd(plan, series, c, c, u.driver, value, P);
      const total = channelContribution(plan, series, c, P, u.driver === 'spend' ? null : base.flows.incrementalTraffic);
      row.set(saved, o);
      return baseTotal - channelTotal[c] + total;
    }
    const sub = subFor(c);
    const o = sub.row * P;
    const row = sub.series[u.driver];
    saved.set(row.subarray(o, o + P));
    applyEnd(plan, sub.series, sub.row, c, u.driver, value, P);
    const res = computeFromSeries(sub.plan, sub.series, []);
    row.set(saved, o);
    let kept = 0;
    for (const r of sub.keep) kept += sumRange(res.flows.contribution, r * P, (r + 1) * P);
    return baseTotal - sub.baseKept + kept;
  };

  const bars = opts.uncertainty.map((u) => {
    const low = at(u, u.low);
    return bar(u, low, u.low === u.high ? low : at(u, u.high));
  });
  return { baseContribution: baseTotal, bars: sortBars(bars) };
}

/** The peer of W3c and the reference of the tests: a full recompute of the plan per end of each range. */
export function naiveTornado(plan: Plan, opts: TornadoOptions): TornadoResult {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, opts.scenarioId);
  assertUsable(plan, opts.uncertainty, false);
  const run = regionalRun(plan, channelsNamedByRegion(plan, opts.uncertainty));
  if (run.x) return regionalTornado(run, opts);
  const { series } = scenarioSeries(plan, opts.scenarioId);
  const P = plan.timeline.periods;
  const total = (s: DriverSeries): number => sumRange(computeFromSeries(plan, s, []).flows.contribution, 0, plan.channels.length * P);
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const at = (u: UncertainDriver, value: number): number => {
    const c = index.get(u.channelId) as number;
    const s = copySeries(series);
    applyEnd(plan, s, c, c, u.driver, value, P);
    return total(s);
  };
  const bars = opts.uncertainty.map((u) => bar(u, at(u, u.low), at(u, u.high)));
  return { baseContribution: total(series), bars: sortBars(bars) };
}
