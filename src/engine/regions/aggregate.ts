/**
 * Results of an expanded plan (expand.ts) added back up per channel: a channel computed by region is
 * the sum of its rows, money exactly (each row's figures are whole minor units). The rows stay in the
 * result (`regional`) for the region views. Rebates settle here, on the channel's whole revenue, and
 * each month's rebate is shared among the rows by their net revenue.
 */
import { curveSlope } from '../curve';
import type { ClampNotice, DriverSeries } from '../driverSeries';
import type { FlowSeries, PlanResult, RegionalResult } from '../compute';
import { marginalRebateRate, rebateRow, settlementGroups } from '../rebates';
import type { AdjustmentNotice } from '../scenarios/apply';
import type { Plan } from '../types';
import { DRIVER_KEYS, FLOW_METRICS } from '../types';
import type { Expansion } from './expand';
import { splitInteger } from './shares';

const SEP = '\u241e';

/** The plan id an expanded id stands for (a row id or a split adjustment id). */
function planId(id: string): string {
  const k = id.indexOf(SEP);
  return k < 0 ? id : id.slice(0, k);
}

function regionOf(id: string): string | undefined {
  const k = id.indexOf(SEP);
  return k < 0 ? undefined : id.slice(k + 1);
}

/** Notices name plan channels (and the region); the same notice of several rows is kept once per region. */
function mapNotices<T extends { channelId?: string; adjustmentId?: string }>(list: readonly T[]): (T & { regionId?: string })[] {
  const seen = new Set<string>();
  const out: (T & { regionId?: string })[] = [];
  for (const n of list) {
    const m: T & { regionId?: string } = { ...n };
    if (n.channelId !== undefined) {
      const r = regionOf(n.channelId);
      m.channelId = planId(n.channelId);
      if (r !== undefined) m.regionId = r;
    }
    if (n.adjustmentId !== undefined) m.adjustmentId = planId(n.adjustmentId);
    const key = JSON.stringify(m);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}

export function aggregateResult(plan: Plan, x: Expansion, xres: PlanResult): PlanResult {
  const P = xres.periods;
  const C = plan.channels.length;
  const n = C * P;
  const flows = {} as FlowSeries;
  for (const m of FLOW_METRICS) flows[m] = new Float64Array(n);
  const drivers = {} as DriverSeries;
  for (const k of DRIVER_KEYS) drivers[k] = new Float64Array(n);
  const marginalRoiSpend = new Float64Array(n);
  const marginalRoi = new Float64Array(n);
  const marginalRoiDefined = new Uint8Array(n);

  // Rebates of channels computed by region, on the channel's summed revenue, shared among its rows.
  for (let c = 0; c < C; c++) {
    const rows = x.rowsOf[c];
    const scheme = plan.channels[c].rebate;
    if (rows.length === 1 && x.rowOf[rows[0]].regionId === '') continue;
    if (!scheme || scheme.tiers.length === 0) continue;
    settleRebate(plan, x, xres, c);
  }

  for (let c = 0; c < C; c++) {
    const rows = x.rowsOf[c];
    const shares = rows.map((r) => x.rowOf[r].share);
    for (let t = 0; t < P; t++) {
      const i = c * P + t;
      let defined = 1;
      let mroi = 0;
      let mroiSpend = 0;
      for (let k = 0; k < rows.length; k++) {
        const j = rows[k] * P + t;
        for (const m of FLOW_METRICS) flows[m][i] += xres.flows[m][j];
        mroiSpend += xres.marginalRoiSpend[j];
        mroi += shares[k] * xres.marginalRoi[j];
        if (!xres.marginalRoiDefined[j]) defined = 0;
      }
      marginalRoiSpend[i] = mroiSpend;
      marginalRoiDefined[i] = defined;
      // d contribution / d spend when one more unit of the channel's spend is shared as the channel is.
      marginalRoi[i] = defined ? (rows.length === 1 ? xres.marginalRoi[rows[0] * P + t] : mroi) : 0;
      channelDrivers(drivers, flows, xres.drivers, i, rows.map((r) => r * P + t), shares);
    }
  }

  const regional: RegionalResult = {
    rows: x.rows.map((r) => ({ channel: r.channel, regionId: r.regionId, share: r.share })),
    flows: {} as FlowSeries,
    drivers: {} as DriverSeries,
    marginalRoiSpend: new Float64Array(x.rows.length * P),
    marginalRoi: new Float64Array(x.rows.length * P),
    marginalRoiDefined: new Uint8Array(x.rows.length * P),
  };
  const rowIndex = x.rows.map((r) => x.plan.channels.findIndex((ch) => ch.id === r.id));
  const copyRows = <A extends Float64Array | Uint8Array>(src: A, dst: A): void => {
    rowIndex.forEach((j, k) => dst.set(src.subarray(j * P, (j + 1) * P), k * P));
  };
  for (const m of FLOW_METRICS) {
    regional.flows[m] = new Float64Array(x.rows.length * P);
    copyRows(xres.flows[m], regional.flows[m]);
  }
  for (const k of DRIVER_KEYS) {
    regional.drivers[k] = new Float64Array(x.rows.length * P);
    copyRows(xres.drivers[k], regional.drivers[k]);
  }
  copyRows(xres.marginalRoiSpend, regional.marginalRoiSpend);
  copyRows(xres.marginalRoi, regional.marginalRoi);
  copyRows(xres.marginalRoiDefined, regional.marginalRoiDefined);

  return {
    channelIds: plan.channels.map((ch) => ch.id),
    months: xres.months,
    periods: P,
    drivers,
    flows,
    marginalRoiSpend,
    marginalRoi,
    marginalRoiDefined,
    notices: mapNotices<ClampNotice>(xres.notices),
    scenarioId: xres.scenarioId,
    adjustmentNotices: mapNotices(xres.adjustmentNotices as (AdjustmentNotice & { channelId?: string })[]) as AdjustmentNotice[],
    regional,
  };
}

/**
 * A channel's drivers in one month from its rows: amounts are the sums; a rate is the rate the summed
 * flows imply (conversion = orders / traffic, …), as a roll-up reads it, or the rows' share-weighted
 * rate where there is no flow to weigh by.
 */
function channelDrivers(d: DriverSeries, f: FlowSeries, rowDrivers: DriverSeries, i: number, at: number[], shares: number[]): void {
  if (at.length === 1) {
    for (const k of DRIVER_KEYS) d[k][i] = rowDrivers[k][at[0]];
    return;
  }
  const avg = (k: keyof DriverSeries): number => at.reduce((s, j, q) => s + rowDrivers[k][j] * shares[q], 0);
  const rate = (num: number, den: number, k: keyof DriverSeries): number => (den > 0 ? num / den : avg(k));
  d.spend[i] = at.reduce((s, j) => s + rowDrivers.spend[j], 0);
  d.baseTraffic[i] = at.reduce((s, j) => s + rowDrivers.baseTraffic[j], 0);
  d.fixedCost[i] = at.reduce((s, j) => s + rowDrivers.fixedCost[j], 0);
  d.conversion[i] = rate(f.orders[i], f.traffic[i], 'conversion');
  d.aov[i] = rate(f.grossRevenue[i], f.orders[i], 'aov');
  d.returnRate[i] = rate(f.returns[i], f.grossRevenue[i], 'returnRate');
  d.channelMargin[i] = rate(f.intermediaryMargin[i], f.grossRevenue[i] - f.returns[i], 'channelMargin');
  d.grossMargin[i] = rate(f.grossProfit[i], f.netRevenue[i], 'grossMargin');
  d.variableCostRate[i] = rate(f.variableCost[i], f.netRevenue[i], 'variableCostRate');
  d.newCustomerShare[i] = rate(f.newOrders[i], f.orders[i], 'newCustomerShare');
}

/**
 * The rebate of a channel computed by region: settled on the sum of its rows' net revenue per
 * settlement period (rebates.ts), accrued to months as for a whole channel, and each month's rebate
 * shared among the rows by their net revenue (exact in minor units). A row's marginal ROI loses the
 * rebate its extra revenue earns at the channel's marginal rate.
 */
function settleRebate(plan: Plan, x: Expansion, xres: PlanResult, c: number): void {
  const scheme = plan.channels[c].rebate!;
  const P = xres.periods;
  const rows = x.rowsOf[c];
  const f = xres.flows;
  const d = xres.drivers;
  const net = new Float64Array(P);
  for (const r of rows) for (let t = 0; t < P; t++) net[t] += f.netRevenue[r * P + t];
  const rebate = new Float64Array(P);
  rebateRow(scheme, xres.months, net, 0, rebate);
  for (let t = 0; t < P; t++) {
    const parts = net[t] > 0 ? splitInteger(rebate[t], rows.map((r) => f.netRevenue[r * P + t] / net[t])) : splitInteger(rebate[t], rows.map(() => 1 / rows.length));
    rows.forEach((r, k) => {
      const j = r * P + t;
      f.rebate[j] = parts[k];
      f.channelCost[j] += parts[k];
      f.contribution[j] -= parts[k];
    });
  }
  for (const g of settlementGroups(xres.months, scheme.period)) {
    let sales = 0;
    for (let t = g.start; t < g.end; t++) sales += net[t];
    const rate = marginalRebateRate(scheme, sales);
    if (rate === 0) continue;
    for (const r of rows) {
      const curve = x.plan.channels[r].curve;
      for (let t = g.start; t < g.end; t++) {
        const j = r * P + t;
        if (!xres.marginalRoiDefined[j]) continue;
        const slope = curveSlope(curve, d.spend[j]) ?? 0;
        const revenuePerVisit = d.conversion[j] * d.aov[j] * (1 - d.returnRate[j]) * (1 - d.channelMargin[j]);
        xres.marginalRoi[j] -= slope * revenuePerVisit * rate;
        xres.marginalRoiSpend[j] = xres.marginalRoi[j] * d.spend[j];
      }
    }
  }
}
