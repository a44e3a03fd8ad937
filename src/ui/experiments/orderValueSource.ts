/**
 * The order-value spread of the tested channel measured on imported orders: the data channel(s)
 * matched to the plan channel by name (as the actuals import matches them), their orders pooled.
 */
import { matchNames } from '../../engine/actuals/names';
import type { ChannelOrderValues } from '../../engine/experiments';
import { currencyDigits } from '../../engine/money';
import type { Plan } from '../../engine/types';

export interface MeasuredSpread {
  /** Sample standard deviation of order value, minor units. */
  sd: number;
  /** Mean order value in the data, minor units. */
  mean: number;
  orders: number;
  dataChannels: string[];
}

/** Pools the matched data channels' orders (exact pooled mean and variance); null with fewer than 2 orders. */
export function measuredSpread(plan: Plan, channelId: string, values: readonly ChannelOrderValues[]): MeasuredSpread | null {
  const matches = matchNames(values.map((v) => v.channel), plan.channels, plan.actuals?.channelNames ?? []);
  const mine = values.filter((v, i) => matches[i].targetId === channelId && v.orders > 0);
  const n = mine.reduce((s, v) => s + v.orders, 0);
  if (n < 2) return null;
  const mean = mine.reduce((s, v) => s + v.mean * v.orders, 0) / n;
  // Σ within-channel squares + Σ between-channel squares.
  const ss = mine.reduce((s, v) => s + (v.sd ?? 0) ** 2 * (v.orders - 1) + v.orders * (v.mean - mean) ** 2, 0);
  const scale = 10 ** currencyDigits(plan.currency);
  return { sd: Math.sqrt(ss / (n - 1)) * scale, mean: mean * scale, orders: n, dataChannels: mine.map((v) => v.channel) };
}
