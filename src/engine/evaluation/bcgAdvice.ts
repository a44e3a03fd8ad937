/**
 * Checks a quadrant's recommendation against what the channel earns. The BCG matrix places channels
 * by share and growth only, so its advice can contradict the money: a "dog" can be the channel with
 * the best return on every yuan, a "star" can lose money. A planner acting on the quadrant alone
 * would then cut the best channel or feed a loss-maker; each action's effect on contribution and
 * each contradiction is therefore computed and shown next to the advice.
 */
import { computeFromSeries, computePlan, type PlanResult } from '../compute';
import { copySeries, type DriverSeries } from '../driverSeries';
import { expandAdjustments } from '../regions/expand';
import { regionalRun, runResult, targetSeries } from '../regions/run';
import { applyAdjustments } from '../scenarios/apply';
import { cannibalisationPairs } from '../scenarios/cannibalisation';
import { DRIVER_KEYS, type Adjustment, type ChannelExit, type Plan } from '../types';
import type { BcgQuadrant } from './bcg';
import type { ChannelReturns, PeriodWindow } from './bcgInputs';

/**
 *   topRoi / topContribution  "fix or exit" for the channel with the highest ROI or the largest
 *                             contribution of all (a cash cow is large by definition, and trimming
 *                             its spend is not exiting it: its cut shows in the action's effect)
 *   losesMoney                a quadrant that invests (star, question mark) in a channel whose
 *                             contribution over the window is negative
 *   pastProfit                a quadrant that invests in a channel whose next unit of spend already
 *                             returns less than it costs (marginal contribution < 0)
 */
export type BcgWarning =
  | { kind: 'topRoi'; roi: number }
  | { kind: 'topContribution'; contribution: number }
  | { kind: 'losesMoney'; contribution: number }
  | { kind: 'pastProfit'; marginal: number };

const INVESTS: ReadonlySet<BcgQuadrant> = new Set(['star', 'questionMark']);

/** Below this the next unit of spend "loses money" rather than breaking even (rounding noise). */
const MARGINAL_TOLERANCE = 0.005;

/** Warnings per channel, in plan order; quadrants null (no position) get none. */
export function quadrantWarnings(quadrants: readonly (BcgQuadrant | null)[], returns: readonly ChannelReturns[]): BcgWarning[][] {
  const rois = returns.map((r) => r.roi).filter((v): v is number => v !== null);
  const topRoi = rois.length > 1 ? Math.max(...rois) : null;
  const topContribution = returns.length > 1 ? Math.max(...returns.map((r) => r.contribution)) : null;
  return quadrants.map((q, c) => {
    const r = returns[c];
    const out: BcgWarning[] = [];
    if (q === null || !r) return out;
    if (q === 'dog') {
      if (r.roi !== null && r.roi === topRoi && r.roi > 0) out.push({ kind: 'topRoi', roi: r.roi });
      if (r.contribution === topContribution && r.contribution > 0) out.push({ kind: 'topContribution', contribution: r.contribution });
    }
    if (INVESTS.has(q)) {
      if (r.contribution < 0) out.push({ kind: 'losesMoney', contribution: r.contribution });
      if (r.marginal !== null && r.marginal < -MARGINAL_TOLERANCE) out.push({ kind: 'pastProfit', marginal: r.marginal });
    }
    return out;
  });
}

function windowSum(values: Float64Array, from: number, to: number, w: PeriodWindow, P: number): number {
  let s = 0;
  for (let c = from; c < to; c++) for (let t = w.start; t < w.end; t++) s += values[c * P + t];
  return s;
}

/** One channel's rows of a driver series, as the series of a one-channel plan. */
function channelSlice(series: DriverSeries, c: number, P: number): DriverSeries {
  const out = {} as DriverSeries;
  for (const key of DRIVER_KEYS) out[key] = series[key].slice(c * P, (c + 1) * P);
  return out;
}

/**
 * What applying `adjustments` (an action on channel `c`) on top of the computed result changes total
 * contribution by, over the window. The same as computing the action's scenario as a child of the
 * scenario on screen: its adjustments apply after the parent's, on the parent's resolved drivers,
 * which `result.drivers` holds. A channel that no cannibalisation pair ties to another is computed on
 * its own (its rebate depends only on itself), which keeps a matrix of many channels cheap; otherwise
 * the whole plan is recomputed.
 */
export function actionEffect(plan: Plan, result: PlanResult, c: number, adjustments: readonly Adjustment[], window: PeriodWindow): number {
  const P = result.periods;
  const run = regionalRun(plan);
  if (run.x) {
    // A plan with regional values: the action on the channel's rows, the whole plan computed again
    // by region and added up (rebates settle on the channel's total), as computePlan does.
    const series = copySeries(targetSeries(run, result));
    applyAdjustments(run.target, series, result.months, expandAdjustments(plan, run.x, adjustments));
    const after = runResult(run, series);
    const C = plan.channels.length;
    return windowSum(after.flows.contribution, 0, C, window, P) - windowSum(result.flows.contribution, 0, C, window, P);
  }
  const series = copySeries(result.drivers);
  applyAdjustments(plan, series, result.months, adjustments);
  const id = plan.channels[c].id;
  const coupled = cannibalisationPairs(plan).some((p) => p.from === c || p.to === c);
  if (coupled) {
    const after = computeFromSeries(plan, series, []);
    const C = plan.channels.length;
    return windowSum(after.flows.contribution, 0, C, window, P) - windowSum(result.flows.contribution, 0, C, window, P);
  }
  const single: Plan = { ...plan, channels: [plan.channels[c]], cannibalisation: [], scenarios: [] };
  const after = computeFromSeries(single, channelSlice(series, c, P), []);
  if (after.channelIds[0] !== id) throw new Error('channel slice out of order');
  return windowSum(after.flows.contribution, 0, 1, window, P) - windowSum(result.flows.contribution, c, c + 1, window, P);
}

/** Id of the trial scenario an exit's effect is computed on; never stored. */
const EXIT_TRIAL_ID = '\u0000exit-trial';

/**
 * What exiting a channel (with its demand transfers) changes total contribution by over the window:
 * the exit computed as a child of the scenario on screen, with the life-cycle model (the channel's
 * spend, fixed cost and base traffic go; the stated share of its orders moves to the named channels),
 * against the result on screen. Channels are matched by id, so a channel the scenario launched counts.
 */
export function exitEffect(plan: Plan, result: PlanResult, exit: ChannelExit, window: PeriodWindow): number {
  const trial = { id: EXIT_TRIAL_ID, name: '', parentId: result.scenarioId, adjustments: [], notes: '', exits: [exit] };
  const after = computePlan({ ...plan, scenarios: [...plan.scenarios, trial] }, EXIT_TRIAL_ID);
  const P = result.periods;
  return windowSum(after.flows.contribution, 0, after.channelIds.length, window, P) - windowSum(result.flows.contribution, 0, result.channelIds.length, window, P);
}
