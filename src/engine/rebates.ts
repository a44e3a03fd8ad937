/**
 * Tiered rebates (docs/model.md#rebates; seed 004: 返利 paid to distributors for reaching volume targets).
 *
 * A scheme is settled per month, quarter or year on the channel's net revenue of that settlement
 * period. The rebate of a period is rounded to minor units once and then accrued to its months in
 * proportion to their net revenue, so each month carries its share of the cost (as accrual
 * accounting does) and the months of a period add up exactly to the settled amount.
 */
import { roundMoney } from './money';
import { parseMonth } from './timeline';
import type { RebateScheme, RebateTier, SettlementPeriod } from './types';

/** Index of the highest tier whose threshold is reached, or -1 below the first tier. */
export function tierIndex(tiers: readonly RebateTier[], sales: number): number {
  let k = -1;
  for (let i = 0; i < tiers.length; i++) if (sales >= tiers[i].threshold) k = i;
  return k;
}

/**
 * Rebate on `sales` of one settlement period, unrounded. Retroactive: the whole volume at the rate
 * of the tier reached (hence a cliff at each threshold). Incremental: each band at its own rate,
 * like income-tax brackets (continuous). With rates that rise with the threshold, incremental never
 * exceeds retroactive.
 */
export function rebateAmount(scheme: RebateScheme, sales: number): number {
  const tiers = scheme.tiers;
  if (sales <= 0 || tiers.length === 0) return 0;
  if (scheme.mode === 'retroactive') {
    const k = tierIndex(tiers, sales);
    return k < 0 ? 0 : sales * tiers[k].rate;
  }
  let total = 0;
  for (let i = 0; i < tiers.length; i++) {
    const lo = tiers[i].threshold;
    if (sales <= lo) break;
    const hi = i + 1 < tiers.length ? Math.min(sales, tiers[i + 1].threshold) : sales;
    total += (hi - lo) * tiers[i].rate;
  }
  return total;
}

/**
 * Rebate paid on one more unit of sales at `sales` (the slope; a retroactive scheme also jumps at
 * each threshold — see cliffAt). Incremental: the band's rate; retroactive: the reached tier's rate.
 */
export function marginalRebateRate(scheme: RebateScheme, sales: number): number {
  const k = tierIndex(scheme.tiers, sales);
  return k < 0 ? 0 : scheme.tiers[k].rate;
}

/** How much the rebate jumps when sales reach tier `k`'s threshold (0 for incremental schemes). */
export function cliffAt(scheme: RebateScheme, k: number): number {
  if (scheme.mode !== 'retroactive' || k < 0 || k >= scheme.tiers.length) return 0;
  const t = scheme.tiers[k];
  const before = k > 0 ? scheme.tiers[k - 1].rate : 0;
  return t.threshold * (t.rate - before);
}

/** Groups of consecutive period indices settled together; keys like `2026-03`, `2026-Q1`, `2026`. */
export function settlementGroups(months: readonly string[], period: SettlementPeriod): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  months.forEach((m, i) => {
    const ym = parseMonth(m);
    if (!ym) throw new RangeError(`Invalid month "${m}"`);
    const key = period === 'month' ? m : period === 'quarter' ? `${ym.year}-Q${Math.ceil(ym.month / 3)}` : String(ym.year);
    const last = out[out.length - 1];
    if (last && last.key === key) last.end = i + 1;
    else out.push({ key, start: i, end: i + 1 });
  });
  return out;
}

/**
 * Splits a whole number of minor units over weights so the parts are whole and add up exactly
 * (largest remainder). Zero total weight puts everything on the last part.
 */
function allocate(amount: number, weights: ArrayLike<number>, start: number, end: number, out: Float64Array, outOffset: number): void {
  let total = 0;
  for (let i = start; i < end; i++) total += weights[i];
  if (total <= 0) {
    for (let i = start; i < end; i++) out[outOffset + i - start] = 0;
    out[outOffset + end - 1 - start] = amount;
    return;
  }
  let given = 0;
  const rest: { i: number; frac: number }[] = [];
  for (let i = start; i < end; i++) {
    const exact = (amount * weights[i]) / total;
    const whole = Math.floor(exact);
    out[outOffset + i - start] = whole;
    given += whole;
    rest.push({ i, frac: exact - whole });
  }
  rest.sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; given < amount && k < rest.length; k++, given++) out[outOffset + rest[k].i - start] += 1;
}

/**
 * Rebate of each period of one channel, from its net revenue per period (`netRevenue[offset + t]`),
 * written to `out[offset + t]`. Negative net revenue (not possible in the model) earns nothing.
 */
export function rebateRow(
  scheme: RebateScheme, months: readonly string[], netRevenue: ArrayLike<number>, offset: number, out: Float64Array,
): void {
  for (const g of settlementGroups(months, scheme.period)) {
    let sales = 0;
    for (let t = g.start; t < g.end; t++) sales += netRevenue[offset + t];
    const amount = Math.max(0, roundMoney(rebateAmount(scheme, sales)));
    allocate(amount, netRevenue, offset + g.start, offset + g.end, out, offset + g.start);
  }
}

/** What one settlement period of a channel looks like: for the rebate table and warnings. */
export interface Settlement {
  key: string;
  sales: number;
  rebate: number;
  /** Index of the tier reached, -1 if none. */
  tier: number;
  /** Threshold of the next tier, null at the top. */
  nextThreshold: number | null;
  /** Extra rebate for reaching the next tier (incl. the cliff), null at the top. */
  gainAtNext: number | null;
  /** Sales sit within `nearShare` below the next threshold. */
  near: boolean;
}

/** Settlement periods of one channel with tier, distance to the next tier and the near-miss flag. */
export function settlements(
  scheme: RebateScheme, months: readonly string[], netRevenue: ArrayLike<number>, offset: number, nearShare = 0.05,
): Settlement[] {
  return settlementGroups(months, scheme.period).map((g) => {
    let sales = 0;
    for (let t = g.start; t < g.end; t++) sales += netRevenue[offset + t];
    const tier = tierIndex(scheme.tiers, sales);
    const next = tier + 1 < scheme.tiers.length ? scheme.tiers[tier + 1].threshold : null;
    const rebate = Math.max(0, roundMoney(rebateAmount(scheme, sales)));
    const gainAtNext = next === null ? null : roundMoney(rebateAmount(scheme, next)) - rebate;
    const near = next !== null && sales < next && sales >= next * (1 - nearShare);
    return { key: g.key, sales, rebate, tier, nextThreshold: next, gainAtNext, near };
  });
}

export type RebateProblem = { path: (string | number)[]; code: 'required' | 'outOfRange' | 'notIncreasing' | 'ratesDecrease' | 'invalidValue' };

export const MAX_REBATE_TIERS = 20;

/**
 * Checks a scheme: at most 20 tiers, thresholds whole minor units ≥ 0 and strictly rising, rates in
 * [0, 1] and not falling (a higher tier that pays less would punish selling more, which no rebate
 * policy intends; it would also break the cliff arithmetic shown to users).
 */
export function validateRebate(scheme: RebateScheme, path: (string | number)[] = []): RebateProblem[] {
  const problems: RebateProblem[] = [];
  if (scheme.mode !== 'retroactive' && scheme.mode !== 'incremental') problems.push({ path: [...path, 'mode'], code: 'invalidValue' });
  if (scheme.period !== 'month' && scheme.period !== 'quarter' && scheme.period !== 'year') problems.push({ path: [...path, 'period'], code: 'invalidValue' });
  if (!Array.isArray(scheme.tiers)) return [...problems, { path: [...path, 'tiers'], code: 'required' }];
  if (scheme.tiers.length > MAX_REBATE_TIERS) problems.push({ path: [...path, 'tiers'], code: 'outOfRange' });
  scheme.tiers.forEach((t, i) => {
    const p = [...path, 'tiers', i];
    if (typeof t.threshold !== 'number' || !Number.isSafeInteger(t.threshold) || t.threshold < 0) problems.push({ path: [...p, 'threshold'], code: 'outOfRange' });
    else if (i > 0 && t.threshold <= scheme.tiers[i - 1].threshold) problems.push({ path: [...p, 'threshold'], code: 'notIncreasing' });
    if (typeof t.rate !== 'number' || !Number.isFinite(t.rate) || t.rate < 0 || t.rate > 1) problems.push({ path: [...p, 'rate'], code: 'outOfRange' });
    else if (i > 0 && t.rate < scheme.tiers[i - 1].rate) problems.push({ path: [...p, 'rate'], code: 'ratesDecrease' });
  });
  return problems;
}
