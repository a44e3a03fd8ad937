/**
 * The channel × region table the Regions view shows: rows are channels, columns the plan's regions
 * (and "no region" when a channel serves none), with totals both ways. Three kinds of content:
 * region shares (weights), a driver's base value per region (own or inherited from the channel), and
 * a result metric over a period, read from the channel × region cells (cells.ts) — never re-split here.
 */
import type { PlanResult } from '../compute';
import { rollup, rollupValue, UNASSIGNED_REGION, type Rollup } from '../rollup';
import { buckets as makeBuckets, type Granularity } from '../timeline';
import { FLOW_METRICS, type DriverKey, type FlowMetric, type MetricKey, type Plan } from '../types';
import { regionCells, type RegionCells } from './cells';
import { AMOUNT_DRIVERS } from './expand';
import { regionShares, splitInteger } from './shares';

export type RegionSelection = { kind: 'share' } | { kind: 'driver'; key: DriverKey } | { kind: 'metric'; key: MetricKey };

/** Which period a result covers: one bucket of the plan's months, years, or the whole plan. */
export interface RegionPeriod {
  granularity: Extract<Granularity, 'month' | 'year' | 'all'>;
  /** Index of the bucket in `buckets(plan.timeline, granularity)`. */
  bucket: number;
}

export interface RegionTableRow {
  /** Position in plan.channels. */
  channel: number;
  id: string;
  name: string;
  /** One value per column; null where the channel does not serve the region or the value is undefined. */
  values: (number | null)[];
  /** The region's own value (a weight or driver typed for it), not the channel's. */
  own: boolean[];
  /** Whether the channel serves the column's region (only those cells can be edited). */
  served: boolean[];
  total: number | null;
}

export interface RegionTable {
  /** Region ids of the columns, plan order; UNASSIGNED_REGION last when a channel serves no region. */
  columns: string[];
  rows: RegionTableRow[];
  /** Column totals (per region) and the grand total; null where values do not add up (rates, shares). */
  columnTotals: (number | null)[];
  total: number | null;
}

const MONEY_DRIVERS: ReadonlySet<DriverKey> = new Set(['spend', 'fixedCost']);

/** Region columns: every plan region, then "no region" if some channel serves none of them. */
export function regionColumns(plan: Plan): string[] {
  const cols = plan.regions.map((r) => r.id);
  if (plan.channels.some((ch) => regionShares(plan, ch).length === 0)) cols.push(UNASSIGNED_REGION);
  return cols;
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  let s = 0;
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    s += v;
    any = true;
  }
  return any ? s : null;
}

/** Each channel's share of each region (shares of a channel add up to 100 %). */
function shareTable(plan: Plan, columns: string[]): RegionTable {
  const rows = plan.channels.map((ch, c): RegionTableRow => {
    const shares = new Map(regionShares(plan, ch).map((s) => [s.regionId, s.share]));
    if (shares.size === 0) shares.set(UNASSIGNED_REGION, 1);
    const own = ch.regionWeights !== undefined;
    return {
      channel: c,
      id: ch.id,
      name: ch.name,
      values: columns.map((r) => shares.get(r) ?? null),
      own: columns.map((r) => own && shares.has(r) && r !== UNASSIGNED_REGION),
      served: columns.map((r) => shares.has(r) && r !== UNASSIGNED_REGION),
      total: 1,
    };
  });
  return { columns, rows, columnTotals: columns.map(() => null), total: null };
}

/**
 * A driver's base (an average month before growth and season) per region: the region's own, or the
 * channel's — amounts by the region's share (money in whole minor units adding up to the channel),
 * rates as they are. Amounts add up both ways; rates do not.
 */
function driverTable(plan: Plan, key: DriverKey, columns: string[]): RegionTable {
  const amount = AMOUNT_DRIVERS.has(key);
  const rows = plan.channels.map((ch, c): RegionTableRow => {
    const shares = regionShares(plan, ch);
    const base = ch.drivers[key].base;
    const inherited = new Map<string, number>();
    if (shares.length === 0) inherited.set(UNASSIGNED_REGION, base);
    else if (!amount) for (const s of shares) inherited.set(s.regionId, base);
    else if (MONEY_DRIVERS.has(key)) {
      const parts = splitInteger(base, shares.map((s) => s.share));
      shares.forEach((s, k) => inherited.set(s.regionId, parts[k]));
    } else for (const s of shares) inherited.set(s.regionId, base * s.share);
    const own = columns.map((r) => ch.regionDrivers?.[r]?.[key] !== undefined && inherited.has(r));
    const values = columns.map((r, j) => (own[j] ? ch.regionDrivers![r]![key]!.base : (inherited.get(r) ?? null)));
    return {
      channel: c,
      id: ch.id,
      name: ch.name,
      values,
      own,
      served: columns.map((r) => inherited.has(r) && r !== UNASSIGNED_REGION),
      total: amount ? sumOrNull(values) : null,
    };
  });
  if (!amount) return { columns, rows, columnTotals: columns.map(() => null), total: null };
  const columnTotals = columns.map((_, j) => sumOrNull(rows.map((r) => r.values[j])));
  return { columns, rows, columnTotals, total: sumOrNull(rows.map((r) => r.total)) };
}

/** Flows of source rows added up per group and bucket: the shape `rollupValue` reads. */
function groupFlows(plan: Plan, cells: RegionCells, groupOf: readonly number[], groups: string[], granularity: Granularity): Rollup {
  const bks = makeBuckets(plan.timeline, granularity);
  const P = cells.periods;
  const bucketOf = new Int32Array(P);
  bks.forEach((b, bi) => bucketOf.fill(bi, b.start, b.end));
  const size = groups.length * bks.length;
  const flows = {} as Record<FlowMetric, Float64Array>;
  for (const m of FLOW_METRICS) flows[m] = new Float64Array(size);
  const mroi = new Float64Array(size);
  for (let q = 0; q < groupOf.length; q++) {
    const row = groupOf[q] * bks.length;
    for (const m of FLOW_METRICS) {
      const src = cells.flows[m];
      const dst = flows[m];
      for (let t = 0; t < P; t++) dst[row + bucketOf[t]] += src[q * P + t];
    }
    for (let t = 0; t < P; t++) mroi[row + bucketOf[t]] += cells.marginalRoiSpend[q * P + t];
  }
  return { groupBy: 'region', granularity, groupKeys: groups, buckets: bks, flows, marginalRoiSpend: mroi, cells: null };
}

/**
 * A result metric per channel × region over one period, from the channel × region cells; row totals
 * are the channel's figures and column totals the region's, ratios recomputed from summed flows
 * (ROI of a region = its contribution ÷ its spend and fixed cost), never summed.
 */
function resultTable(plan: Plan, res: PlanResult, key: MetricKey, period: RegionPeriod, columns: string[], cells: RegionCells): RegionTable {
  const g = period.granularity;
  const b = period.bucket;
  const cellKeys = cells.rows.map((_, q) => String(q));
  const byCell = groupFlows(plan, cells, cells.rows.map((_, q) => q), cellKeys, g);
  const colIndex = new Map(columns.map((r, j) => [r, j] as const));
  const byRegion = groupFlows(plan, cells, cells.rows.map((r) => colIndex.get(r.regionId) ?? 0), columns, g);
  // Channel and plan totals come from the channel results themselves, not from the cells: the
  // cells must add up to them, and a view that summed the cells could not show that they do not.
  const byChannel = rollup(plan, res, 'channel', g);
  const whole = rollup(plan, res, 'total', g);
  const rows = plan.channels.map((ch, c): RegionTableRow => ({
    channel: c,
    id: ch.id,
    name: ch.name,
    values: columns.map(() => null),
    own: columns.map(() => false),
    served: columns.map(() => false),
    total: rollupValue(byChannel, key, c, b),
  }));
  cells.rows.forEach((cell, q) => {
    const j = colIndex.get(cell.regionId);
    if (j === undefined) return;
    const row = rows[cell.channel];
    row.values[j] = rollupValue(byCell, key, q, b);
    row.served[j] = true;
    row.own[j] = Object.keys(plan.channels[cell.channel].regionDrivers?.[cell.regionId] ?? {}).length > 0;
  });
  return { columns, rows, columnTotals: columns.map((_, j) => rollupValue(byRegion, key, j, b)), total: rollupValue(whole, key, 0, b) };
}

/** The table of a selection; results need the plan's result (the plan it was computed from). */
export function regionTable(plan: Plan, sel: RegionSelection, result?: { res: PlanResult; period: RegionPeriod }): RegionTable | null {
  const columns = regionColumns(plan);
  if (sel.kind === 'share') return shareTable(plan, columns);
  if (sel.kind === 'driver') return driverTable(plan, sel.key, columns);
  if (!result) return null;
  return resultTable(plan, result.res, sel.key, result.period, columns, regionCells(plan, result.res));
}
