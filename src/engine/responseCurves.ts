import { withLaunches } from './lifecycle/launches';
import { scenarioSeries } from './compute';
import { buildModels, channelValue, type OptimiseObjective } from './optimiser';
import { regionalRun } from './regions/run';
import type { Plan } from './types';

/** A channel's objective against its total spend over the plan, sampled for a chart. */
export interface ResponseCurveSeries {
  channelId: string;
  spend: number[];
  value: number[];
}

/**
 * The optimiser's own response functions, sampled from zero to `upTo(channel)` (or twice today's
 * spend), so the chart shows exactly what was optimised. A channel computed by region is the sum of
 * its regions' functions, its spend shared among them as today (by region share when it has none).
 */
export function responseCurves(plan: Plan, scenarioId: string | null, objective: OptimiseObjective, points = 60, upTo?: Record<string, number>): ResponseCurveSeries[] {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, scenarioId);
  const run = regionalRun(plan);
  const { series } = scenarioSeries(run.target, scenarioId);
  const models = buildModels(run.target, series, objective);
  return plan.channels.map((ch, c) => {
    const mine = run.x ? run.x.rowsOf[c].map((r) => models[r]) : [models[c]];
    const today = mine.reduce((s, m) => s + m.today, 0);
    const weights = mine.map((m, k) => (today > 0 ? m.today / today : run.x ? run.x.rowOf[run.x.rowsOf[c][k]].share : 1));
    const top = Math.max(upTo?.[ch.id] ?? 0, 2 * today, 1);
    const spend = Array.from({ length: points + 1 }, (_, i) => (top * i) / points);
    return { channelId: ch.id, spend, value: spend.map((s) => mine.reduce((v, m, k) => v + channelValue(m, s * weights[k]), 0)) };
  });
}
