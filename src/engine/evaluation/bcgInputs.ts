/** BCG inputs (share, growth, contribution per channel) from a computed plan. */
import type { PlanResult } from '../compute';
import { ratio } from '../ratios';
import { buckets } from '../timeline';
import type { BcgGrowthMode, Plan } from '../types';
import type { BcgInput } from './bcg';

/** A run of periods, first inclusive, end exclusive, with its month keys for labels. */
export interface PeriodWindow {
  start: number;
  end: number;
  from: string;
  to: string;
}

export interface BcgInputs {
  inputs: BcgInput[];
  /** The periods share, growth and contribution describe. */
  window: PeriodWindow;
  /** The periods growth compares with; null when the timeline is too short. */
  previous: PeriodWindow | null;
}

function windowOf(months: readonly string[], start: number, end: number): PeriodWindow {
  return { start, end, from: months[start], to: months[end - 1] };
}

/**
 * 'yoy': the last 12 months against the 12 before (null growth under 24 months). 'pop': the last
 * complete calendar quarter against the one before; a partial quarter at either end of the timeline
 * is left out, since comparing two months with three would read as a fall.
 */
function windows(plan: Plan, months: readonly string[], mode: BcgGrowthMode): [PeriodWindow, PeriodWindow | null] {
  const P = months.length;
  if (mode === 'yoy') {
    return [windowOf(months, P - 12, P), P >= 24 ? windowOf(months, P - 24, P - 12) : null];
  }
  const quarters = buckets(plan.timeline, 'quarter').filter((b) => b.end - b.start === 3);
  const last = quarters[quarters.length - 1];
  if (!last) return [windowOf(months, Math.max(0, P - 3), P), null];
  const before = quarters[quarters.length - 2];
  return [windowOf(months, last.start, last.end), before ? windowOf(months, before.start, before.end) : null];
}

function sumOver(series: Float64Array, c: number, P: number, w: PeriodWindow): number {
  let s = 0;
  for (let t = w.start; t < w.end; t++) s += series[c * P + t];
  return s;
}

/**
 * Share and contribution are taken over the same window growth describes, so a bubble shows one
 * stretch of time. Growth from a base at or below zero has no meaning and is null; so is a share
 * when the channels' net revenue adds up to zero.
 */
export function bcgInputs(plan: Plan, result: PlanResult, growthMode: BcgGrowthMode): BcgInputs {
  if (result.periods !== plan.timeline.periods) throw new RangeError('The result was computed for another timeline');
  const P = result.periods;
  const [window, previous] = windows(plan, result.months, growthMode);
  const C = result.channelIds.length;
  const net = Array.from({ length: C }, (_, c) => sumOver(result.flows.netRevenue, c, P, window));
  const total = net.reduce((a, b) => a + b, 0);
  const inputs = net.map((now, c): BcgInput => {
    let growth: number | null = null;
    if (previous) {
      const before = sumOver(result.flows.netRevenue, c, P, previous);
      growth = before > 0 ? (ratio(now, before) as number) - 1 : null;
    }
    return { share: ratio(now, total), growth, contribution: sumOver(result.flows.contribution, c, P, window) };
  });
  return { inputs, window, previous };
}
