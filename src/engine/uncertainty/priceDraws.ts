/**
 * The price elasticity as an uncertain input of Monte Carlo (docs/model.md#levers). A channel with a
 * price that moves and an elasticity range (P10–P90 of ε) draws ε' from a normal distribution with
 * that P10 and P90 in every draw; its conversion (or base traffic) in month t then moves by
 * p_t^(ε' − ε) on top of the plan, whose drivers already carry p_t^ε.
 *
 * Draws may be correlated with the channel's conversion draw through a Gaussian copula: with z_c the
 * standard normal score of the conversion draw's uniform and z_o an independent one,
 *   z = ρ · z_c + √(1 − ρ²) · z_o,   ε' = mean + sd · z.
 * The uniforms of elasticity j are number K + j of the draw (K ranges of drivers come first), so the
 * drivers' draws are the same with or without elasticity ranges.
 */
import { firstLeverPeriod } from '../levers/apply';
import { channelPrices, elasticityOf, priceIndexSeries, priceTargetOf } from '../levers/price';
import { monthKeys } from '../timeline';
import type { Plan, UncertainDriver } from '../types';
import { inverseNormal, Z90 } from './distributions';
import { D } from './mcModel';
import type { RangeRows } from './rangeRows';
import { uniformAt } from './rng';

export interface ElasticityDraw {
  /** Row of the computed plan (run.target). */
  row: number;
  /** Driver index (D) the elasticity acts on. */
  driver: number;
  /** ε the plan's drivers already carry. */
  eps: number;
  mean: number;
  sd: number;
  /** Index of this elasticity's uniform in the draw. */
  entry: number;
  /** Index of the channel's conversion range among the ranges, −1 when none. */
  convEntry: number;
  rho: number;
  /** ln p_t per month (0 where the price is today's, and in actualised months). */
  lnIndex: Float64Array;
}

/** The elasticity draws of a computed plan (run.target) for the given ranges of drivers. */
export function elasticityDraws(target: Plan, scenarioId: string | null, uncertainty: readonly UncertainDriver[], targets: readonly RangeRows[]): ElasticityDraw[] {
  const prices = channelPrices(target);
  if (!prices.some((p) => p?.range)) return [];
  const months = monthKeys(target.timeline);
  const index = priceIndexSeries(target, months, scenarioId);
  if (!index) return [];
  const from = firstLeverPeriod(target, months, scenarioId);
  const P = months.length;
  const rho = target.prices?.conversionCorrelation ?? 0;
  const out: ElasticityDraw[] = [];
  prices.forEach((entry, c) => {
    if (!entry?.range) return;
    const lnIndex = new Float64Array(P);
    let moves = false;
    for (let t = from; t < P; t++) {
      lnIndex[t] = Math.log(index[c * P + t]);
      if (lnIndex[t] !== 0) moves = true;
    }
    if (!moves) return;
    const convEntry = uncertainty.findIndex((u, k) => u.driver === 'conversion' && targets[k].rows.includes(c));
    out.push({
      row: c,
      driver: D[priceTargetOf(target, entry)],
      eps: elasticityOf(target, entry),
      mean: (entry.range.low + entry.range.high) / 2,
      sd: Math.max(0, (entry.range.high - entry.range.low) / (2 * Z90)),
      entry: uncertainty.length + out.length,
      convEntry,
      rho: Math.max(-1, Math.min(1, rho)),
      lnIndex,
    });
  });
  return out;
}

/** ε' − ε of one elasticity in the draw with keys (key, key2). */
export function elasticityDelta(e: ElasticityDraw, key: number, key2: number): number {
  if (e.sd === 0) return e.mean - e.eps;
  let z = inverseNormal(uniformAt(key, key2, e.entry));
  if (e.convEntry >= 0 && e.rho !== 0) z = e.rho * inverseNormal(uniformAt(key, key2, e.convEntry)) + Math.sqrt(1 - e.rho * e.rho) * z;
  return e.mean + e.sd * z - e.eps;
}
