/** BCG inputs (share, growth, contribution per channel) from a computed plan. */
import { computeFromSeries, type PlanResult } from '../compute';
import { DRIVER_SPECS } from '../drivers';
import { copySeries, inBounds } from '../driverSeries';
import { ratio } from '../ratios';
import { regionalRun, runResult, targetSeries } from '../regions/run';
import { buckets, calendarMonths } from '../timeline';
import { DRIVER_KEYS, type BcgGrowthMode, type Plan } from '../types';
import type { BcgInput } from './bcg';

/** A run of periods, first inclusive, end exclusive, with its month keys for labels. */
export interface PeriodWindow {
  start: number;
  end: number;
  from: string;
  to: string;
}

/**
 * How growth was measured, so the screen can say it:
 *   yoy          net revenue of the last 12 months against the 12 before
 *   seasonalQoq  the last complete calendar quarter against the one before, both seasonally
 *                adjusted, annualised: (current / previous)^4 − 1
 */
export type BcgGrowthMethod = 'yoy' | 'seasonalQoq';

export interface BcgGrowth {
  method: BcgGrowthMethod;
  current: PeriodWindow;
  previous: PeriodWindow;
}

/** What a channel earns over the window: for checking a quadrant's action against its returns. */
export interface ChannelReturns {
  /** Contribution ÷ (spend + fixed cost); null without either. */
  roi: number | null;
  contribution: number;
  /** d contribution / d spend, spend-weighted over the window; null without spend. */
  marginal: number | null;
}

export interface BcgInputs {
  inputs: BcgInput[];
  returns: ChannelReturns[];
  /** The periods share, contribution and returns describe: the last 12 months. */
  window: PeriodWindow;
  /** How growth was measured; null when the timeline has neither 24 months nor two complete quarters. */
  growth: BcgGrowth | null;
  /** Year on year was asked for, but the plan has fewer than 24 months. */
  yoyTooShort: boolean;
}

function windowOf(months: readonly string[], start: number, end: number): PeriodWindow {
  return { start, end, from: months[start], to: months[end - 1] };
}

function sumOver(series: Float64Array, c: number, P: number, w: PeriodWindow): number {
  let s = 0;
  for (let t = w.start; t < w.end; t++) s += series[c * P + t];
  return s;
}

/**
 * Growth has to compare like with like across seasons. A plan of two years or more compares the
 * last 12 months with the 12 before: every season is in both. A shorter plan has no year before,
 * and comparing raw quarters would compare seasons — on a 12-month plan Q4 against Q3 is Double 11
 * against the summer lull, which makes every e-commerce channel a "star" and a steady channel a
 * "dog". Those plans compare the last two complete calendar quarters of a seasonally adjusted
 * series instead, annualised so that the figure reads like a year-on-year rate (a channel growing
 * 1 % a month shows 1.01¹² − 1 = 12.7 % by either method). A partial quarter at either end of the
 * timeline is left out, since comparing two months with three would read as a fall.
 *
 * Why quarters of an adjusted series rather than the drivers' growth rates: net revenue also moves
 * with spend overrides, scenario adjustments and curve saturation, which growth rates do not show.
 */
function growthWindows(plan: Plan, months: readonly string[], mode: BcgGrowthMode): BcgGrowth | null {
  const P = months.length;
  if (mode === 'yoy' && P >= 24) {
    return { method: 'yoy', current: windowOf(months, P - 12, P), previous: windowOf(months, P - 24, P - 12) };
  }
  const quarters = buckets(plan.timeline, 'quarter').filter((b) => b.end - b.start === 3);
  if (quarters.length < 2) return null;
  const last = quarters[quarters.length - 1];
  const before = quarters[quarters.length - 2];
  return { method: 'seasonalQoq', current: windowOf(months, last.start, last.end), previous: windowOf(months, before.start, before.end) };
}

/**
 * Net revenue with seasonality taken out: every driver value of the result (baseline overrides and
 * scenario adjustments included) divided by its channel's seasonality index for that calendar month,
 * then the formula graph run again. Dividing the drivers rather than net revenue keeps the response
 * curve right (spend is deseasonalised before it saturates) and needs no seasonal index of revenue
 * itself, which no one typed. A driver without seasonality is left as it is; a value the division
 * pushes out of its range (a rate above 100 %) is brought back into it, as resolution does.
 */
export function seasonallyAdjustedNetRevenue(plan: Plan, result: PlanResult): Float64Array {
  const P = result.periods;
  const cal = calendarMonths(plan.timeline);
  // A plan with regional values is adjusted row by row (a region's own season), as computePlan computed it.
  const run = regionalRun(plan);
  const series = copySeries(targetSeries(run, result));
  run.target.channels.forEach((ch, c) => {
    for (const key of DRIVER_KEYS) {
      const season = ch.drivers[key]?.seasonality;
      if (!season || season.length !== 12) continue;
      const values = series[key];
      for (let t = 0; t < P; t++) {
        const index = season[cal[t]];
        if (Number.isFinite(index) && index > 0) values[c * P + t] = inBounds(values[c * P + t] / index, DRIVER_SPECS[key]);
      }
    }
  });
  return run.x ? runResult(run, series).flows.netRevenue : computeFromSeries(plan, series, []).flows.netRevenue;
}

/**
 * Share, contribution and returns are taken over the last 12 months, a whole year whatever the
 * growth method, so that no season weighs more than it does in the year. Growth from a base at or
 * below zero has no meaning and is null; so is a share when the channels' net revenue adds up to zero.
 */
export function bcgInputs(plan: Plan, result: PlanResult, growthMode: BcgGrowthMode): BcgInputs {
  if (result.periods !== plan.timeline.periods) throw new RangeError('The result was computed for another timeline');
  const P = result.periods;
  const months = result.months;
  const window = windowOf(months, Math.max(0, P - 12), P);
  const growth = growthWindows(plan, months, growthMode);
  const adjusted = growth?.method === 'seasonalQoq' ? seasonallyAdjustedNetRevenue(plan, result) : null;
  const C = result.channelIds.length;
  const f = result.flows;
  const net = Array.from({ length: C }, (_, c) => sumOver(f.netRevenue, c, P, window));
  const total = net.reduce((a, b) => a + b, 0);
  const inputs = net.map((now, c): BcgInput => {
    let g: number | null = null;
    if (growth) {
      const series = adjusted ?? f.netRevenue;
      const current = sumOver(series, c, P, growth.current);
      const before = sumOver(series, c, P, growth.previous);
      const r = before > 0 ? ratio(current, before) : null;
      if (r !== null && r >= 0) g = growth.method === 'yoy' ? r - 1 : Math.pow(r, 4) - 1;
    }
    return { share: ratio(now, total), growth: g, contribution: sumOver(f.contribution, c, P, window) };
  });
  const returns = inputs.map((input, c): ChannelReturns => {
    const spend = sumOver(f.spend, c, P, window);
    return {
      roi: ratio(input.contribution, spend + sumOver(f.fixedCost, c, P, window)),
      contribution: input.contribution,
      marginal: ratio(sumOver(result.marginalRoiSpend, c, P, window), spend),
    };
  });
  return { inputs, returns, window, growth, yoyTooShort: growthMode === 'yoy' && P < 24 };
}
