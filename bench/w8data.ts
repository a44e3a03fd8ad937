import type { OrderData } from '../src/engine/customers/orders';
import { betaVariate, gammaVariate, mulberry32 } from '../src/engine/random';

/**
 * Seeded transactions drawn from the models themselves, so the fit has something true to find:
 * customers arrive evenly over the first year of two, buy as a Poisson process whose weekly rate is
 * Gamma(r, α) across customers, may drop out after each purchase with a Beta(a, b) probability
 * (BG/NBD), and spend Gamma(p, ν) per order with ν ~ Gamma(q, γ) per customer (Gamma-Gamma). The
 * parameters are Fader & Hardie's CDNOW estimates. Rows come in date order, customers numbered by
 * first appearance (as the importer numbers them), 8 channels.
 */
export const TRUE_PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, v: 15.44 };
const START_DAY = 19358; // 2023-01-01
const DAYS = 730;
const ARRIVAL_DAYS = 365;
const CHANNEL_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];

export function generateClvOrders(customers: number, seed = 8): OrderData {
  const u = mulberry32(seed);
  const { r, alpha, a, b, p, q, v } = TRUE_PARAMS;
  const owner: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  const channel: number[] = [];
  for (let c = 0; c < customers; c++) {
    const perDay = gammaVariate(u, r) / alpha / 7;
    const dropout = betaVariate(u, a, b);
    const nu = gammaVariate(u, q) / v;
    let ch = 0;
    let pick = u();
    while (ch < CHANNEL_WEIGHTS.length - 1 && pick >= CHANNEL_WEIGHTS[ch]) pick -= CHANNEL_WEIGHTS[ch++];
    let t = u() * ARRIVAL_DAYS;
    // BG/NBD: the first purchase starts the clock; a customer may drop out after each repeat purchase.
    for (let repeat = false; ; repeat = true) {
      owner.push(c);
      day.push(START_DAY + Math.floor(t));
      amount.push(Math.max(0.01, Math.round((gammaVariate(u, p) / nu) * 100) / 100));
      channel.push(u() < 0.8 ? ch : Math.floor(u() * CHANNEL_WEIGHTS.length));
      if (repeat && u() < dropout) break;
      t += -Math.log(1 - u()) / perDay;
      if (!(t < DAYS)) break;
    }
  }
  // Date order (stable), then customers coded by first appearance.
  const n = day.length;
  const perDayCount = new Int32Array(DAYS + 1);
  for (let i = 0; i < n; i++) perDayCount[day[i] - START_DAY + 1]++;
  for (let d = 0; d < DAYS; d++) perDayCount[d + 1] += perDayCount[d];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[perDayCount[day[i] - START_DAY]++] = i;
  const code = new Int32Array(customers).fill(-1);
  const values: string[] = [];
  const codes = new Int32Array(n);
  const date = new Int32Array(n);
  const amounts = new Float64Array(n);
  const channels = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (code[owner[i]] < 0) {
      code[owner[i]] = values.length;
      values.push(`C${String(owner[i]).padStart(7, '0')}`);
    }
    codes[j] = code[owner[i]];
    date[j] = day[i];
    amounts[j] = amount[i];
    channels[j] = channel[i];
  }
  const channelNames = CHANNEL_WEIGHTS.map((_, i) => `channel ${i + 1}`);
  return {
    columns: {
      length: n,
      customer: { codes, values },
      date,
      amount: amounts,
      quantity: null,
      orderId: null,
      channel: { codes: channels, values: channelNames },
      region: null,
      product: null,
    },
    orders: { customer: codes, day: date, amount: amounts, channel: channels, channelCount: channelNames.length, customerCount: values.length },
    groupedByOrderId: false,
    orderRegion: null,
  };
}
