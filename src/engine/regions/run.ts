/**
 * Engine paths that resolve a plan once and compute it many times — goal seek, Monte Carlo, the
 * tornado, the checks of BCG advice — run on the plan's expansion by region (expand.ts), exactly as
 * computePlan does, so that for a plan with regional values they agree with it. A plan without
 * regional values (and without anything naming a region) is not expanded: those paths then run on
 * the plan itself, as they always have.
 */
import { computeFromSeries, type PlanResult } from '../compute';
import type { ClampNotice, DriverSeries } from '../driverSeries';
import type { AdjustmentNotice } from '../scenarios/apply';
import type { Plan } from '../types';
import { DRIVER_KEYS } from '../types';
import { aggregateResult } from './aggregate';
import { expandPlan, regionalChannels, type Expansion } from './expand';

export interface RegionalRun {
  /** The plan as the user has it: results are per channel of this plan. */
  plan: Plan;
  /** What is resolved and computed: the expansion's plan, or the plan itself. */
  target: Plan;
  x: Expansion | null;
}

/**
 * The plan to run on. `extra` names channels (plan indices) that must be computed by region too —
 * those a goal seek or a range names by region when the plan itself does not yet.
 */
export function regionalRun(plan: Plan, extra: Iterable<number> = []): RegionalRun {
  const set = regionalChannels(plan);
  for (const c of extra) if (c >= 0 && c < plan.channels.length) set.add(c);
  const x = expandPlan(plan, set);
  return { plan, target: x ? x.plan : plan, x };
}

/** Channels (plan indices) that items naming a region of a channel ask to compute by region. */
export function channelsNamedByRegion(plan: Plan, items: readonly { channelId: string; regionId?: string }[]): number[] {
  const out: number[] = [];
  for (const it of items) {
    if (it.regionId === undefined) continue;
    const c = plan.channels.findIndex((ch) => ch.id === it.channelId);
    if (c >= 0 && plan.channels[c].regions.includes(it.regionId) && plan.regions.some((r) => r.id === it.regionId)) out.push(c);
  }
  return out;
}

/** The computed result of resolved (and possibly changed) drivers of `run.target`, per plan channel. */
export function runResult(
  run: RegionalRun, series: DriverSeries, notices: ClampNotice[] = [], adjustmentNotices: AdjustmentNotice[] = [], scenarioId: string | null = null,
): PlanResult {
  const res = computeFromSeries(run.target, series, notices, adjustmentNotices, scenarioId);
  return run.x ? aggregateResult(run.plan, run.x, res) : res;
}

/**
 * Rows of `run.target` that stand for plan channel `c`, or only its row of `regionId` (empty when
 * the channel is not computed by region, or does not serve the region).
 */
export function targetRows(run: RegionalRun, c: number, regionId?: string): number[] {
  if (!run.x) return regionId === undefined ? [c] : [];
  const rows = run.x.rowsOf[c] ?? [];
  return regionId === undefined ? rows : rows.filter((r) => run.x!.rowOf[r].regionId === regionId);
}

/**
 * The drivers of `run.target` that a result of computePlan holds (its own `drivers` per plan channel,
 * and `regional.drivers` for the rows of channels computed by region). The run must be the plan's
 * own expansion (`regionalRun(plan)`), which is the one computePlan used.
 */
export function targetSeries(run: RegionalRun, result: PlanResult): DriverSeries {
  if (!run.x) return result.drivers;
  const x = run.x;
  const P = result.periods;
  const N = x.rowOf.length;
  const regionalAt = new Map<string, number>();
  result.regional?.rows.forEach((r, k) => regionalAt.set(`${r.channel}\u241e${r.regionId}`, k));
  const out = {} as DriverSeries;
  for (const key of DRIVER_KEYS) out[key] = new Float64Array(N * P);
  x.rowOf.forEach((r, j) => {
    const k = r.regionId === '' ? undefined : regionalAt.get(`${r.channel}\u241e${r.regionId}`);
    if (r.regionId !== '' && k === undefined) throw new RangeError('The result was computed on another expansion of the plan');
    for (const key of DRIVER_KEYS) {
      const src = k === undefined ? result.drivers[key].subarray(r.channel * P, (r.channel + 1) * P) : result.regional!.drivers[key].subarray(k * P, (k + 1) * P);
      out[key].set(src, j * P);
    }
  });
  return out;
}
