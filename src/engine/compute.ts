import { curveSlope, curveTraffic } from './curve';
import { resolveDrivers, type ClampNotice, type DriverSeries } from './driverSeries';
import { roundMoney } from './money';
import { marginalRebateRate, rebateRow, settlementGroups } from './rebates';
import { applyScenario, type AdjustmentNotice } from './scenarios/apply';
import { cannibalisationPairs, type CannibalisationPair } from './scenarios/cannibalisation';
import { aggregateResult } from './regions/aggregate';
import { expandPlan } from './regions/expand';
import { applyLevers } from './levers/apply';
import { promotionDiscountOf } from './levers/promotionDiscount';
import { applyLifecycle } from './lifecycle/apply';
import { withLaunches } from './lifecycle/launches';
import { monthKeys } from './timeline';
import type { FlowMetric, Plan } from './types';
import { FLOW_METRICS } from './types';

/** Flow metrics of every channel and period, row-major: index = channel · periods + period. */
export type FlowSeries = Record<FlowMetric, Float64Array>;

export interface PlanResult {
  channelIds: string[];
  months: string[];
  periods: number;
  drivers: DriverSeries;
  flows: FlowSeries;
  /**
   * d contribution / d spend per cell, weighted by the cell's spend, so that any roll-up divided by
   * its spend gives the spend-weighted marginal ROI of the group (an additive flow, like the others).
   */
  marginalRoiSpend: Float64Array;
  /**
   * d (plan contribution) / d spend per cell (0 where undefined; see marginalRoiDefined): the
   * channel's own contribution less what its extra revenue takes from channels it cannibalises.
   */
  marginalRoi: Float64Array;
  /** 1 where the cell's marginal ROI is defined (a concave curve has an infinite slope at zero spend). */
  marginalRoiDefined: Uint8Array;
  notices: ClampNotice[];
  /** The scenario these numbers are for; null = the baseline. */
  scenarioId: string | null;
  /** What applying the scenario's adjustments had to clamp, limit or skip. */
  adjustmentNotices: AdjustmentNotice[];
  /** The channel × region rows of the channels computed by region (docs/model.md#regions); absent when none is. */
  regional?: RegionalResult;
}

/**
 * Rows of the channels computed region by region, row-major like the channel arrays: index = row ·
 * periods + period. A channel's figures are the sum of its rows.
 */
export interface RegionalResult {
  rows: { channel: number; regionId: string; share: number }[];
  flows: FlowSeries;
  drivers: DriverSeries;
  marginalRoiSpend: Float64Array;
  marginalRoi: Float64Array;
  marginalRoiDefined: Uint8Array;
}

function emptyFlows(n: number): FlowSeries {
  const flows = {} as FlowSeries;
  for (const key of FLOW_METRICS) flows[key] = new Float64Array(n);
  return flows;
}

/**
 * First half of a cell (docs/model.md#cell-formulas): traffic to revenue. `netRevenue` holds the revenue before
 * cannibalisation until finishCell runs, because a channel's loss depends on other channels' revenue
 * of the same period, which must all be known first.
 */
function revenueCell(plan: Plan, d: DriverSeries, f: FlowSeries, c: number, i: number, promo: Float64Array | undefined): void {
  const spend = d.spend[i];
  const incremental = curveTraffic(plan.channels[c].curve, spend);
  const traffic = d.baseTraffic[i] + incremental;
  const orders = traffic * d.conversion[i];
  // aov is the average price paid; a promotion's discount is a line of its own (docs/model.md#promotions).
  const grossRevenue = roundMoney(orders * d.aov[i]);
  f.promotionDiscount[i] = promo ? roundMoney(grossRevenue * promo[i]) : 0;
  const returns = roundMoney(grossRevenue * d.returnRate[i]);
  const intermediaryMargin = roundMoney((grossRevenue - returns) * d.channelMargin[i]);
  f.spend[i] = spend;
  f.baseTraffic[i] = d.baseTraffic[i];
  f.incrementalTraffic[i] = incremental;
  f.traffic[i] = traffic;
  f.orders[i] = orders;
  f.newOrders[i] = orders * d.newCustomerShare[i];
  f.grossRevenue[i] = grossRevenue;
  f.returns[i] = returns;
  f.intermediaryMargin[i] = intermediaryMargin;
  f.netRevenue[i] = grossRevenue - returns - intermediaryMargin;
}

/**
 * Revenue each channel loses per cell: Σ rate × the spend-driven part of the other channel's net
 * revenue, netRevenue × incrementalTraffic / traffic. Uses revenue before cannibalisation so the
 * result does not depend on the order of channels or pairs.
 */
function cannibalisationLoss(pairs: readonly CannibalisationPair[], f: FlowSeries, P: number, n: number): Float64Array {
  const loss = new Float64Array(n);
  for (const { from, to, rate } of pairs) {
    for (let t = 0; t < P; t++) {
      const i = from * P + t;
      const traffic = f.traffic[i];
      if (traffic > 0) loss[to * P + t] += (rate * f.netRevenue[i] * f.incrementalTraffic[i]) / traffic;
    }
  }
  return loss;
}

/** Whether a cell's loss already takes all its revenue, so that more loss changes nothing. */
function isCapped(loss: Float64Array | null, f: FlowSeries, i: number): boolean {
  return loss !== null && loss[i] > f.netRevenue[i];
}

/**
 * Σ rate × (grossMargin − variableCostRate) of the channels each cell cannibalises: contribution
 * they lose per unit of this cell's incremental net revenue (0 where a victim is already capped).
 */
function crossMargin(pairs: readonly CannibalisationPair[], d: DriverSeries, f: FlowSeries, loss: Float64Array, P: number, n: number): Float64Array {
  const cross = new Float64Array(n);
  for (const { from, to, rate } of pairs) {
    for (let t = 0; t < P; t++) {
      const j = to * P + t;
      if (!isCapped(loss, f, j)) cross[from * P + t] += rate * (d.grossMargin[j] - d.variableCostRate[j]);
    }
  }
  return cross;
}

/**
 * Second half of a cell: the P&L from net revenue. Money flows are rounded to minor units and the
 * lines are derived from the rounded figures, so the identities
 *   netRevenue = grossRevenue − returns − intermediaryMargin − cannibalised
 *   contribution = grossProfit − channelCost − spend
 * hold exactly. Cannibalisation moves revenue, not orders or traffic, and never below zero.
 */
function finishCell(
  plan: Plan, d: DriverSeries, f: FlowSeries, res: PlanResult, c: number, i: number,
  loss: Float64Array | null, cross: Float64Array | null,
): void {
  const before = f.netRevenue[i];
  const capped = loss !== null && loss[i] > before;
  const cannibalised = loss ? Math.max(0, Math.min(roundMoney(loss[i]), before)) : 0;
  const netRevenue = before - cannibalised;
  const grossProfit = roundMoney(netRevenue * d.grossMargin[i]);
  const variableCost = roundMoney(netRevenue * d.variableCostRate[i]);
  const fixedCost = d.fixedCost[i];
  const rebate = 0;
  const channelCost = variableCost + fixedCost + rebate;
  const spend = d.spend[i];
  f.cannibalised[i] = cannibalised;
  f.netRevenue[i] = netRevenue;
  f.grossProfit[i] = grossProfit;
  f.variableCost[i] = variableCost;
  f.fixedCost[i] = fixedCost;
  f.rebate[i] = rebate;
  f.channelCost[i] = channelCost;
  f.contribution[i] = grossProfit - channelCost - spend;

  // Plan contribution per extra visit, before spend: the channel's own margin on the revenue it
  // keeps (none once its revenue is wholly cannibalised) less what it takes from its victims.
  const revenuePerVisit = d.conversion[i] * d.aov[i] * (1 - d.returnRate[i]) * (1 - d.channelMargin[i]);
  const own = capped ? 0 : d.grossMargin[i] - d.variableCostRate[i];
  const valuePerVisit = revenuePerVisit * (own - (cross ? cross[i] : 0));
  const slope = curveSlope(plan.channels[c].curve, spend);
  if (slope === null) {
    res.marginalRoiDefined[i] = 0;
    res.marginalRoi[i] = 0;
    res.marginalRoiSpend[i] = 0;
  } else {
    const m = slope * valuePerVisit - 1;
    res.marginalRoiDefined[i] = 1;
    res.marginalRoi[i] = m;
    res.marginalRoiSpend[i] = m * spend;
  }
}

/**
 * The formula graph over already resolved (and possibly adjusted) drivers. Scenarios, goal seek and
 * simulations change a DriverSeries and call this, so every path computes cells the same way.
 * `series` becomes the result's `drivers` (not copied).
 */
export function computeFromSeries(
  plan: Plan,
  series: DriverSeries,
  notices: ClampNotice[],
  adjustmentNotices: AdjustmentNotice[] = [],
  scenarioId: string | null = null,
): PlanResult {
  const months = monthKeys(plan.timeline);
  const P = months.length;
  const C = plan.channels.length;
  const n = C * P;
  const res: PlanResult = {
    channelIds: plan.channels.map((c) => c.id),
    months,
    periods: P,
    drivers: series,
    flows: emptyFlows(n),
    marginalRoiSpend: new Float64Array(n),
    marginalRoi: new Float64Array(n),
    marginalRoiDefined: new Uint8Array(n),
    notices,
    scenarioId,
    adjustmentNotices,
  };
  const f = res.flows;
  const promo = promotionDiscountOf(series);
  for (let c = 0; c < C; c++) for (let t = 0; t < P; t++) revenueCell(plan, series, f, c, c * P + t, promo);
  const pairs = cannibalisationPairs(plan);
  // Loss and cap flags are read before finishCell overwrites netRevenue with the reduced figure.
  const loss = pairs.length > 0 ? cannibalisationLoss(pairs, f, P, n) : null;
  const cross = loss ? crossMargin(pairs, series, f, loss, P, n) : null;
  for (let c = 0; c < C; c++) for (let t = 0; t < P; t++) finishCell(plan, series, f, res, c, c * P + t, loss, cross);
  for (let c = 0; c < C; c++) applyRebate(plan, series, res, c, loss);
  return res;
}

/**
 * Third step, per channel: a rebate depends on the net revenue of a whole settlement period, so it
 * is settled after every month is known and then accrued to the months (rebates.ts). It is a channel
 * cost. Marginal ROI loses the rebate paid on the extra revenue one more unit of spend brings: the
 * slope of the scheme at the period's sales (a retroactive cliff is a jump, not a slope; the rebate
 * chart shows it).
 */
function applyRebate(plan: Plan, d: DriverSeries, res: PlanResult, c: number, loss: Float64Array | null): void {
  const scheme = plan.channels[c].rebate;
  if (!scheme || scheme.tiers.length === 0) return;
  const f = res.flows;
  const P = res.periods;
  const offset = c * P;
  rebateRow(scheme, res.months, f.netRevenue, offset, f.rebate);
  const curve = plan.channels[c].curve;
  for (const g of settlementGroups(res.months, scheme.period)) {
    let sales = 0;
    for (let t = g.start; t < g.end; t++) sales += f.netRevenue[offset + t];
    const rate = marginalRebateRate(scheme, sales);
    for (let t = g.start; t < g.end; t++) {
      const i = offset + t;
      f.channelCost[i] += f.rebate[i];
      f.contribution[i] -= f.rebate[i];
      // A cell whose revenue is wholly cannibalised keeps none of the extra revenue (see finishCell).
      const capped = loss !== null && loss[i] > 0 && f.netRevenue[i] === 0;
      if (rate === 0 || !res.marginalRoiDefined[i] || capped) continue;
      const slope = curveSlope(curve, d.spend[i]) ?? 0;
      const revenuePerVisit = d.conversion[i] * d.aov[i] * (1 - d.returnRate[i]) * (1 - d.channelMargin[i]);
      res.marginalRoi[i] -= slope * revenuePerVisit * rate;
      res.marginalRoiSpend[i] = res.marginalRoi[i] * d.spend[i];
    }
  }
}

/**
 * Resolved drivers of the baseline, or of a scenario with its chain of adjustments applied; then the
 * price and promotion levers (levers/apply.ts); then the scenario's channel launches and exits
 * (lifecycle/apply.ts), for which `plan` must already hold the launched channels (withLaunches).
 */
export function scenarioSeries(plan: Plan, scenarioId: string | null = null): {
  series: DriverSeries;
  notices: ClampNotice[];
  adjustmentNotices: AdjustmentNotice[];
} {
  const { series, notices } = resolveDrivers(plan);
  const months = monthKeys(plan.timeline);
  const adjustmentNotices = scenarioId === null ? [] : applyScenario(plan, series, months, scenarioId);
  applyLevers(plan, series, months, scenarioId);
  applyLifecycle(plan, series, months, scenarioId);
  return { series, notices, adjustmentNotices };
}

/**
 * Computes the baseline (no scenario id, or null) or a scenario. Throws ScenarioError for an unknown
 * scenario, an unknown parent or a cycle.
 */
export function computePlan(plan: Plan, scenarioId: string | null = null): PlanResult {
  // Channels planned by region are computed row by row and added up (regions/expand.ts); a plan
  // without regional values takes the plain path and computes exactly as it always has.
  // A scenario that launches channels computes with them appended (lifecycle/launches.ts).
  const scoped = withLaunches(plan, scenarioId);
  const x = expandPlan(scoped);
  const target = x ? x.plan : scoped;
  const { series, notices, adjustmentNotices } = scenarioSeries(target, scenarioId);
  const res = computeFromSeries(target, series, notices, adjustmentNotices, scenarioId);
  return x ? aggregateResult(scoped, x, res) : res;
}
