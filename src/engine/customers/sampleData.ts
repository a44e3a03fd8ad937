/**
 * A realistic transaction data set, generated and seeded, so that a workshop or a first visit can try
 * the Customers tab without real data. It is written as the CSV a shop system exports, with headers in
 * the chosen language, and goes through the ordinary import — nothing about it is special afterwards.
 *
 * How it is made (all draws from one seeded generator, so the same seed gives the same file):
 *  - customers join over the two years before the plan starts, more of them early on;
 *  - each buys as in the BG/NBD story the CLV view fits: a purchase rate per customer drawn from a
 *    gamma distribution, and after each purchase a chance to drop out drawn from a beta distribution;
 *  - a customer mostly buys through one channel (the plan's own channels) and lives in one region;
 *  - each order is one product line; list prices rise once a year for some products and are cut in
 *    the 618 and Double 11 months, and the quantity bought follows the price with a constant
 *    elasticity of −1.5, so the price-elasticity view has real price changes to work from.
 */
import { betaVariate, gammaVariate, mulberry32, normalVariate } from '../random';

export type SampleLanguage = 'zh' | 'en';

export interface SampleOptions {
  seed: number;
  customers: number;
  /** The plan's first month, `YYYY-MM`: the data covers the 24 months before it. */
  planStart: string;
  /** Channel names as the plan has them (the data's channels then match the plan's); at least one. */
  channels: readonly string[];
  /** Region names; default a few tiers of cities. */
  regions?: readonly string[];
  language: SampleLanguage;
}

/** The elasticity the quantities follow: what an estimate from the data should come close to. */
export const SAMPLE_ELASTICITY = -1.5;

const PRODUCTS: { zh: string; en: string; price: number; rises: boolean }[] = [
  { zh: '修护精华液 30ml', en: 'Repair serum 30 ml', price: 299, rises: true },
  { zh: '保湿面霜 50g', en: 'Moisturising cream 50 g', price: 239, rises: false },
  { zh: '氨基酸洗面奶', en: 'Amino-acid cleanser', price: 89, rises: true },
  { zh: '防晒乳 SPF50', en: 'Sunscreen SPF50', price: 159, rises: false },
  { zh: '玻尿酸面膜（5片）', en: 'Hyaluronic masks (5)', price: 99, rises: true },
  { zh: '眼霜 15g', en: 'Eye cream 15 g', price: 369, rises: false },
  { zh: '卸妆水 400ml', en: 'Micellar water 400 ml', price: 119, rises: true },
  { zh: '旅行装套盒', en: 'Travel kit', price: 199, rises: false },
];

const REGIONS = { zh: ['一线城市', '新一线城市', '二线城市', '三四线城市', '县域'], en: ['Tier 1', 'New tier 1', 'Tier 2', 'Tier 3–4', 'Counties'] };
const REGION_WEIGHTS = [0.18, 0.24, 0.24, 0.22, 0.12];

const HEADERS = {
  zh: ['订单号', '客户ID', '订单日期', '渠道', '区域', '商品', '数量', '单价', '金额'],
  en: ['order_id', 'customer_id', 'order_date', 'channel', 'region', 'product', 'quantity', 'unit_price', 'amount'],
};

const DAY = 86_400_000;

function pick(rand: () => number, weights: readonly number[]): number {
  let u = rand() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** A CSV field: quoted when it holds a delimiter, a quote or a line break. */
function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The list price of a product in a month: yearly rises for some, and 618 / Double 11 cuts. */
export function samplePrice(product: number, at: Date, firstYear: number): number {
  const p = PRODUCTS[product];
  const years = at.getUTCFullYear() - firstYear;
  const base = p.price * (p.rises ? 1.06 ** years : 1);
  const month = at.getUTCMonth();
  const cut = month === 10 ? 0.8 : month === 5 ? 0.85 : 1;
  return Math.round(base * cut * 100) / 100;
}

/** The sample data set as CSV text (UTF-8, comma separated, one order line per row, in date order). */
export function sampleTransactionsCsv(o: SampleOptions): string {
  if (o.channels.length === 0) throw new RangeError('the sample needs at least one channel');
  const rand = mulberry32(o.seed);
  const [y, m] = o.planStart.split('-').map(Number);
  const end = Date.UTC(y, m - 1, 1);
  const start = Date.UTC(y - 2, m - 1, 1);
  const firstYear = y - 2;
  const regions = o.regions && o.regions.length > 0 ? o.regions : REGIONS[o.language];
  const regionWeights = regions.map((_, i) => REGION_WEIGHTS[i] ?? 0.1);
  const channelWeights = o.channels.map((_, i) => 1 / (i + 1.5));
  const rows: { at: number; line: string[] }[] = [];
  let orderNo = 0;
  for (let c = 0; c < o.customers; c++) {
    const id = `${o.language === 'zh' ? 'KH' : 'C'}${String(100_000 + c)}`;
    // Joining: more customers early on (a brand with an established base), none in the last week.
    const joined = start + Math.floor(rand() ** 1.6 * (end - start - 7 * DAY));
    const rate = gammaVariate(rand, 0.9) * 2.6; // purchases a year while active (mean ≈ 2.3)
    const dropout = betaVariate(rand, 1, 3.5);
    const region = regions[pick(rand, regionWeights)];
    const home = pick(rand, channelWeights);
    let at = joined;
    for (;;) {
      const channel = rand() < 0.8 ? home : pick(rand, channelWeights);
      const product = Math.floor(rand() * PRODUCTS.length);
      const date = new Date(at);
      const price = samplePrice(product, date, firstYear) * (1 + 0.1 * channel / Math.max(1, o.channels.length));
      const unit = Math.round(price * 100) / 100;
      const relative = unit / PRODUCTS[product].price;
      // Units follow the price with constant elasticity (a little noise; never below one unit).
      const quantity = Math.max(1, Math.round(3 * relative ** SAMPLE_ELASTICITY * Math.exp(0.3 * normalVariate(rand))));
      orderNo++;
      rows.push({
        at,
        line: [
          `${o.language === 'zh' ? 'DD' : 'SO'}${String(orderNo).padStart(7, '0')}`,
          id,
          date.toISOString().slice(0, 10),
          o.channels[channel],
          region,
          PRODUCTS[product][o.language],
          String(quantity),
          unit.toFixed(2),
          (Math.round(unit * quantity * 100) / 100).toFixed(2),
        ],
      });
      if (rand() < dropout) break;
      at += Math.max(1, Math.round((-Math.log(1 - rand()) / rate) * 365)) * DAY;
      if (at >= end) break;
    }
  }
  rows.sort((a, b) => a.at - b.at);
  const lines = [HEADERS[o.language].join(','), ...rows.map((r) => r.line.map(field).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
