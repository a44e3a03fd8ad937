/**
 * CLV fitted region by region: the BG/NBD and Gamma-Gamma models of each region are fitted to that
 * region's customers alone (their orders only, the same observation end for every region), so a
 * region's figures are exactly what fitting a file of its customers would give. A customer's region
 * is the one of regionGroups.ts, as of the observation end.
 *
 * A region with fewer than MIN_REGION_CLV_CUSTOMERS customers is not fitted: four parameters from a
 * few dozen purchase histories swing with every customer, and a CLV from them would look more
 * certain than it is.
 */
import { AnalysisError, type ClvRequest, type ClvResult, type Segmentation } from './analysisTypes';
import { clvSteps, type ClvProgress } from './clvAnalysis';
import { customerRegions, groupRegionNames } from './regionGroups';
import type { OrderData } from './orders';

/** Fewest customers (with a purchase by the observation end) a region needs for its own fit. */
export const MIN_REGION_CLV_CUSTOMERS = 50;

export type RegionClvRow =
  | {
      readonly region: string;
      readonly customers: number;
      readonly status: 'fitted';
      readonly bgnbd: ClvResult['bgnbd'];
      readonly gammaGamma: ClvResult['gammaGamma'];
      readonly noSpendModel: ClvResult['noSpendModel'];
      readonly totalClv: number;
      readonly meanClv: number;
      /** Mean P(alive) and mean expected purchases over the horizon. */
      readonly pAlive: number;
      readonly expectedPurchases: number;
    }
  /** Not fitted: too few customers, or the fit could not use the region's data (the code says which). */
  | { readonly region: string; readonly customers: number; readonly status: 'tooFew' | 'clvNoHistory' | 'clvNoData' };

export interface RegionClvResult {
  readonly observationEndDay: number;
  readonly unit: ClvRequest['unit'];
  readonly horizonMonths: number;
  readonly minCustomers: number;
  /** One row per region (names as in the region view; '' is "no region"), in the same order. */
  readonly regions: RegionClvRow[];
}

export interface RegionClvProgress extends ClvProgress {
  /** The region being fitted (index into the rows) and how many regions there are. */
  readonly region: number;
  readonly regions: number;
  /** The region's name ('' for "no region"). */
  readonly name: string;
}

/** The orders of the customers whose region is `g`, as a data set of its own. */
export function regionOrders(data: OrderData, home: Int32Array, g: number): OrderData {
  const { customer, day, amount, channel } = data.orders;
  const keep: number[] = [];
  for (let i = 0; i < customer.length; i++) if (home[customer[i]] === g) keep.push(i);
  const pick = <T extends Int32Array | Float64Array>(column: T, make: (n: number) => T): T => {
    const out = make(keep.length);
    for (let j = 0; j < keep.length; j++) out[j] = column[keep[j]];
    return out;
  };
  const orders = {
    ...data.orders,
    customer: pick(customer, (n) => new Int32Array(n)),
    day: pick(day, (n) => new Int32Array(n)),
    amount: pick(amount, (n) => new Float64Array(n)),
    ...(channel ? { channel: pick(channel, (n) => new Int32Array(n)) } : {}),
  };
  return { ...data, orders, orderRegion: data.orderRegion ? pick(data.orderRegion, (n) => new Int32Array(n)) : null };
}

export function* regionClvSteps(data: OrderData, request: ClvRequest, segmentation: Segmentation): Generator<RegionClvProgress, RegionClvResult> {
  const region = data.columns.region;
  if (!region || !data.orderRegion) throw new AnalysisError('clvNoData');
  const tx = data.orders;
  let lastDay = -Infinity;
  for (let i = 0; i < tx.day.length; i++) if (tx.day[i] > lastDay) lastDay = tx.day[i];
  const end = request.observationEndDay ?? lastDay;
  const groups = groupRegionNames(region.values);
  const home = customerRegions(tx, data.orderRegion, groups, end);
  const counts = new Int32Array(groups.names.length);
  for (let c = 0; c < home.length; c++) if (home[c] >= 0) counts[home[c]]++;
  const rows: RegionClvRow[] = [];
  const regions = groups.names.length;
  for (let g = 0; g < regions; g++) {
    const name = groups.names[g];
    const customers = counts[g];
    if (customers < MIN_REGION_CLV_CUSTOMERS) {
      rows.push({ region: name, customers, status: 'tooFew' });
      continue;
    }
    const fitting = clvSteps(regionOrders(data, home, g), { ...request, observationEndDay: end }, segmentation);
    let result: ClvResult;
    try {
      let step = fitting.next();
      while (!step.done) {
        yield { ...step.value, region: g, regions, name };
        step = fitting.next();
      }
      result = step.value;
    } catch (e) {
      if (e instanceof AnalysisError) {
        rows.push({ region: name, customers, status: e.code });
        continue;
      }
      throw e;
    }
    // The segments partition the region's customers: their customer-weighted means are the region's.
    let pAlive = 0;
    let purchases = 0;
    let weighed = 0;
    for (const s of result.perSegment) {
      pAlive += s.pAlive * s.customers;
      purchases += s.expectedPurchases * s.customers;
      weighed += s.customers;
    }
    const n = result.customers;
    rows.push({
      region: name,
      customers: n,
      status: 'fitted',
      bgnbd: result.bgnbd,
      gammaGamma: result.gammaGamma,
      noSpendModel: result.noSpendModel,
      totalClv: result.totalClv,
      meanClv: n > 0 ? result.totalClv / n : 0,
      pAlive: weighed > 0 ? pAlive / weighed : 0,
      expectedPurchases: weighed > 0 ? purchases / weighed : 0,
    });
  }
  return { observationEndDay: end, unit: request.unit, horizonMonths: request.horizonMonths, minCustomers: MIN_REGION_CLV_CUSTOMERS, regions: rows };
}
