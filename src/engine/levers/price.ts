/**
 * The price lever (docs/model.md#levers). A channel's price index p (1 = today's price) scales its
 * order value, and a constant own-price elasticity ε turns the price into demand:
 *
 *   aov'        = aov × p
 *   conversion' = conversion × p^ε      (or base traffic × p^ε, when the channel's ε acts on traffic)
 *
 * Spend-driven visits follow the response curve whatever the price, so an elasticity on base traffic
 * leaves them alone. A cell whose index is exactly 1 is not touched, so a plan without prices (or with
 * today's prices everywhere) computes bit for bit as before.
 */
import { DRIVER_SPECS } from '../drivers';
import { inBounds, type DriverSeries } from '../driverSeries';
import { scenarioChain } from '../scenarios/chain';
import { calendarMonths } from '../timeline';
import type { ChannelPrice, Driver, Plan, PriceTarget } from '../types';
import { PRICE_INDEX_MAX, PRICE_INDEX_MIN } from './priceLimits';

export { ELASTICITY_MAX, ELASTICITY_MIN, PRICE_INDEX_MAX, PRICE_INDEX_MIN } from './priceLimits';

function boundIndex(v: number): number {
  if (!Number.isFinite(v)) return 1;
  return v < PRICE_INDEX_MIN ? PRICE_INDEX_MIN : v > PRICE_INDEX_MAX ? PRICE_INDEX_MAX : v;
}

/** The index of one channel in each month: typed month, else base × (1 + growth)^t × season. */
function resolveIndex(index: Driver, months: readonly string[], cal: Uint8Array, out: Float64Array, offset: number): void {
  const growth = index.growth ?? 0;
  const season = index.seasonality?.length === 12 ? index.seasonality : null;
  let factor = 1;
  for (let t = 0; t < months.length; t++) {
    const typed = index.overrides?.[months[t]];
    let v = typed ?? index.base * factor;
    if (typed === undefined && season) v *= season[cal[t]];
    factor *= 1 + growth;
    out[offset + t] = boundIndex(v);
  }
}

/** The price entry of each channel of the plan (the first one when a channel is listed twice). */
export function channelPrices(plan: Plan): (ChannelPrice | undefined)[] {
  const byId = new Map<string, ChannelPrice>();
  for (const cp of plan.prices?.channels ?? []) if (!byId.has(cp.channelId)) byId.set(cp.channelId, cp);
  return plan.channels.map((ch) => byId.get(ch.id));
}

/** ε of a channel (its price entry, if any): its own, else the plan's, else 0 (no lever, no effect). */
export function elasticityOf(plan: Plan, entry: ChannelPrice | undefined): number {
  return entry?.elasticity ?? plan.prices?.elasticity ?? 0;
}

/** What ε of a channel acts on: its own choice, else the plan's, else conversion. */
export function priceTargetOf(plan: Plan, entry: ChannelPrice | undefined): PriceTarget {
  return entry?.actsOn ?? plan.prices?.actsOn ?? 'conversion';
}

function hasPriceChanges(plan: Plan, scenarioId: string | null): boolean {
  return scenarioId !== null && scenarioChain(plan, scenarioId).some((s) => (s.priceChanges ?? []).some((ch) => ch.enabled));
}

/**
 * Price index of every channel and month (row-major like a DriverSeries), with the price changes of
 * the scenario's chain applied root first; null when no channel has a price and no change applies.
 */
export function priceIndexSeries(plan: Plan, months: readonly string[], scenarioId: string | null): Float64Array | null {
  const prices = channelPrices(plan);
  if (!prices.some((p) => p !== undefined) && !hasPriceChanges(plan, scenarioId)) return null;
  const P = months.length;
  const out = new Float64Array(plan.channels.length * P).fill(1);
  const cal = calendarMonths(plan.timeline);
  prices.forEach((p, c) => {
    if (p) resolveIndex(p.index, months, cal, out, c * P);
  });
  if (scenarioId === null) return out;
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  for (const s of scenarioChain(plan, scenarioId)) {
    for (const change of s.priceChanges ?? []) {
      if (!change.enabled || !Number.isFinite(change.percent)) continue;
      const factor = 1 + change.percent / 100;
      for (const id of new Set(change.channelIds)) {
        const c = index.get(id);
        if (c === undefined) continue;
        for (let t = 0; t < P; t++) {
          if ((change.from !== undefined && months[t] < change.from) || (change.to !== undefined && months[t] > change.to)) continue;
          out[c * P + t] = boundIndex(out[c * P + t] * factor);
        }
      }
    }
  }
  return out;
}

/**
 * Applies the price index to the drivers of one cell. Exported for Monte Carlo, which redraws ε and
 * must apply the same formula to the drivers without prices.
 */
export function applyPriceToCell(series: DriverSeries, i: number, p: number, elasticity: number, target: PriceTarget): void {
  // Not rounded to whole minor units: gross revenue (orders × aov) is rounded once, so that with
  // ε = 0 it moves by exactly the index.
  series.aov[i] = Math.min(series.aov[i] * p, DRIVER_SPECS.aov.max);
  if (elasticity !== 0) series[target][i] = inBounds(series[target][i] * Math.pow(p, elasticity), DRIVER_SPECS[target]);
}

/** Prices of the plan and the scenario acting on the drivers of periods `from` onwards. */
export function applyPrices(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string | null, from: number): void {
  const index = priceIndexSeries(plan, months, scenarioId);
  if (!index) return;
  const P = months.length;
  const prices = channelPrices(plan);
  for (let c = 0; c < plan.channels.length; c++) {
    const elasticity = elasticityOf(plan, prices[c]);
    const target = priceTargetOf(plan, prices[c]);
    for (let t = from; t < P; t++) {
      const i = c * P + t;
      if (index[i] !== 1) applyPriceToCell(series, i, index[i], elasticity, target);
    }
  }
}

/** The plan without its price lever or any scenario's price changes: what a price change is measured against. */
export function withoutPrices(plan: Plan): Plan {
  const out: Plan = { ...plan, scenarios: plan.scenarios.map((s) => {
    if (!s.priceChanges) return s;
    const copy = { ...s };
    delete copy.priceChanges;
    return copy;
  }) };
  delete out.prices;
  return out;
}

/** Channels of the plan whose elasticity carries a Monte Carlo range (P10–P90), with that range. */
export function elasticityRanges(plan: Plan): { channelId: string; low: number; high: number }[] {
  const prices = channelPrices(plan);
  return plan.channels.flatMap((ch, c) => {
    const r = prices[c]?.range;
    return r ? [{ channelId: ch.id, low: r.low, high: r.high }] : [];
  });
}
