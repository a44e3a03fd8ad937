/**
 * Price and region conflicts (docs/model.md#price-conflicts; seed 004's call for one national price system and a ban on
 * 窜货, selling goods outside one's region): prices that stray from the reference retail price, and
 * pairs of regional prices far enough apart that moving goods between regions could pay.
 */
import type { PriceEntry, PriceSettings } from '../types';

export interface DiversionSide {
  entryId: string;
  channelId: string;
  regionId: string;
  price: number;
  /** Effective rebate rate of the channel, fraction. */
  rebateRate: number;
  /** price × (1 − rebateRate): what a unit really costs the partner who buys it there. */
  netPrice: number;
  /**
   * The entry is the channel's price for all regions standing in for a region it serves without a
   * price of its own there (regional plans only; see regionalPrices.ts). Absent otherwise.
   */
  fallback?: true;
}

/** One price taking part in the diversion check, in one region. */
export interface DiversionCandidate {
  entry: PriceEntry;
  regionId: string;
  fallback: boolean;
}

/**
 * Which prices take part in the diversion check, product by product. Without one, every entry with a
 * region takes part in its own region (prices alone); a regional plan passes one that keeps only the
 * regions each channel serves and lets a channel's price for all regions stand in where it has no
 * regional price.
 */
export type DiversionScope = (product: string, entries: readonly PriceEntry[]) => DiversionCandidate[];

export type PriceConflict =
  | { kind: 'noReference'; product: string; entryIds: string[]; channels: string[] }
  | {
      kind: 'spread';
      entryId: string;
      product: string;
      channelId: string;
      regionId: string;
      price: number;
      reference: number;
      /** price / reference − 1 (−0.2 = 20 % below). */
      deviation: number;
      channels: string[];
    }
  | {
      kind: 'diversion';
      product: string;
      /** Where goods would be bought ... */
      low: DiversionSide;
      /** ... and where they would be sold. */
      high: DiversionSide;
      /** high.price − low.netPrice. */
      gap: number;
      /** Cost of moving a unit between the two regions; 0 when unknown. */
      freight: number;
      freightUnknown: boolean;
      /** gap − freight: what a unit moved across would earn, before any other cost. */
      margin: number;
      /** Diversion is inferred from prices alone; it flags a risk, not an event. */
      heuristic: true;
      channels: string[];
    };

export type PriceProblem =
  | { code: 'toleranceInvalid'; tolerance: number }
  | { code: 'priceInvalid'; entryId: string; price: number }
  | { code: 'rebateRateInvalid'; channelId: string; rate: number }
  | { code: 'freightInvalid'; index: number; cost: number };

export interface PriceConflicts {
  conflicts: PriceConflict[];
  problems: PriceProblem[];
}

/**
 * Prices are whole minor units, so a deviation moves in steps of 1 / reference; this is far below
 * any such step and only absorbs rounding in price / reference − 1 (110 / 100 − 1 > 0.1 in floating
 * point). A price exactly at the tolerance is allowed.
 */
const DEVIATION_EPSILON = 1e-12;

/** A diversion margin smaller than this (minor units) is rounding, not money. */
const MARGIN_EPSILON = 1e-9;

function isValidPrice(p: unknown): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p > 0;
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function regionPairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

/**
 * Freight per region pair, both ways. When a pair is listed more than once the cheapest route is the
 * one a diverter would use, so it is kept.
 */
function freightTable(settings: PriceSettings, problems: PriceProblem[]): Map<string, number> {
  const table = new Map<string, number>();
  settings.freight.forEach((f, index) => {
    if (typeof f.cost !== 'number' || !Number.isFinite(f.cost) || f.cost < 0) {
      problems.push({ code: 'freightInvalid', index, cost: f.cost });
      return;
    }
    const key = regionPairKey(f.from, f.to);
    const known = table.get(key);
    if (known === undefined || f.cost < known) table.set(key, f.cost);
  });
  return table;
}

function spreadConflicts(product: string, entries: readonly PriceEntry[], settings: PriceSettings, toleranceOk: boolean, out: PriceConflict[]): void {
  const reference = Object.hasOwn(settings.reference, product) ? settings.reference[product] : undefined;
  if (!isValidPrice(reference)) {
    out.push({ kind: 'noReference', product, entryIds: entries.map((e) => e.id), channels: uniq(entries.map((e) => e.channelId)) });
    return;
  }
  if (!toleranceOk) return;
  for (const e of entries) {
    const deviation = e.price / reference - 1;
    if (Math.abs(deviation) > settings.tolerance + DEVIATION_EPSILON) {
      out.push({
        kind: 'spread',
        entryId: e.id,
        product,
        channelId: e.channelId,
        regionId: e.regionId,
        price: e.price,
        reference,
        deviation,
        channels: [e.channelId],
      });
    }
  }
}

/**
 * Diversion risk between two entries of one product in two different regions: goods bought where
 * they are cheap (net of the buyer's rebate) and carried to the other region still undercut the
 * price there. Both directions are tried, since a large rebate can make the dearer list price the
 * cheaper source; the direction with the larger margin is reported.
 *
 * An entry without a region ('' = the price holds everywhere) takes part in no pair: it has no
 * territory to leak from or into, and its gap to a regional price is a multi-channel price conflict
 * in one place, which the spread check against the reference already reports.
 */
function diversionConflicts(
  product: string,
  entries: readonly PriceEntry[],
  rateOf: (channelId: string) => number,
  freight: ReadonlyMap<string, number>,
  out: PriceConflict[],
  scope: DiversionScope | undefined,
): void {
  const side = (c: DiversionCandidate): DiversionSide => {
    const e = c.entry;
    const rebateRate = rateOf(e.channelId);
    const s: DiversionSide = { entryId: e.id, channelId: e.channelId, regionId: c.regionId, price: e.price, rebateRate, netPrice: e.price * (1 - rebateRate) };
    if (c.fallback) s.fallback = true;
    return s;
  };
  const regional = scope ? scope(product, entries) : entries.filter((e) => e.regionId !== '').map((entry) => ({ entry, regionId: entry.regionId, fallback: false }));
  for (let i = 0; i < regional.length; i++) {
    for (let j = i + 1; j < regional.length; j++) {
      const a = side(regional[i]);
      const b = side(regional[j]);
      if (a.regionId === b.regionId) continue;
      const known = freight.get(regionPairKey(a.regionId, b.regionId));
      const cost = known ?? 0;
      const aToB = b.price - a.netPrice - cost;
      const bToA = a.price - b.netPrice - cost;
      const [low, high, margin] = aToB >= bToA ? [a, b, aToB] : [b, a, bToA];
      if (margin <= MARGIN_EPSILON) continue;
      out.push({
        kind: 'diversion',
        product,
        low,
        high,
        gap: high.price - low.netPrice,
        freight: cost,
        freightUnknown: known === undefined,
        margin,
        heuristic: true,
        channels: uniq([low.channelId, high.channelId]),
      });
    }
  }
}

/**
 * Spread and diversion conflicts, product by product (products in code-unit order, so the list does
 * not depend on the locale), each product's noReference or spread conflicts in entry order, then its
 * diversion pairs in entry order. Entries with a price that is not a positive number are left out
 * and reported; an invalid rebate rate counts as no rebate; an invalid tolerance skips the spread
 * check. `scope` (regional plans) chooses which prices meet in the diversion check; without it the
 * check reads the prices alone.
 */
export function findPriceConflicts(settings: PriceSettings, rebateRateOf: (channelId: string) => number, scope?: DiversionScope): PriceConflicts {
  const problems: PriceProblem[] = [];
  const toleranceOk = typeof settings.tolerance === 'number' && Number.isFinite(settings.tolerance) && settings.tolerance >= 0;
  if (!toleranceOk) problems.push({ code: 'toleranceInvalid', tolerance: settings.tolerance });

  const rates = new Map<string, number>();
  const rateOf = (channelId: string): number => {
    let r = rates.get(channelId);
    if (r === undefined) {
      r = rebateRateOf(channelId);
      if (typeof r !== 'number' || !Number.isFinite(r) || r < 0 || r > 1) {
        problems.push({ code: 'rebateRateInvalid', channelId, rate: r });
        r = 0;
      }
      rates.set(channelId, r);
    }
    return r;
  };

  const byProduct = new Map<string, PriceEntry[]>();
  for (const e of settings.entries) {
    if (!isValidPrice(e.price)) {
      problems.push({ code: 'priceInvalid', entryId: e.id, price: e.price });
      continue;
    }
    const list = byProduct.get(e.product);
    if (list) list.push(e);
    else byProduct.set(e.product, [e]);
  }
  const freight = freightTable(settings, problems);
  const conflicts: PriceConflict[] = [];
  const products = [...byProduct.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const product of products) {
    const entries = byProduct.get(product) as PriceEntry[];
    spreadConflicts(product, entries, settings, toleranceOk, conflicts);
    diversionConflicts(product, entries, rateOf, freight, conflicts, scope);
  }
  return { conflicts, problems };
}
