import { curveSlope, curveTraffic } from './curve';
import { resolveDrivers, type ClampNotice, type DriverSeries } from './driverSeries';
import { roundMoney } from './money';
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
  /** d contribution / d spend per cell (0 where undefined; see marginalRoiDefined). */
  marginalRoi: Float64Array;
  /** 1 where the cell's marginal ROI is defined (a concave curve has an infinite slope at zero spend). */
  marginalRoiDefined: Uint8Array;
  notices: ClampNotice[];
}

function emptyFlows(n: number): FlowSeries {
  const flows = {} as FlowSeries;
  for (const key of FLOW_METRICS) flows[key] = new Float64Array(n);
  return flows;
}

/**
 * Computes one cell of the formula graph (SPEC §4). Money flows are rounded to minor units and the
 * P&L lines are then derived from the rounded figures, so the identities
 *   netRevenue = grossRevenue − returns − intermediaryMargin
 *   contribution = grossProfit − channelCost − spend
 * hold exactly.
 */
function computeCell(plan: Plan, d: DriverSeries, f: FlowSeries, res: PlanResult, c: number, i: number): void {
  const curve = plan.channels[c].curve;
  const spend = d.spend[i];
  const incremental = curveTraffic(curve, spend);
  const traffic = d.baseTraffic[i] + incremental;
  const orders = traffic * d.conversion[i];
  const grossRevenue = roundMoney(orders * d.aov[i]);
  const returns = roundMoney(grossRevenue * d.returnRate[i]);
  const intermediaryMargin = roundMoney((grossRevenue - returns) * d.channelMargin[i]);
  const netRevenue = grossRevenue - returns - intermediaryMargin;
  const grossProfit = roundMoney(netRevenue * d.grossMargin[i]);
  const variableCost = roundMoney(netRevenue * d.variableCostRate[i]);
  const fixedCost = d.fixedCost[i];
  const rebate = 0;
  const channelCost = variableCost + fixedCost + rebate;

  f.spend[i] = spend;
  f.baseTraffic[i] = d.baseTraffic[i];
  f.incrementalTraffic[i] = incremental;
  f.traffic[i] = traffic;
  f.orders[i] = orders;
  f.newOrders[i] = orders * d.newCustomerShare[i];
  f.grossRevenue[i] = grossRevenue;
  f.returns[i] = returns;
  f.intermediaryMargin[i] = intermediaryMargin;
  f.netRevenue[i] = netRevenue;
  f.grossProfit[i] = grossProfit;
  f.variableCost[i] = variableCost;
  f.fixedCost[i] = fixedCost;
  f.rebate[i] = rebate;
  f.channelCost[i] = channelCost;
  f.contribution[i] = grossProfit - channelCost - spend;

  // Contribution per unit of traffic, before spend: what one more visit is worth.
  const valuePerVisit =
    d.conversion[i] * d.aov[i] * (1 - d.returnRate[i]) * (1 - d.channelMargin[i]) *
    (d.grossMargin[i] - d.variableCostRate[i]);
  const slope = curveSlope(curve, spend);
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

export function computePlan(plan: Plan): PlanResult {
  const months = monthKeys(plan.timeline);
  const periods = months.length;
  const n = plan.channels.length * periods;
  const { series, notices } = resolveDrivers(plan);
  const res: PlanResult = {
    channelIds: plan.channels.map((c) => c.id),
    months,
    periods,
    drivers: series,
    flows: emptyFlows(n),
    marginalRoiSpend: new Float64Array(n),
    marginalRoi: new Float64Array(n),
    marginalRoiDefined: new Uint8Array(n),
    notices,
  };
  for (let c = 0; c < plan.channels.length; c++) {
    for (let t = 0; t < periods; t++) computeCell(plan, series, res.flows, res, c, c * periods + t);
  }
  return res;
}

