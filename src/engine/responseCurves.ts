import { scenarioSeries } from './compute';
import { buildModels, channelValue, type OptimiseObjective } from './optimiser';
import type { Plan } from './types';

/** A channel's objective against its total spend over the plan, sampled for a chart. */
export interface ResponseCurveSeries {
  channelId: string;
  spend: number[];
  value: number[];
}

/**
 * The optimiser's own response functions, sampled from zero to `upTo(channel)` (or twice today's
 * spend), so the chart shows exactly what was optimised.
 */
export function responseCurves(plan: Plan, scenarioId: string | null, objective: OptimiseObjective, points = 60, upTo?: Record<string, number>): ResponseCurveSeries[] {
  const { series } = scenarioSeries(plan, scenarioId);
  return buildModels(plan, series, objective).map((m) => {
    const top = Math.max(upTo?.[m.channelId] ?? 0, 2 * m.today, 1);
    const spend = Array.from({ length: points + 1 }, (_, i) => (top * i) / points);
    return { channelId: m.channelId, spend, value: spend.map((s) => channelValue(m, s)) };
  });
}
