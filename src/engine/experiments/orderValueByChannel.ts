/**
 * Spread of order values per channel of an imported data set, for the order-value (Welch) test:
 * count, mean and sample standard deviation of the orders of each channel (orders grouped by order
 * id when the data has one, else each row), in one pass (Welford per channel; the same figures as
 * orderValueSpread over one channel's orders). Amounts are the data's, in major units.
 */
import type { OrderData } from '../customers/orders';

export interface ChannelOrderValues {
  /** The data's channel name. */
  channel: string;
  orders: number;
  mean: number;
  /** Sample standard deviation (n − 1); null with fewer than 2 orders. */
  sd: number | null;
}

export function orderValuesByChannel(data: OrderData): ChannelOrderValues[] | null {
  const names = data.columns.channel?.values;
  const channel = data.orders.channel;
  if (!names || !channel) return null;
  const k = names.length;
  const n = new Float64Array(k);
  const mean = new Float64Array(k);
  const m2 = new Float64Array(k);
  const amount = data.orders.amount;
  for (let i = 0; i < amount.length; i++) {
    const c = channel[i];
    const x = amount[i];
    if (c < 0 || c >= k || !Number.isFinite(x)) continue;
    n[c]++;
    const d = x - mean[c];
    mean[c] += d / n[c];
    m2[c] += d * (x - mean[c]);
  }
  return names.map((name, c) => ({ channel: name, orders: n[c], mean: mean[c], sd: n[c] >= 2 ? Math.sqrt(m2[c] / (n[c] - 1)) : null }));
}
