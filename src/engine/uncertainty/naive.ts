import { withLaunches } from '../lifecycle/launches';
import { scenarioSeries } from '../compute';
import { copySeries } from '../driverSeries';
import { channelsNamedByRegion, regionalRun, runResult } from '../regions/run';
import type { Plan } from '../types';
import { applyToRow } from './apply';
import { quantile } from './distributions';
import type { MonteCarloChunk, MonteCarloOptions } from './montecarlo';
import { rangeRows } from './rangeRows';
import { elasticityDelta, elasticityDraws } from './priceDraws';
import { DRIVER_KEYS } from '../types';
import { DRIVER_SPECS } from '../drivers';
import { drawKey, drawKey2, uniformAt } from './rng';
import { assertUsable } from './validate';

/**
 * The obvious Monte Carlo, kept as the reference for tests and the peer of benchmark W3b: for every
 * draw, copy the resolved drivers (baseline or scenario), apply each uncertain driver's drawn value
 * to its channel's series (applyToRow, without rounding money, as runMonteCarloChunk), run the whole
 * formula graph (computeFromSeries, the body of computePlan) and sum its flows. A plan with regional
 * values runs on its expansion by region, as computePlan does (rangeRows.ts says how a range moves rows).
 *
 * Draw values come from the same uniforms (seed, i, k) through the public `quantile`, so for the same
 * seed its per-draw totals equal runMonteCarloChunk's up to floating error and computePlan's rounding
 * of P&L lines to minor units (at most a few minor units per cell).
 */
export function naiveMonteCarlo(plan: Plan, opts: MonteCarloOptions, seed: number, draws: number, from = 0): MonteCarloChunk {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, opts.scenarioId);
  assertUsable(plan, opts.uncertainty, true);
  const P = plan.timeline.periods;
  const run = regionalRun(plan, channelsNamedByRegion(plan, opts.uncertainty));
  const { series: resolved } = scenarioSeries(run.target, opts.scenarioId);
  const list = opts.uncertainty;
  const targets = list.map((u) => rangeRows(run, u));
  const elasticity = elasticityDraws(run.target, opts.scenarioId, list, targets);
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
    // Combine the draws per row and driver first: factors multiply, additions add. (A row takes
    // both only when a range of its region and one of its whole channel differ in kind.)
    const combined = new Map<string, { row: number; driver: (typeof list)[number]['driver']; multiplies: boolean; adds: boolean; factor: number; add: number }>();
    list.forEach((u, k) => {
      const x = quantile(u, uniformAt(key, key2, k));
      const tg = targets[k];
      tg.rows.forEach((row, j) => {
        const id = `${row}:${u.driver}`;
        let e = combined.get(id);
        if (!e) {
          e = { row, driver: u.driver, multiplies: false, adds: false, factor: 1, add: 0 };
          combined.set(id, e);
        }
        if (tg.base !== 0) {
          e.multiplies = true;
          e.factor *= x / tg.base;
        } else {
          e.adds = true;
          e.add += x * tg.addShare[j];
        }
      });
    });
    const series = copySeries(resolved);
    for (const e of combined.values()) {
      if (e.multiplies) applyToRow(series, e.driver, e.row, P, true, e.factor, 0, false);
      if (e.adds) applyToRow(series, e.driver, e.row, P, false, 1, e.add, false);
    }
    // The drawn elasticity: p_t^(ε' − ε) on top of the drivers, which carry p_t^ε.
    for (const e of elasticity) {
      const delta = elasticityDelta(e, key, key2);
      const values = series[DRIVER_KEYS[e.driver]];
      const max = DRIVER_SPECS[DRIVER_KEYS[e.driver]].max;
      for (let t = 0; t < P; t++) {
        if (e.lnIndex[t] !== 0 && delta !== 0) values[e.row * P + t] = Math.min(max, values[e.row * P + t] * Math.exp(delta * e.lnIndex[t]));
      }
    }
    const res = runResult(run, series);
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
