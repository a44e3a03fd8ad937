/**
 * The funnel per channel (docs/model.md#funnel): traffic → orders → repeat customers over the whole horizon, and
 * the step where each channel falls furthest behind the others.
 */
import type { PlanResult } from '../compute';
import { ratio } from '../ratios';
import { median } from './average';

export type FunnelStep = 'conversion' | 'repeat';

/** Steps in funnel order; a tie for the weakest goes to the earlier step, which feeds the later. */
export const FUNNEL_STEPS: readonly FunnelStep[] = ['conversion', 'repeat'];

export interface ChannelFunnel {
  channelId: string;
  traffic: number;
  orders: number;
  /** Orders from returning customers: orders − new-customer orders. */
  repeatOrders: number;
  /** Step rates: orders / traffic and repeat orders / orders; null when the divisor is 0. */
  rates: Record<FunnelStep, number | null>;
  /** Rate ÷ the step's median across channels; null when either is undefined or the median is 0. */
  relative: Record<FunnelStep, number | null>;
  /** The step furthest below its median, relatively; null when no step is below its median. */
  weakest: FunnelStep | null;
}

export interface Funnels {
  channels: ChannelFunnel[];
  /** Median of each step's rate over the channels where it is defined; null when none is. */
  medians: Record<FunnelStep, number | null>;
}

function total(series: Float64Array, c: number, P: number): number {
  let s = 0;
  for (let t = 0; t < P; t++) s += series[c * P + t];
  return s;
}

/**
 * Compared relatively (rate ÷ median) because the steps live on different scales: a conversion of
 * 2 % against a median of 4 % is as weak as a repeat share of 30 % against 60 %. A median of 0 leaves
 * nothing to fall below (rates are never negative), so such a step is never the weakest.
 */
export function channelFunnels(result: PlanResult): Funnels {
  const P = result.periods;
  const f = result.flows;
  const rows = result.channelIds.map((channelId, c) => {
    const traffic = total(f.traffic, c, P);
    const orders = total(f.orders, c, P);
    const repeatOrders = orders - total(f.newOrders, c, P);
    const rates: Record<FunnelStep, number | null> = { conversion: ratio(orders, traffic), repeat: ratio(repeatOrders, orders) };
    return { channelId, traffic, orders, repeatOrders, rates };
  });
  const medians = {
    conversion: median(rows.map((r) => r.rates.conversion)),
    repeat: median(rows.map((r) => r.rates.repeat)),
  };
  const channels = rows.map((row): ChannelFunnel => {
    const relative = {} as Record<FunnelStep, number | null>;
    let weakest: FunnelStep | null = null;
    for (const step of FUNNEL_STEPS) {
      const rate = row.rates[step];
      const m = medians[step];
      relative[step] = rate === null || m === null || m <= 0 ? null : rate / m;
      const r = relative[step];
      if (r !== null && r < 1 && (weakest === null || r < (relative[weakest] as number))) weakest = step;
    }
    return { ...row, relative, weakest };
  });
  return { channels, medians };
}
