/**
 * What a channel's prices do to it over the whole plan: orders, net revenue and contribution with the
 * prices against the same plan at today's prices (docs/model.md#levers). The view says plainly when a
 * price change loses contribution.
 */
import { computePlan, type PlanResult } from '../compute';
import type { Plan } from '../types';
import { channelPrices, elasticityOf, priceIndexSeries, withoutPrices } from './price';

export interface ChannelPriceEffect {
  channelId: string;
  /** Average index over the plan's months (1 = today's price). */
  averageIndex: number;
  elasticity: number;
  orders: { with: number; without: number };
  netRevenue: { with: number; without: number };
  contribution: { with: number; without: number };
}

function channelSum(res: PlanResult, values: Float64Array, c: number): number {
  let s = 0;
  for (let t = 0; t < res.periods; t++) s += values[c * res.periods + t];
  return s;
}

/** The effect per channel, for the baseline or a scenario; channels whose prices never move are left out. */
export function priceEffects(plan: Plan, scenarioId: string | null): ChannelPriceEffect[] {
  const withP = computePlan(plan, scenarioId);
  const index = priceIndexSeries(plan, withP.months, scenarioId);
  if (!index) return [];
  const withoutP = computePlan(withoutPrices(plan), scenarioId);
  const P = withP.periods;
  const prices = channelPrices(plan);
  const out: ChannelPriceEffect[] = [];
  plan.channels.forEach((ch, c) => {
    let sum = 0;
    let moved = false;
    for (let t = 0; t < P; t++) {
      sum += index[c * P + t];
      if (index[c * P + t] !== 1) moved = true;
    }
    if (!moved) return;
    const pair = (f: 'orders' | 'netRevenue' | 'contribution') => ({ with: channelSum(withP, withP.flows[f], c), without: channelSum(withoutP, withoutP.flows[f], c) });
    out.push({
      channelId: ch.id,
      averageIndex: sum / P,
      elasticity: elasticityOf(plan, prices[c]),
      orders: pair('orders'),
      netRevenue: pair('netRevenue'),
      contribution: pair('contribution'),
    });
  });
  return out;
}
