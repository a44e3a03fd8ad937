/**
 * Customer lifetime value from a fitted BG/NBD (purchases) and Gamma-Gamma (spend per purchase),
 * discounted monthly exactly as `lifetimes` does (utils._customer_lifetime_value):
 *
 *   CLV = Σ_{i=1}^{months} m̂ · [E(purchases by i·f) − E(purchases by (i−1)·f)] / (1 + d)^i
 *
 * where f is the length of a month in the model's time unit (lifetimes: 30 for days, 4.345 for
 * weeks), d the monthly discount rate (default 0.01), and m̂ the Gamma-Gamma expected spend.
 */
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, type BgNbdParams } from './bgnbd';
import { bgnbdExpectedRepeatPurchases } from './bgnbdExpectation';
import type { ClvSummary, TimeUnit } from './clvSummary';
import { distinctGroups, itemsByGroup } from './distinct';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gammaGamma';
import { runSteps } from './minimize';

/** lifetimes' month length per time unit: {"W": 4.345, "M": 1.0, "D": 30, "H": 30 * 24}. */
export const MONTH_IN_UNITS: Readonly<Record<TimeUnit, number>> = { days: 30, weeks: 4.345 };

export interface ClvOptions {
  /** Lifetime horizon in months (lifetimes' `time`); default 12. */
  readonly months?: number;
  /** Monthly discount rate; default 0.01. */
  readonly discountRate?: number;
  /** Horizon of `expectedPurchases`, in the summary's time unit; default the CLV horizon. */
  readonly purchaseHorizon?: number;
  /**
   * Customers' groups (e.g. first channel; negative or ≥ groupCount: none): the predictions then also
   * sum each group's undiscounted expected spend month by month (`monthlyByGroup`), what a payback
   * period is read from.
   */
  readonly groups?: { readonly of: ArrayLike<number>; readonly count: number };
}

export interface CustomerClv {
  /** Per customer (0 for customers not present in the summary). */
  readonly probabilityAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  /** Gamma-Gamma expected spend per future purchase. */
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
}

/** Discounted CLV of one customer (lifetimes' customer_lifetime_value for one row). */
export function discountedClv(
  bg: BgNbdParams,
  spend: number,
  x: number,
  recency: number,
  T: number,
  unit: TimeUnit,
  months = 12,
  discountRate = 0.01,
): number {
  const factor = MONTH_IN_UNITS[unit];
  let clv = 0;
  let previous = 0;
  for (let i = 1; i <= months; i++) {
    const cumulative = bgnbdConditionalExpectedPurchases(bg, i * factor, x, recency, T);
    clv += (spend * (cumulative - previous)) / Math.pow(1 + discountRate, i);
    previous = cumulative;
  }
  return clv;
}

export interface CustomerPredictions {
  /** Per customer (0 for customers not present in the summary). */
  readonly probabilityAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  /** Discounted CLV at the given spend per purchase (before any margin). */
  readonly clv: Float64Array;
  /**
   * With `groups`: [group × month] sums of undiscounted expected spend, month i = 1…months at
   * monthlyByGroup[g · months + i − 1]; otherwise empty.
   */
  readonly monthlyByGroup: Float64Array;
}

/** Customers between two progress reports of customerPredictionSteps. */
const PREDICTION_BLOCK = 20_000;

/**
 * P(alive), expected purchases over the horizon and discounted CLV for every customer in the summary,
 * with `spend` the expected spend per future purchase of each customer. The same numbers as
 * bgnbdProbabilityAlive, bgnbdConditionalExpectedPurchases and discountedClv per customer, to the
 * last bit, at a fraction of the cost:
 *
 *  - the expensive part, E[X(t)] of a customer alive at T (a series of up to hundreds of terms per
 *    horizon), depends on frequency and T only — not on recency nor spend — so it is evaluated once
 *    per distinct (frequency, T) for each month of the horizon, and a million customers with whole-day
 *    histories share a few tens of thousands of them;
 *  - per customer there remain P(alive) (a log and an exponential) and the monthly discounting.
 *
 * Steps yield the customers done so far, about every PREDICTION_BLOCK customers.
 */
export function* customerPredictionSteps(bg: BgNbdParams, summary: ClvSummary, spend: Float64Array, options: ClvOptions = {}): Generator<number, CustomerPredictions> {
  const months = options.months ?? 12;
  const discountRate = options.discountRate ?? 0.01;
  const factor = MONTH_IN_UNITS[summary.unit];
  const horizon = options.purchaseHorizon ?? months * factor;
  const k = summary.present.length;
  const probabilityAlive = new Float64Array(k);
  const expectedPurchases = new Float64Array(k);
  const clv = new Float64Array(k);
  // discountedClv's months i = 1, 2, … while i ≤ months.
  const steps = months >= 1 ? Math.floor(months) : 0;
  const discount = Float64Array.from({ length: steps }, (_, i) => Math.pow(1 + discountRate, i + 1));
  const series = new Float64Array(steps);
  const groupOf = options.groups?.of;
  const groupCount = options.groups?.count ?? 0;
  const monthlyByGroup = new Float64Array(groupOf ? groupCount * steps : 0);
  const ages = distinctGroups(summary.frequency, summary.T, summary.present);
  const { offsets, items } = itemsByGroup(ages);
  const { r, alpha, a, b } = bg;
  let done = 0;
  let reported = 0;
  for (let g = 0; g < ages.count; g++) {
    const x = summary.frequency[ages.first[g]];
    const T = summary.T[ages.first[g]];
    // E[X(t)] of a customer alive at T, at the end of each month and at the horizon.
    for (let i = 0; i < steps; i++) series[i] = bgnbdExpectedRepeatPurchases(r + x, alpha + T, a, b + x, (i + 1) * factor);
    const atHorizon = steps > 0 && horizon === steps * factor ? series[steps - 1] : bgnbdExpectedRepeatPurchases(r + x, alpha + T, a, b + x, horizon);
    for (let j = offsets[g]; j < offsets[g + 1]; j++) {
      const c = items[j];
      const alive = bgnbdProbabilityAlive(bg, x, summary.recency[c], T);
      probabilityAlive[c] = alive;
      expectedPurchases[c] = horizon <= 0 ? 0 : alive * atHorizon;
      const perPurchase = spend[c];
      let value = 0;
      let previous = 0;
      const g = groupOf ? groupOf[c] : -1;
      const row = g >= 0 && g < groupCount ? g * steps : -1;
      for (let i = 0; i < steps; i++) {
        const cumulative = alive * series[i];
        const month = perPurchase * (cumulative - previous);
        value += month / discount[i];
        if (row >= 0) monthlyByGroup[row + i] += month;
        previous = cumulative;
      }
      clv[c] = value;
    }
    done = offsets[g + 1];
    if (done - reported >= PREDICTION_BLOCK) {
      reported = done;
      yield done;
    }
  }
  return { probabilityAlive, expectedPurchases, clv, monthlyByGroup };
}

/**
 * P(alive), expected purchases, expected spend and discounted CLV for every customer in the summary
 * (lifetimes' per-row functions over a whole summary; see customerPredictionSteps for the cost).
 */
export function customerClv(bg: BgNbdParams, gg: GammaGammaParams, summary: ClvSummary, options: ClvOptions = {}): CustomerClv {
  const k = summary.present.length;
  const expectedSpend = new Float64Array(k);
  for (let c = 0; c < k; c++) if (summary.present[c]) expectedSpend[c] = gammaGammaExpectedSpend(gg, summary.frequency[c], summary.monetary[c]);
  const predictions = runSteps(customerPredictionSteps(bg, summary, expectedSpend, options));
  return { probabilityAlive: predictions.probabilityAlive, expectedPurchases: predictions.expectedPurchases, expectedSpend, clv: predictions.clv };
}

export interface GroupTotals {
  readonly count: Int32Array;
  readonly sum: Float64Array;
  /** sum / count (NaN for empty groups). */
  readonly mean: Float64Array;
}

/**
 * Sum and mean of a per-customer value by group — CLV per segment, per first channel, … Customers
 * whose group is negative or ≥ groupCount (unassigned, no channel) are left out.
 */
export function groupTotals(values: Float64Array, group: ArrayLike<number>, groupCount: number): GroupTotals {
  const count = new Int32Array(groupCount);
  const sum = new Float64Array(groupCount);
  for (let c = 0; c < values.length; c++) {
    const g = group[c];
    if (g < 0 || g >= groupCount) continue;
    count[g]++;
    sum[g] += values[c];
  }
  const mean = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) mean[g] = count[g] > 0 ? sum[g] / count[g] : NaN;
  return { count, sum, mean };
}
