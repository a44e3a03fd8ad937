import { DRIVER_SPECS } from '../drivers';
import { resolveDrivers, type DriverSeries } from '../driverSeries';
import { currencyDigits } from '../money';
import { regionalRun, targetRows, type RegionalRun } from '../regions/run';
import { monthKeys } from '../timeline';
import type { Adjustment, AdjustmentOp, AdjustmentTarget, DriverKey, Plan } from '../types';

/**
 * Keeping an adjustment's meaning when its operation or driver changes. The number of an adjustment
 * is in a different unit for each operation (a percent for scale, the driver's unit for set and add,
 * money for a move), so carrying the bare number over turns "+10 %" into ¥0.10. Instead the change
 * is read as a relative and an absolute change at the level of the targeted channels' baseline, and
 * the new operation gets the number that makes the same change.
 */

/** Channel indices a target picks (unknown ids are left out; validation reports them). */
export function targetedChannels(plan: Plan, target: AdjustmentTarget): number[] {
  switch (target.kind) {
    case 'all':
      return plan.channels.map((_, c) => c);
    case 'type':
      return plan.channels.flatMap((ch, c) => (ch.type === target.type ? [c] : []));
    case 'role':
      return plan.channels.flatMap((ch, c) => (ch.role === target.role ? [c] : []));
    case 'channels': {
      const ids = new Set(target.ids);
      return plan.channels.flatMap((ch, c) => (ids.has(ch.id) ? [c] : []));
    }
  }
}

/** Inclusive period indices of an optional `from`/`to` range (months sort as strings). */
function range(months: readonly string[], from?: string, to?: string): [number, number] {
  let first = 0;
  let last = months.length - 1;
  if (from !== undefined) while (first < months.length && months[first] < from) first++;
  if (to !== undefined) while (last >= 0 && months[last] > to) last--;
  return [first, last];
}

/**
 * The average value per channel and month of a driver over some channels and a range of the
 * baseline: the level a percent or an amount is measured against. Null when nothing is covered.
 */
export function driverLevel(series: DriverSeries, months: readonly string[], channels: readonly number[], driver: DriverKey, from?: string, to?: string): number | null {
  const [first, last] = range(months, from, to);
  const P = months.length;
  let sum = 0;
  let n = 0;
  for (const c of channels) {
    for (let t = first; t <= last; t++) {
      sum += series[driver][c * P + t];
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/** The baseline values every conversion reads; compute once when converting several adjustments. */
export interface ConvertContext {
  plan: Plan;
  series: DriverSeries;
  months: string[];
  /** Every channel region by region (built when an adjustment of one region is first converted). */
  regional?: { run: RegionalRun; series: DriverSeries };
}

export function convertContext(plan: Plan): ConvertContext {
  return { plan, series: resolveDrivers(plan).series, months: monthKeys(plan.timeline) };
}

/**
 * The level of a driver over what an adjustment targets: its channels' baseline, or for an
 * adjustment of one region those channels' rows in that region (a region's own amount, not the
 * channel's), so that "+10 %" of a region's spend becomes an amount of that region.
 */
function targetLevel(ctx: ConvertContext, adj: Adjustment, channels: readonly number[], driver: DriverKey): number | null {
  if (adj.regionId === undefined) return driverLevel(ctx.series, ctx.months, channels, driver, adj.from, adj.to);
  if (!ctx.regional) {
    const run = regionalRun(ctx.plan, ctx.plan.channels.map((_, c) => c));
    ctx.regional = { run, series: run.x ? resolveDrivers(run.target).series : ctx.series };
  }
  const { run, series } = ctx.regional;
  const rows = channels.flatMap((c) => targetRows(run, c, adj.regionId));
  return driverLevel(series, ctx.months, rows, driver, adj.from, adj.to);
}

/** Rounds a value of a driver's unit to what a planner would type: whole currency units, 0.01 %, whole visits. */
export function roundForDriver(driver: DriverKey, v: number, currency: string): number {
  const unit = DRIVER_SPECS[driver].unit;
  if (unit === 'money') {
    const major = 10 ** currencyDigits(currency);
    // Below one currency unit the minor units matter (an AOV change of ¥0.50).
    return Math.abs(v) >= major ? Math.round(v / major) * major : Math.round(v);
  }
  if (unit === 'rate') return Math.round(v * 10_000) / 10_000;
  return Math.round(v);
}

function clampToDriver(driver: DriverKey, v: number): number {
  const spec = DRIVER_SPECS[driver];
  return Math.min(spec.max, Math.max(spec.min, v));
}

/** What an adjustment does, per channel and month: relative (fraction) and absolute (driver unit). */
interface Change {
  relative: number | null;
  absolute: number | null;
}

function changeOf(ctx: ConvertContext, adj: Adjustment): Change {
  const op = adj.op;
  if (op.kind === 'move') {
    // A move's money goes to its destination: the same change as adding it there.
    const to = ctx.plan.channels.findIndex((ch) => ch.id === op.to);
    const level = to < 0 ? null : targetLevel(ctx, adj, [to], 'spend');
    return { absolute: op.amount, relative: level ? op.amount / level : null };
  }
  const level = targetLevel(ctx, adj, targetedChannels(ctx.plan, adj.target), adj.driver);
  switch (op.kind) {
    case 'scale':
      return { relative: op.percent / 100, absolute: level === null ? null : (level * op.percent) / 100 };
    case 'add':
      return { absolute: op.value, relative: level ? op.value / level : null };
    case 'set':
      return { absolute: level === null ? null : op.value - level, relative: level ? op.value / level - 1 : null };
  }
}

const DEFAULT_RELATIVE = 0.1;

/** A new op of `kind` on `driver` that makes the same relative (or else absolute) change. */
function opFor(ctx: ConvertContext, adj: Adjustment, driver: DriverKey, kind: Exclude<AdjustmentOp['kind'], 'move'>, change: Change): AdjustmentOp {
  const currency = ctx.plan.currency;
  const level = targetLevel(ctx, adj, targetedChannels(ctx.plan, adj.target), driver);
  const relative = change.relative ?? (change.absolute !== null && level ? change.absolute / level : DEFAULT_RELATIVE);
  const absolute = level === null ? 0 : level * relative;
  if (kind === 'scale') return { kind, percent: Math.round(Math.max(-100, relative * 100) * 10) / 10 };
  if (kind === 'add') return { kind, value: roundForDriver(driver, absolute, currency) };
  return { kind, value: roundForDriver(driver, clampToDriver(driver, (level ?? 0) + absolute), currency) };
}

/** Spend per month of a channel over the adjustment's range. */
function spendLevel(ctx: ConvertContext, adj: Adjustment, c: number): number {
  return targetLevel(ctx, adj, [c], 'spend') ?? 0;
}

/**
 * A budget move equivalent to the change: money leaves the targeted channel when the change is a
 * cut and arrives there when it is a rise; the other end is the largest other spender. The amount
 * is in money whatever the driver was (a rate change becomes the same share of the channel's spend).
 */
function moveFor(ctx: ConvertContext, adj: Adjustment, change: Change): AdjustmentOp {
  const plan = ctx.plan;
  const targeted = targetedChannels(plan, adj.target);
  const primary = targeted[0] ?? 0;
  const others = plan.channels.map((_, c) => c).filter((c) => c !== primary);
  const largest = others.reduce((best, c) => (best < 0 || spendLevel(ctx, adj, c) > spendLevel(ctx, adj, best) ? c : best), -1);
  const relative = adj.driver === 'spend' || adj.op.kind === 'scale' ? (change.relative ?? DEFAULT_RELATIVE) : DEFAULT_RELATIVE;
  const cut = relative < 0;
  const measured = spendLevel(ctx, adj, primary);
  const amount = adj.driver === 'spend' && adj.op.kind !== 'scale' && change.absolute !== null ? Math.abs(change.absolute) : Math.abs(relative) * measured;
  const id = (c: number): string => plan.channels[c]?.id ?? '';
  const from = cut ? id(primary) : id(largest < 0 ? primary : largest);
  const to = cut ? id(largest < 0 ? primary : largest) : id(primary);
  return { kind: 'move', from, to, amount: Math.max(0, roundForDriver('spend', amount, plan.currency)) };
}

/**
 * The adjustment with another operation, keeping what it does as far as the new operation can say
 * it: scale +10 % of ¥1,200,000 becomes add ¥120,000 or set ¥1,320,000, and a move of ¥120,000 into
 * a channel. A move always works on spend; leaving a move keeps its destination as the target.
 */
export function switchOperation(ctx: ConvertContext, adj: Adjustment, kind: AdjustmentOp['kind']): Adjustment {
  if (adj.op.kind === kind) return adj;
  const change = changeOf(ctx, adj);
  if (kind === 'move') return { ...adj, driver: 'spend', op: moveFor(ctx, adj, change) };
  if (adj.op.kind === 'move') {
    const target: AdjustmentTarget = adj.op.to ? { kind: 'channels', ids: [adj.op.to] } : adj.target;
    const onTarget: Adjustment = { ...adj, target, driver: 'spend' };
    return { ...onTarget, op: opFor(ctx, onTarget, 'spend', kind, change) };
  }
  return { ...adj, op: opFor(ctx, adj, adj.driver, kind, change) };
}

/**
 * The adjustment on another driver: a percent stays a percent; a set or add keeps its relative
 * change (+10 % of spend as an amount becomes +10 % of the conversion rate), never the bare number.
 */
export function switchDriver(ctx: ConvertContext, adj: Adjustment, driver: DriverKey): Adjustment {
  if (adj.driver === driver || adj.op.kind === 'move') return adj;
  if (adj.op.kind === 'scale') return { ...adj, driver };
  const change = changeOf(ctx, adj);
  return { ...adj, driver, op: opFor(ctx, { ...adj, driver }, driver, adj.op.kind, { relative: change.relative, absolute: null }) };
}
