import { withLaunches } from './lifecycle/launches';
import { scenarioSeries } from './compute';
import { copySeries } from './driverSeries';
import { isDriverKey } from './metrics';
import { expandAdjustments } from './regions/expand';
import { channelsNamedByRegion, regionalRun, runResult } from './regions/run';
import { rollup, rollupValue } from './rollup';
import { applyAdjustments } from './scenarios/apply';
import { monthKeys } from './timeline';
import { firstLeverPeriod } from './levers/apply';
import { applyPriceToCell, channelPrices, elasticityOf, priceTargetOf } from './levers/price';
import type { Adjustment, DriverKey, MetricKey, Plan, PriceChange } from './types';

/**
 * What goal seek varies: one driver of a channel (of one region of it, with `regionId`: "what
 * tier-3 spend of this channel reaches the target"), or every channel's spend at once.
 */
export type GoalVariable =
  | { kind: 'driver'; channelId: string; driver: DriverKey; regionId?: string }
  | { kind: 'totalBudget' }
  /** A channel's price index, × (1 + percent / 100) on top of its prices (docs/model.md#levers). */
  | { kind: 'price'; channelId: string };

export interface GoalSeekSpec {
  scenarioId: string | null;
  metric: MetricKey;
  target: number;
  variable: GoalVariable;
  /** Bounds of the search, as % change of the variable (−20 … 50). */
  minPercent: number;
  maxPercent: number;
}

/** Whole-plan figures before the change and at the answer (minor units): what the answer costs and earns. */
export interface GoalSeekEffects {
  spend: { before: number; after: number };
  contribution: { before: number; after: number };
}

/**
 * `closestAchieved` is NaN only when the metric is undefined everywhere in the bounds (e.g. ROI of
 * a plan with neither spend nor fixed cost).
 */
export type GoalSeekResult =
  | { status: 'reached'; percent: number; achieved: number; evaluations: number; effects: GoalSeekEffects }
  | { status: 'unreachable'; closestPercent: number; closestAchieved: number; evaluations: number };

const SAMPLES = 41;
const MAX_ITERATIONS = 60;
/** 1 / golden ratio. */
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * The adjustment that applies a goal-seek answer: a scale over the whole timeline, on top of the
 * scenario, so seasonality, growth and the scenario's own changes are kept in proportion.
 */
export function goalSeekAdjustment(spec: GoalSeekSpec, percent: number, id: string): Adjustment {
  const v = spec.variable;
  const op = { kind: 'scale' as const, percent };
  if (v.kind === 'price') throw new RangeError('A price answer is a price change: goalSeekPriceChange');
  if (v.kind === 'totalBudget') return { id, target: { kind: 'all' }, driver: 'spend', op, enabled: true };
  const adj: Adjustment = { id, target: { kind: 'channels', ids: [v.channelId] }, driver: v.driver, op, enabled: true };
  if (v.regionId !== undefined) adj.regionId = v.regionId;
  return adj;
}

/** The scenario price change that applies a goal-seek answer for a channel's price. */
export function goalSeekPriceChange(spec: GoalSeekSpec & { variable: { kind: 'price' } }, percent: number, id: string): PriceChange {
  return { id, channelIds: [spec.variable.channelId], percent, enabled: true };
}

/**
 * A price change on top of drivers that already carry the channel's prices: the levers multiply, so
 * × f on the index is aov × f and conversion (or base traffic) × f^ε, in the months the levers act on.
 */
function applyPriceFactor(target: Plan, rows: readonly number[], series: Parameters<typeof applyPriceToCell>[0], months: readonly string[], scenarioId: string | null, factor: number): void {
  const prices = channelPrices(target);
  const P = months.length;
  const from = firstLeverPeriod(target, months, scenarioId);
  for (const c of rows) {
    const eps = elasticityOf(target, prices[c]);
    const what = priceTargetOf(target, prices[c]);
    for (let t = from; t < P; t++) applyPriceToCell(series, c * P + t, factor, eps, what);
  }
}

function checkSpec(plan: Plan, spec: GoalSeekSpec): void {
  const { minPercent: lo, maxPercent: hi } = spec;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) throw new RangeError(`Bad goal-seek bounds ${lo} … ${hi}`);
  if (!Number.isFinite(spec.target)) throw new RangeError('The goal-seek target is not a finite number');
  const v = spec.variable;
  if (v.kind === 'price' && !plan.channels.some((c) => c.id === v.channelId)) throw new RangeError(`Unknown goal-seek channel ${v.channelId}`);
  // An unknown channel or driver would look like a flat metric: refuse it instead of misreporting.
  if (v.kind === 'driver' && (!plan.channels.some((c) => c.id === v.channelId) || !isDriverKey(v.driver))) {
    throw new RangeError(`Unknown goal-seek variable ${v.channelId} / ${v.driver}`);
  }
  // A region the channel does not serve would leave the metric flat: refuse it too.
  if (v.kind === 'driver' && v.regionId !== undefined && channelsNamedByRegion(plan, [v]).length === 0) {
    throw new RangeError(`The goal-seek channel ${v.channelId} does not serve region ${v.regionId}`);
  }
}

/** Signed distance of the metric from the target at a percent; null where the metric is undefined. */
type Gap = (percent: number) => number | null;

/** A bracket [a, b] with gaps of opposite signs, narrowed by bisection. */
function bisect(gap: Gap, a: number, ga: number, b: number, gb: number, tol: number): { p: number; g: number } {
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const m = (a + b) / 2;
    if (m <= a || m >= b) break; // no double left between the ends
    const gm = gap(m);
    if (gm === null) break; // undefined inside the bracket: keep the better end
    if (Math.abs(gm) <= tol) return { p: m, g: gm };
    if (Math.sign(gm) === Math.sign(ga)) [a, ga] = [m, gm];
    else [b, gb] = [m, gm];
  }
  // Money metrics are steps of one minor unit: the crossing may sit on a step, so the nearer end
  // is the answer to the metric's own precision.
  return Math.abs(ga) <= Math.abs(gb) ? { p: a, g: ga } : { p: b, g: gb };
}

/** Minimises |gap| on [a, b] by golden-section search, starting from the best point known. */
function closest(gap: Gap, a: number, b: number, best: { p: number; g: number }): { p: number; g: number } {
  const size = (p: number): number => {
    const g = gap(p);
    if (g !== null && Math.abs(g) < Math.abs(best.g)) best = { p, g };
    return g === null ? Infinity : Math.abs(g);
  };
  let x1 = b - INV_PHI * (b - a);
  let x2 = a + INV_PHI * (b - a);
  let f1 = size(x1);
  let f2 = size(x2);
  for (let k = 0; k < MAX_ITERATIONS && x2 - x1 > 1e-12 * Math.max(1, Math.abs(x1)); k++) {
    if (f1 <= f2) {
      [b, x2, f2] = [x2, x1, f1];
      x1 = b - INV_PHI * (b - a);
      f1 = size(x1);
    } else {
      [a, x1, f1] = [x1, x2, f2];
      x2 = a + INV_PHI * (b - a);
      f2 = size(x2);
    }
  }
  return best;
}

/** Sample points over the bounds, including the point nearest 0 % (no change) when it is not one. */
function samplePoints(lo: number, hi: number): { points: number[]; anchor: number } {
  const anchor = Math.min(Math.max(0, lo), hi);
  if (lo === hi) return { points: [lo], anchor };
  const points: number[] = [];
  for (let k = 0; k < SAMPLES; k++) points.push(k === SAMPLES - 1 ? hi : lo + ((hi - lo) * k) / (SAMPLES - 1));
  if (!points.includes(anchor)) points.push(anchor);
  return { points: points.sort((x, y) => x - y), anchor };
}

/**
 * Finds the scale percent of one driver (or of every channel's spend) that makes a whole-plan metric
 * hit a target. Of several answers it returns the one nearest 0 %, the smallest change to the plan;
 * when the bounds hold none it says so and gives the closest value it found.
 */
export function goalSeek(plan: Plan, spec: GoalSeekSpec): GoalSeekResult {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, spec.scenarioId);
  checkSpec(plan, spec);
  // On a plan with regional values the metric is computed region by region, as computePlan does; a
  // variable of one region makes its channel computed by region too.
  const v = spec.variable;
  const run = regionalRun(plan, v.kind === 'driver' ? channelsNamedByRegion(plan, [v]) : []);
  const base = scenarioSeries(run.target, spec.scenarioId);
  const months = monthKeys(plan.timeline);
  const target = spec.target;
  const tol = 1e-9 * Math.max(1, Math.abs(target));
  let evaluations = 0;
  const seeksPrice = v.kind === 'price';
  const priceRows = v.kind === 'price' ? (run.x ? run.x.rowsOf[plan.channels.findIndex((c) => c.id === v.channelId)] : [plan.channels.findIndex((c) => c.id === v.channelId)]) : [];
  /** The whole plan's totals with the variable changed by `percent`. */
  const totalsAt = (percent: number) => {
    const series = copySeries(base.series);
    if (seeksPrice) applyPriceFactor(run.target, priceRows, series, months, spec.scenarioId, 1 + percent / 100);
    else {
      const adj = goalSeekAdjustment(spec, percent, 'goal-seek');
      applyAdjustments(run.target, series, months, run.x ? expandAdjustments(plan, run.x, [adj]) : [adj]);
    }
    return rollup(plan, runResult(run, series), 'total', 'all');
  };
  const gap: Gap = (percent) => {
    evaluations++;
    const r = totalsAt(percent);
    const v = r.groupKeys.length > 0 ? rollupValue(r, spec.metric, 0, 0) : null;
    return v === null || !Number.isFinite(v) ? null : v - target;
  };
  const reached = (percent: number, g: number): GoalSeekResult => {
    const before = totalsAt(0);
    const after = totalsAt(percent);
    const pair = (m: 'spend' | 'contribution') => ({ before: rollupValue(before, m, 0, 0) ?? 0, after: rollupValue(after, m, 0, 0) ?? 0 });
    return { status: 'reached', percent, achieved: g + target, evaluations, effects: { spend: pair('spend'), contribution: pair('contribution') } };
  };

  const { points, anchor } = samplePoints(spec.minPercent, spec.maxPercent);
  const gaps = points.map(gap);

  // Candidate answers, each with the least distance from 0 % its root can have.
  const candidates: { near: number; solve: () => { p: number; g: number } }[] = [];
  let prev = -1;
  points.forEach((p, k) => {
    const g = gaps[k];
    if (g === null) return;
    if (Math.abs(g) <= tol) candidates.push({ near: Math.abs(p), solve: () => ({ p, g }) });
    else if (prev >= 0) {
      const a = points[prev];
      const ga = gaps[prev] as number;
      if (Math.abs(ga) > tol && Math.sign(ga) !== Math.sign(g)) {
        candidates.push({ near: a <= 0 && p >= 0 ? 0 : Math.min(Math.abs(a), Math.abs(p)), solve: () => bisect(gap, a, ga, p, g, tol) });
      }
    }
    prev = k;
  });
  candidates.sort((x, y) => x.near - y.near);
  let root: { p: number; g: number } | null = null;
  for (const c of candidates) {
    if (root && c.near >= Math.abs(root.p)) break;
    const r = c.solve();
    if (!root || Math.abs(r.p) < Math.abs(root.p)) root = r;
  }
  if (root) return reached(root.p, root.g);

  const defined = points.map((p, k) => ({ p, g: gaps[k], k })).filter((s): s is { p: number; g: number; k: number } => s.g !== null);
  if (defined.length === 0) return { status: 'unreachable', closestPercent: anchor, closestAchieved: NaN, evaluations };
  const flat = defined.every((s) => s.g === defined[0].g);
  // Nearest the target; among equals, nearest 0 % (for a flat metric that is the unchanged plan).
  const best = defined.reduce((x, y) => {
    const d = Math.abs(y.g) - Math.abs(x.g);
    return d < 0 || (d === 0 && Math.abs(y.p) < Math.abs(x.p)) ? y : x;
  });
  const found = flat
    ? best
    : closest(gap, points[Math.max(0, best.k - 1)], points[Math.min(points.length - 1, best.k + 1)], best);
  // The curve may dip across the target between two samples (a narrow peak): then it is reachable.
  if (Math.sign(found.g) !== Math.sign(best.g)) {
    const [a, b] = found.p < best.p ? [found, best] : [best, found];
    const r = Math.abs(found.g) <= tol ? found : bisect(gap, a.p, a.g, b.p, b.g, tol);
    return reached(r.p, r.g);
  }
  if (Math.abs(found.g) <= tol) return reached(found.p, found.g);
  return { status: 'unreachable', closestPercent: found.p, closestAchieved: found.g + target, evaluations };
}
