/**
 * Plan against actual (docs/model.md#plan-vs-actual): per channel and month the planned and the
 * actual figure of one measure, their difference and its share of the plan; year-to-date roll-ups by
 * channel, type, role and region. A month without an actual has no difference — never 0 or −100 %.
 */
import { resultPlan } from '../lifecycle/resultPlan';
import type { PlanResult } from '../compute';
import { parseMonth } from '../timeline';
import type { ActualMeasure, Plan } from '../types';
import { regionCells } from '../regions/cells';
import { channelActuals, hasRegions, lastActualMonth, regionActuals } from './actualMonths';

/**
 * Measures both sides have. Customers and units are left out: the plan counts neither (its
 * `newOrders` are orders from new customers, not people, and it has no unit volume).
 */
export const VARIANCE_MEASURES = ['netRevenue', 'orders', 'spend'] as const;
export type VarianceMeasure = (typeof VARIANCE_MEASURES)[number] & ActualMeasure;

export interface VarianceCell {
  plan: number;
  actual: number | null;
  /** actual − plan; null without an actual. */
  delta: number | null;
  /** delta ÷ plan; null without an actual or when the plan is 0. */
  deltaPct: number | null;
}

export interface VarianceRow {
  key: string;
  cells: VarianceCell[];
}

export function varianceCell(plan: number, actual: number | null): VarianceCell {
  if (actual === null) return { plan, actual, delta: null, deltaPct: null };
  const delta = actual - plan;
  return { plan, actual, delta, deltaPct: plan !== 0 ? delta / plan : null };
}

/**
 * Rows summed per month, like for like: in a month with actuals, the plan of the rows that have
 * one that month against their actuals; in a month without, the plan of the rows that report at
 * all (those a re-forecast covers). A row with no actual in any month is left out, so a total never
 * sets some channels' actuals against every channel's plan. When no row has an actual, all count.
 */
export function likeForLike(rows: readonly VarianceRow[], months: number): { cells: VarianceCell[]; reporting: readonly VarianceRow[] } {
  const withActuals = rows.filter((r) => r.cells.some((c) => c.actual !== null));
  const reporting = withActuals.length > 0 ? withActuals : rows;
  const cells: VarianceCell[] = [];
  for (let t = 0; t < months; t++) {
    const reported = reporting.filter((r) => r.cells[t].actual !== null);
    const plan = (reported.length > 0 ? reported : reporting).reduce((a, r) => a + r.cells[t].plan, 0);
    cells.push(varianceCell(plan, reported.length > 0 ? reported.reduce((a, r) => a + (r.cells[t].actual as number), 0) : null));
  }
  return { cells, reporting };
}

/** Where a difference stands against a tolerance (a fraction, e.g. 0.05 for ±5 %). */
export type ToleranceStatus = 'none' | 'within' | 'above' | 'below';

export function toleranceStatus(cell: VarianceCell, tolerance: number): ToleranceStatus {
  if (cell.delta === null) return 'none';
  if (cell.deltaPct === null) return cell.delta === 0 ? 'within' : cell.delta > 0 ? 'above' : 'below';
  if (Math.abs(cell.deltaPct) <= tolerance + 1e-12) return 'within';
  return cell.deltaPct > 0 ? 'above' : 'below';
}

/** The plan's figure of a measure per cell (flows are row-major channel · periods + period). */
function planFlow(res: PlanResult, measure: VarianceMeasure): Float64Array {
  return res.flows[measure];
}

/** Channel × month: one row per channel of the plan, one cell per plan month. */
export function varianceGrid(planIn: Plan, res: PlanResult, measure: VarianceMeasure): VarianceRow[] {
  // Rows are the result's channels: a scenario may launch channels the plan lacks (they have no actuals).
  const plan = resultPlan(planIn, res);
  const P = res.periods;
  const flow = planFlow(res, measure);
  return plan.channels.map((ch, c) => {
    const actual = plan.actuals ? channelActuals(plan.actuals, ch.id, measure, res.months) : res.months.map(() => null);
    return { key: ch.id, cells: res.months.map((_, t) => varianceCell(flow[c * P + t], actual[t])) };
  });
}

/** The months year-to-date sums: from January of the last actual month's year (or the plan's start) to that month. */
export interface YtdWindow {
  /** Plan month indices, inclusive. */
  first: number;
  last: number;
  from: string;
  through: string;
}

export function ytdWindow(plan: Plan, months: readonly string[], measure: VarianceMeasure = 'netRevenue'): YtdWindow | null {
  if (!plan.actuals) return null;
  const lastActual = lastActualMonth(plan.actuals, measure);
  if (!lastActual) return null;
  let last = months.length - 1;
  while (last >= 0 && months[last] > lastActual) last--;
  if (last < 0) return null;
  const year = parseMonth(months[last])?.year;
  let first = last;
  while (first > 0 && parseMonth(months[first - 1])?.year === year) first--;
  return { first, last, from: months[first], through: months[last] };
}

export type VarianceGroupBy = 'channel' | 'type' | 'role' | 'region';

export interface YtdRow {
  key: string;
  /** Plan over the months of the window that have an actual (like for like). */
  cell: VarianceCell;
  /** Months of the window with an actual. */
  months: number;
}

function addPair(acc: { plan: number; actual: number; months: number; any: boolean }, plan: number, actual: number | null): void {
  if (actual === null) return;
  acc.plan += plan;
  acc.actual += actual;
  acc.months++;
  acc.any = true;
}

function rowOf(key: string, acc: { plan: number; actual: number; months: number; any: boolean }): YtdRow {
  return { key, cell: acc.any ? varianceCell(acc.plan, acc.actual) : varianceCell(0, null), months: acc.months };
}

/**
 * Year-to-date plan and actual per group. Plan counts only the months that have an actual, so a
 * channel that has not reported a month is not shown as a shortfall for it. Regions: the plan by
 * region as the roll-ups take it, against the actuals' region series; null when the data names no
 * region.
 */
export function ytdRollup(planIn: Plan, res: PlanResult, measure: VarianceMeasure, groupBy: VarianceGroupBy, window: YtdWindow): YtdRow[] | null {
  // Rows are the result's channels: a scenario may launch channels the plan lacks (they have no actuals).
  const plan = resultPlan(planIn, res);
  const actuals = plan.actuals;
  if (!actuals) return null;
  const P = res.periods;
  const empty = () => ({ plan: 0, actual: 0, months: 0, any: false });
  if (groupBy === 'region') {
    if (!hasRegions(actuals)) return null;
    return regionRows(plan, res, measure, window);
  }
  const flow = planFlow(res, measure);
  const groups = new Map<string, ReturnType<typeof empty>>();
  plan.channels.forEach((ch, c) => {
    const key = groupBy === 'channel' ? ch.id : groupBy === 'type' ? ch.type : ch.role;
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = empty()));
    const actual = channelActuals(actuals, ch.id, measure, res.months);
    for (let t = window.first; t <= window.last; t++) addPair(acc, flow[c * P + t], actual[t]);
  });
  return [...groups].map(([key, acc]) => rowOf(key, acc));
}

/**
 * By region, like for like: only channels whose actuals are given by region take part, and each
 * one's plan is taken by region as the model has it (regions/cells.ts: rows of a channel planned by
 * region, else its region shares), to the minor unit. Channels reported as a whole cannot be put in
 * a region and are left out.
 */
function regionRows(plan: Plan, res: PlanResult, measure: VarianceMeasure, window: YtdWindow): YtdRow[] {
  const actuals = plan.actuals!;
  const P = res.periods;
  const cells = regionCells(plan, res);
  const flow = cells.flows[measure];
  const byRegion = new Set(actuals.series.filter((s) => s.regionId !== '').map((s) => s.channelId));
  const plannedBy = new Map<string, number[]>(plan.regions.map((r) => [r.id, new Array<number>(P).fill(0)]));
  cells.rows.forEach((r, q) => {
    const row = plannedBy.get(r.regionId);
    if (!row || !byRegion.has(plan.channels[r.channel].id)) return;
    for (let t = 0; t < P; t++) row[t] += flow[q * P + t];
  });
  return plan.regions.map((r) => {
    const actual = regionActuals(actuals, r.id, measure, res.months);
    const planned = plannedBy.get(r.id)!;
    const acc = { plan: 0, actual: 0, months: 0, any: false };
    for (let t = window.first; t <= window.last; t++) addPair(acc, planned[t], actual[t]);
    return rowOf(r.id, acc);
  });
}

/** Year-to-date totals over every channel, for the summary tiles. */
export function ytdTotal(planIn: Plan, res: PlanResult, measure: VarianceMeasure, window: YtdWindow): YtdRow {
  // Rows are the result's channels: a scenario may launch channels the plan lacks (they have no actuals).
  const plan = resultPlan(planIn, res);
  const rows = ytdRollup(plan, res, measure, 'channel', window) ?? [];
  const acc = { plan: 0, actual: 0, months: 0, any: false };
  const monthsWith = new Set<number>();
  if (plan.actuals) {
    const actuals = plan.actuals;
    plan.channels.forEach((ch) => {
      const actual = channelActuals(actuals, ch.id, measure, res.months);
      for (let t = window.first; t <= window.last; t++) if (actual[t] !== null) monthsWith.add(t);
    });
  }
  for (const r of rows) {
    if (r.cell.actual === null) continue;
    acc.plan += r.cell.plan;
    acc.actual += r.cell.actual;
    acc.any = true;
  }
  return { key: 'total', cell: acc.any ? varianceCell(acc.plan, acc.actual) : varianceCell(0, null), months: monthsWith.size };
}
