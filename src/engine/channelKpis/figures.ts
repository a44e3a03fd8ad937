/**
 * What follows from the typed channel KPIs and the computed plan (docs/model.md#channel-kpis), over
 * any run of months: market share, relative market share, sales per m² (坪效) and stock turnover
 * days. Everything is derived from the plan's net revenue and gross profit of the same months, so a
 * scenario's figures follow its own revenue.
 */
import type { PlanResult } from '../compute';
import { ratio } from '../ratios';
import { parseMonth } from '../timeline';
import type { ChannelKpiValues, Plan } from '../types';
import { DEFAULT_BACKLOG_DAYS, kpiValueProblem, STOCK_SPEC, TYPED_KPI_SPECS, typedValue } from './fields';

/** Months `start` (inclusive) to `end` (exclusive) of the result. */
export interface KpiWindow {
  start: number;
  end: number;
}

export interface ChannelKpiFigures {
  satisfaction: number | null;
  complaintRate: number | null;
  nps: number | null;
  marketSize: number | null;
  competitorShare: number | null;
  floorArea: number | null;
  /** Net revenue over the window, minor units. */
  netRevenue: number;
  /** Cost of goods sold over the window: net revenue − gross profit = net revenue × (1 − gross margin). */
  costOfGoods: number;
  months: number;
  /** Calendar days of the window's months. */
  days: number;
  /** Net revenue ÷ the market over the window (market size × months ÷ 12); null without a market size. */
  marketShare: number | null;
  /** Market share ÷ the largest competitor's share; null without both. */
  relativeMarketShare: number | null;
  /** Net revenue per m² over the window, minor units; null without a floor area. */
  salesPerArea: number | null;
  /** The same for an average month of the window. */
  salesPerAreaMonth: number | null;
  /** Average month-end stock at cost over the window, minor units; null when no stock is typed. */
  stock: number | null;
  /** Average stock ÷ cost of goods per day; null without stock, or when nothing is sold (see `stuck`). */
  turnoverDays: number | null;
  /** Stock is held but the plan sells nothing at cost in the window: it never turns over. */
  stuck: boolean;
  /** The channel's backlog threshold in days (its own, else the plan's, else the default). */
  threshold: number;
  /** Turnover days above the threshold, or stock that never turns. */
  backlog: boolean;
}

/** Days in each month of the timeline (February of leap years has 29). */
export function daysInMonths(months: readonly string[]): Uint8Array {
  const out = new Uint8Array(months.length);
  months.forEach((key, t) => {
    const m = parseMonth(key);
    // Day 0 of the next month is the last day of this one.
    out[t] = m ? new Date(Date.UTC(m.year, m.month, 0)).getUTCDate() : 30;
  });
  return out;
}

/**
 * Month-end stock of a channel per month: the typed month, else the every-month level (absent = 0).
 * Null when the channel has no stock. A value a broken file could carry (negative, not finite)
 * counts as no stock for that month rather than turning the turnover negative.
 */
export function stockSeries(values: ChannelKpiValues | undefined, months: readonly string[]): Float64Array | null {
  const d = values?.stock;
  if (!d) return null;
  const out = new Float64Array(months.length);
  for (let t = 0; t < months.length; t++) {
    const v = d.overrides?.[months[t]] ?? d.base ?? 0;
    out[t] = kpiValueProblem(STOCK_SPEC, v) === null ? v : 0;
  }
  return out;
}

/** The channel's backlog threshold: its own, else the plan's, else the default. */
export function backlogThreshold(plan: Plan, channelId: string): number {
  const own = typedValue(plan.channelKpis?.channels[channelId], 'backlogDays');
  if (own !== null) return own;
  const planDays = plan.channelKpis?.backlogDays;
  return planDays !== undefined && kpiValueProblem(TYPED_KPI_SPECS.backlogDays, planDays) === null ? planDays : DEFAULT_BACKLOG_DAYS;
}

/** Everything the KPI views need about the channels of one computed plan, over any window. */
export class ChannelKpiSource {
  readonly #plan: Plan;
  readonly #result: PlanResult;
  readonly #days: Uint8Array;
  readonly #stock = new Map<number, Float64Array | null>();

  constructor(plan: Plan, result: PlanResult) {
    this.#plan = plan;
    this.#result = result;
    this.#days = daysInMonths(result.months);
  }

  valuesOf(c: number): ChannelKpiValues | undefined {
    const id = this.#result.channelIds[c];
    return id === undefined ? undefined : this.#plan.channelKpis?.channels[id];
  }

  /** Month-end stock of channel `c` per month, or null when it has none. */
  stock(c: number): Float64Array | null {
    if (!this.#stock.has(c)) this.#stock.set(c, stockSeries(this.valuesOf(c), this.#result.months));
    return this.#stock.get(c) ?? null;
  }

  figures(c: number, w: KpiWindow): ChannelKpiFigures {
    const P = this.#result.periods;
    const f = this.#result.flows;
    const values = this.valuesOf(c);
    let netRevenue = 0;
    let grossProfit = 0;
    let days = 0;
    for (let t = w.start; t < w.end; t++) {
      netRevenue += f.netRevenue[c * P + t];
      grossProfit += f.grossProfit[c * P + t];
      days += this.#days[t];
    }
    const months = w.end - w.start;
    const costOfGoods = netRevenue - grossProfit;
    const marketSize = typedValue(values, 'marketSize');
    const competitorShare = typedValue(values, 'competitorShare');
    const floorArea = typedValue(values, 'floorArea');
    const marketShare = marketSize !== null && months > 0 ? ratio(netRevenue, (marketSize * months) / 12) : null;
    const relativeMarketShare = marketShare !== null && competitorShare !== null ? ratio(marketShare, competitorShare) : null;
    const salesPerArea = floorArea !== null ? ratio(netRevenue, floorArea) : null;
    const monthly = this.stock(c);
    let stock: number | null = null;
    if (monthly && months > 0) {
      let s = 0;
      for (let t = w.start; t < w.end; t++) s += monthly[t];
      stock = s / months;
    }
    // Days of stock at the window's rate of sale: average stock ÷ (cost of goods ÷ days).
    const turnoverDays = stock !== null && costOfGoods > 0 ? (stock * days) / costOfGoods : null;
    const stuck = stock !== null && stock > 0 && !(costOfGoods > 0);
    const threshold = backlogThreshold(this.#plan, this.#result.channelIds[c] ?? '');
    return {
      satisfaction: typedValue(values, 'satisfaction'),
      complaintRate: typedValue(values, 'complaintRate'),
      nps: typedValue(values, 'nps'),
      marketSize,
      competitorShare,
      floorArea,
      netRevenue,
      costOfGoods,
      months,
      days,
      marketShare,
      relativeMarketShare,
      salesPerArea,
      salesPerAreaMonth: salesPerArea !== null && months > 0 ? salesPerArea / months : null,
      stock,
      turnoverDays,
      stuck,
      threshold,
      backlog: stuck || (turnoverDays !== null && turnoverDays > threshold),
    };
  }
}
