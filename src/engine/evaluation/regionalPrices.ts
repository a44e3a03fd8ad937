/**
 * The price checks read against the plan (docs/model.md#regional-prices): each price of a channel in a
 * region is set beside the plan's own average order value in that channel × region, and the diversion
 * check uses only the regions a channel serves, the buyer's rebate at the plan's volumes and, where a
 * channel has no price of its own in a region, its price for all regions (said so).
 *
 * A price is per unit and an AOV per order, so they are compared as ratios: the price list says a
 * region's price is `price / base` of the channel's price for all regions (the reference retail price
 * when the channel has none); the plan says the region's AOV is `planAov / channelAov` of the
 * channel's own AOV (what a region without an AOV of its own gets). When the two ratios differ by more
 * than the tolerance, one of them was changed without the other.
 *
 * A plan without regional values is checked exactly as before (prices alone, see priceConflicts.ts):
 * it says nothing about regions for the price list to disagree with.
 */
import type { PlanResult } from '../compute';
import { resolveDrivers } from '../driverSeries';
import { marginalRebateRate, settlementGroups } from '../rebates';
import { regionalChannels, regionCells, servedRegions } from '../regions';
import type { Driver, Plan, PriceEntry, PriceSettings, RebateScheme } from '../types';
import { findPriceConflicts, type DiversionCandidate, type PriceConflicts, type PriceProblem } from './priceConflicts';

/** Within this relative distance two ratios are the same (rounding of whole minor units). */
const RATIO_EPSILON = 1e-9;

export type AovStatus =
  /** The price ratio and the plan's AOV ratio agree within the tolerance. */
  | 'agrees'
  /** They differ by more than the tolerance. */
  | 'differs'
  /** No valid price for all regions of the channel nor reference price to set the ratio against. */
  | 'noBase'
  /** The plan has no orders in this channel × region, so it has no AOV there. */
  | 'noOrders'
  /** The plan's AOV there (or the channel's own AOV) is 0: no ratio can be formed. */
  | 'zeroAov'
  /** The channel does not serve this region in the plan. */
  | 'notServed'
  /** A price for all regions: it sets the ratio of the others and is not compared itself. */
  | 'allRegions';

export interface AovCheck {
  entryId: string;
  product: string;
  channelId: string;
  regionId: string;
  price: number;
  /** What the channel's own AOV goes with: its price for all regions, else the reference; null if neither. */
  basePrice: number | null;
  baseKind: 'channel' | 'reference' | null;
  /** Plan: gross revenue / orders of this channel × region over the plan; null without orders. */
  planAov: number | null;
  /** The channel's own AOV driver, weighted by this cell's orders month by month; null without orders. */
  channelAov: number | null;
  /** price / basePrice. */
  priceRatio: number | null;
  /** planAov / channelAov. */
  planRatio: number | null;
  /** channelAov × priceRatio: the AOV the price list implies for this channel × region. */
  impliedAov: number | null;
  /** planAov / impliedAov − 1 (−0.1 = the plan's AOV is 10 % under what the price implies). */
  gap: number | null;
  status: AovStatus;
}

export type RegionalPriceProblem =
  | PriceProblem
  /** A price for a region the channel does not serve in the plan: left out of the diversion check. */
  | { code: 'regionNotServed'; entryId: string; channelId: string; regionId: string };

export interface PriceCheck extends Omit<PriceConflicts, 'problems'> {
  problems: RegionalPriceProblem[];
  /** The plan has regional values, so prices were read against its regions. */
  regional: boolean;
  /** One per entry with a valid price, in entry order (empty when `regional` is false). */
  aov: AovCheck[];
  /** Rebate rate each channel's buyer earns on one more unit at the plan's volumes. */
  rebateRates: ReadonlyMap<string, number>;
}

/**
 * The rebate rate a buyer earns on one more unit at the plan's volumes: in each settlement period the
 * rate of the tier its net revenue reaches (marginalRebateRate), averaged over the periods by their
 * net revenue. This is what a unit bought to divert really earns back: for a retroactive scheme it is
 * the rate the whole volume gets; for an incremental one it is the rate of the top band, above the
 * average rate (rebate / net revenue), which understates what an extra unit earns.
 */
export function rebateRateAtPlan(scheme: RebateScheme, months: readonly string[], netRevenue: ArrayLike<number>, offset: number): number {
  let weighted = 0;
  let total = 0;
  for (const g of settlementGroups(months, scheme.period)) {
    let sales = 0;
    for (let t = g.start; t < g.end; t++) sales += netRevenue[offset + t];
    weighted += marginalRebateRate(scheme, sales) * sales;
    total += sales;
  }
  return total > 0 ? weighted / total : marginalRebateRate(scheme, 0);
}

/** Each channel's rate from rebateRateAtPlan; 0 for a channel without a rebate. */
export function planRebateRates(plan: Plan, res: PlanResult): Map<string, number> {
  const rates = new Map<string, number>();
  plan.channels.forEach((ch, c) => {
    rates.set(ch.id, ch.rebate && ch.rebate.tiers.length > 0 ? rebateRateAtPlan(ch.rebate, res.months, res.flows.netRevenue, c * res.periods) : 0);
  });
  return rates;
}

function validPrice(p: unknown): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p > 0;
}

/** The channel's first valid price for all regions of a product, if any. */
function channelWidePrice(entries: readonly PriceEntry[], product: string, channelId: string): number | null {
  const e = entries.find((x) => x.product === product && x.channelId === channelId && x.regionId === '' && validPrice(x.price));
  return e ? e.price : null;
}

export function checkPrices(plan: Plan, res: PlanResult, settings: PriceSettings): PriceCheck {
  const rates = planRebateRates(plan, res);
  const rateOf = (id: string): number => rates.get(id) ?? 0;
  if (regionalChannels(plan).size === 0) {
    return { ...findPriceConflicts(settings, rateOf), regional: false, aov: [], rebateRates: rates };
  }

  const served = new Map(plan.channels.map((ch) => [ch.id, new Set(servedRegions(plan, ch))]));
  const serves = (channelId: string, regionId: string): boolean => served.get(channelId)?.has(regionId) ?? false;

  const scope = (_product: string, entries: readonly PriceEntry[]): DiversionCandidate[] => {
    const out: DiversionCandidate[] = [];
    for (const entry of entries) {
      if (entry.regionId !== '') {
        if (serves(entry.channelId, entry.regionId)) out.push({ entry, regionId: entry.regionId, fallback: false });
        continue;
      }
      // A price for all regions stands for each served region without a price of the channel's own.
      for (const regionId of served.get(entry.channelId) ?? []) {
        if (!entries.some((e) => e.channelId === entry.channelId && e.regionId === regionId)) out.push({ entry, regionId, fallback: true });
      }
    }
    return out;
  };
  const found = findPriceConflicts(settings, rateOf, scope);
  const problems: RegionalPriceProblem[] = [...found.problems];
  for (const e of settings.entries) {
    if (validPrice(e.price) && e.regionId !== '' && !serves(e.channelId, e.regionId)) {
      problems.push({ code: 'regionNotServed', entryId: e.id, channelId: e.channelId, regionId: e.regionId });
    }
  }
  return { ...found, problems, regional: true, aov: aovChecks(plan, res, settings), rebateRates: rates };
}

/** Sums of one channel × region over the plan: orders, gross revenue, and orders × the channel's own AOV. */
function cellSums(plan: Plan, res: PlanResult): Map<string, { orders: number; gross: number; ordersAtChannelAov: number }> {
  const cells = regionCells(plan, res);
  const own = resolveDrivers(plan).series.aov;
  const P = cells.periods;
  const sums = new Map<string, { orders: number; gross: number; ordersAtChannelAov: number }>();
  cells.rows.forEach((row, q) => {
    const ch = plan.channels[row.channel];
    const key = JSON.stringify([ch.id, row.regionId]);
    const s = sums.get(key) ?? { orders: 0, gross: 0, ordersAtChannelAov: 0 };
    for (let t = 0; t < P; t++) {
      const orders = cells.flows.orders[q * P + t];
      s.orders += orders;
      s.gross += cells.flows.grossRevenue[q * P + t];
      s.ordersAtChannelAov += orders * own[row.channel * P + t];
    }
    sums.set(key, s);
  });
  return sums;
}

function aovChecks(plan: Plan, res: PlanResult, settings: PriceSettings): AovCheck[] {
  const sums = cellSums(plan, res);
  const servedOf = new Map(plan.channels.map((ch) => [ch.id, new Set(servedRegions(plan, ch))]));
  // An unreadable tolerance (reported as toleranceInvalid) allows no difference rather than hiding one.
  const tolerance = typeof settings.tolerance === 'number' && Number.isFinite(settings.tolerance) && settings.tolerance >= 0 ? settings.tolerance : 0;
  const out: AovCheck[] = [];
  for (const e of settings.entries) {
    if (!validPrice(e.price)) continue;
    const wide = e.regionId === '' ? null : channelWidePrice(settings.entries, e.product, e.channelId);
    const reference = Object.hasOwn(settings.reference, e.product) && validPrice(settings.reference[e.product]) ? settings.reference[e.product] : null;
    const basePrice = wide ?? reference;
    const check: AovCheck = {
      entryId: e.id, product: e.product, channelId: e.channelId, regionId: e.regionId, price: e.price,
      basePrice, baseKind: wide !== null ? 'channel' : reference !== null ? 'reference' : null,
      planAov: null, channelAov: null, priceRatio: basePrice !== null ? e.price / basePrice : null, planRatio: null, impliedAov: null, gap: null,
      status: 'allRegions',
    };
    out.push(check);
    if (e.regionId === '') continue;
    if (!(servedOf.get(e.channelId)?.has(e.regionId) ?? false)) {
      check.status = 'notServed';
      continue;
    }
    const s = sums.get(JSON.stringify([e.channelId, e.regionId]));
    if (!s || !(s.orders > 0)) {
      check.status = 'noOrders';
      continue;
    }
    check.planAov = s.gross / s.orders;
    check.channelAov = s.ordersAtChannelAov / s.orders;
    if (!(check.planAov > 0) || !(check.channelAov > 0)) {
      check.status = 'zeroAov';
      continue;
    }
    check.planRatio = check.planAov / check.channelAov;
    if (check.priceRatio === null) {
      check.status = 'noBase';
      continue;
    }
    check.impliedAov = check.channelAov * check.priceRatio;
    check.gap = check.planRatio / check.priceRatio - 1;
    check.status = Math.abs(check.gap) > tolerance + RATIO_EPSILON ? 'differs' : 'agrees';
  }
  return out;
}

/**
 * The channel's own AOV driver scaled by `ratio`: the AOV a region gets when its prices are `ratio`
 * of the channel's (base and typed months scaled, growth and season kept), in whole minor units.
 */
export function scaledAov(channelAov: Driver, ratio: number): Driver {
  const d: Driver = { ...channelAov, base: Math.round(channelAov.base * ratio) };
  if (channelAov.overrides) d.overrides = Object.fromEntries(Object.entries(channelAov.overrides).map(([m, v]) => [m, Math.round(v * ratio)]));
  if (channelAov.seasonality) d.seasonality = [...channelAov.seasonality];
  return d;
}
