/**
 * Relative market share for the BCG matrix from the market the user typed (docs/model.md#bcg-matrix):
 * the channel's share of its market ÷ the largest competitor's share, the classic BCG measure. A
 * channel without market data has none, and the matrix falls back to its share of the mix.
 */
import type { PlanResult } from '../compute';
import type { Plan } from '../types';
import { ChannelKpiSource, type KpiWindow } from './figures';

export function marketRelativeShares(plan: Plan, result: PlanResult, w: KpiWindow): (number | null)[] {
  if (!plan.channelKpis) return result.channelIds.map(() => null);
  const source = new ChannelKpiSource(plan, result);
  return result.channelIds.map((_, c) => source.figures(c, w).relativeMarketShare);
}
