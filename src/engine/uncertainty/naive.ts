import { computeFromSeries, scenarioSeries } from '../compute';
import { copySeries } from '../driverSeries';
import type { Plan } from '../types';
import { applyToRow, driverBase } from './apply';
import { quantile } from './distributions';
import type { MonteCarloChunk, MonteCarloOptions } from './montecarlo';
import { drawKey, drawKey2, uniformAt } from './rng';
import { assertUsable } from './validate';

/**
 * The obvious Monte Carlo, kept as the reference for tests and the peer of benchmark W3b: for every
 * draw, copy the resolved drivers (baseline or scenario), apply each uncertain driver's drawn value
 * to its channel's series (applyToRow, without rounding money, as runMonteCarloChunk), run the whole
 * formula graph (computeFromSeries, the body of computePlan) and sum its flows.
 *
 * Draw values come from the same uniforms (seed, i, k) through the public `quantile`, so for the same
 * seed its per-draw totals equal runMonteCarloChunk's up to floating error and computePlan's rounding
 * of P&L lines to minor units (at most a few minor units per cell).
 */
export function naiveMonteCarlo(plan: Plan, opts: MonteCarloOptions, seed: number, draws: number, from = 0): MonteCarloChunk {
  assertUsable(plan, opts.uncertainty, true);
  const P = plan.timeline.periods;
  const { series: resolved } = scenarioSeries(plan, opts.scenarioId);
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const list = opts.uncertainty;
  const chunk: MonteCarloChunk = {
    from,
    to: from + draws,
    totalContribution: new Float64Array(draws),
    totalNetRevenue: new Float64Array(draws),
    periodNetRevenue: new Float64Array(draws * P),
    periodContribution: new Float64Array(draws * P),
  };
  for (let r = 0; r < draws; r++) {
    const i = from + r;
    const key = drawKey(seed, i);
    const key2 = drawKey2(key);
    // Combine the draws per channel and driver first: factors multiply, additions add.
    const combined = new Map<string, { c: number; driver: (typeof list)[number]['driver']; base: number; factor: number; add: number }>();
    list.forEach((u, k) => {
      const x = quantile(u, uniformAt(key, key2, k));
      const c = index.get(u.channelId) as number;
      const id = `${c}:${u.driver}`;
      let e = combined.get(id);
      if (!e) {
        e = { c, driver: u.driver, base: driverBase(plan, c, u.driver), factor: 1, add: 0 };
        combined.set(id, e);
      }
      if (e.base !== 0) e.factor *= x / e.base;
      else e.add += x;
    });
    const series = copySeries(resolved);
    for (const e of combined.values()) applyToRow(series, e.driver, e.c, P, e.base !== 0, e.factor, e.add, false);
    const res = computeFromSeries(plan, series, []);
    let net = 0;
    let con = 0;
    for (let t = 0; t < P; t++) {
      let n = 0;
      let k = 0;
      for (let c = 0; c < plan.channels.length; c++) {
        n += res.flows.netRevenue[c * P + t];
        k += res.flows.contribution[c * P + t];
      }
      chunk.periodNetRevenue[r * P + t] = n;
      chunk.periodContribution[r * P + t] = k;
      net += n;
      con += k;
    }
    chunk.totalNetRevenue[r] = net;
    chunk.totalContribution[r] = con;
  }
  return chunk;
}
