import nlopt from 'nlopt-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioSeries } from '../../../src/engine/compute';
import {
  buildModels,
  channelMarginal,
  channelValue,
  efficientFrontier,
  optimiseBudget,
  type OptimiseResult,
  type ResponseModel,
} from '../../../src/engine/optimiser';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Channel, ChannelBudgetBounds, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

type Ok = Extract<OptimiseResult, { ok: true }>;

function ok(r: OptimiseResult): Ok {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error}: ${JSON.stringify(r.problem)}`);
  return r;
}

const best = (plan: Plan, bounds: ChannelBudgetBounds[] = []) =>
  ok(optimiseBudget(plan, { mode: 'bestBudget', objective: 'contribution', scenarioId: null, bounds }));

const atBudget = (plan: Plan, totalBudget: number, bounds: ChannelBudgetBounds[] = []) =>
  ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget, scenarioId: null, bounds }));

function models(plan: Plan): ResponseModel[] {
  return buildModels(plan, scenarioSeries(plan, null).series, 'contribution');
}

function hillChannel(id: string, perPeriod: number, max: number, halfSat: number, shape: number): Channel {
  return simpleChannel(id, { spend: { base: perPeriod } }, { type: 'hill', max, halfSat, shape });
}

function concaveSynthetic(channels: number, seed: number, periods = 12): Plan {
  const plan = generateSyntheticPlan({ channels, periods, seed });
  for (const ch of plan.channels) ch.curve.shape = Math.min(ch.curve.shape, 1);
  return plan;
}

/**
 * An independent solver: NLopt's L-BFGS with bounds (no budget constraint, which is what the best
 * budget is), started from today's spends, variables scaled to ≈ 1. Returns Σ f at its answer.
 */
function nloptBest(ms: ResponseModel[], lo: number[], hi: number[], start: number[]): { objective: number; S: number[] } {
  const n = ms.length;
  const scale = start.map((s, c) => Math.max(s, lo[c], 1e6));
  const fScale = Math.abs(ms.reduce((s, m, c) => s + channelValue(m, start[c]), 0)) || 1;
  const opt = new nlopt.Optimize(nlopt.Algorithm.LD_LBFGS, n);
  opt.setLowerBounds(lo.map((l, c) => l / scale[c]));
  opt.setUpperBounds(hi.map((h, c) => h / scale[c]));
  opt.setMaxObjective((x, grad) => {
    let v = 0;
    for (let c = 0; c < n; c++) {
      const S = scale[c] * x[c];
      v += channelValue(ms[c], S);
      if (grad) {
        const g = channelMarginal(ms[c], S);
        grad[c] = Number.isFinite(g) ? (scale[c] * g) / fScale : 1e6;
      }
    }
    return v / fScale;
  }, 1e-13);
  opt.setMaxeval(20_000);
  const res = opt.optimize(start.map((s, c) => Math.min(hi[c], Math.max(lo[c], s)) / scale[c]));
  nlopt.GC.flush();
  expect(res.success).toBe(true);
  const S = res.x.map((x, c) => Math.min(hi[c], Math.max(lo[c], x * scale[c])));
  return { objective: ms.reduce((s, m, c) => s + channelValue(m, S[c]), 0), S };
}

beforeAll(async () => {
  await nlopt.ready;
});

describe('best budget: the analytic condition', () => {
  it('puts a one-channel hill (shape 1) where v·max·h / (h + S/P)² = 1, the closed form', () => {
    // Value per visit v = conversion · aov · (1 − returns) · (1 − channel margin) · (gross margin −
    // variable cost) = 0.02 · 20000 · 0.9 · 0.8 · 0.45 = 129.6 minor units; spend is spread evenly
    // over 12 months, so each month's spend x = S / 12 and d contribution / dS = v·max·h/(h + x)² − 1.
    const v = 0.02 * 20_000 * 0.9 * 0.8 * (0.5 - 0.05);
    const max = 10_000;
    const h = 1_000_000;
    const plan = simplePlan([hillChannel('a', 500_000, max, h, 1)]);
    const x = Math.sqrt(v * max * h) - h;
    const r = best(plan);
    expect(r.totalSpend).toBeGreaterThanOrEqual(Math.floor(12 * x));
    expect(r.totalSpend).toBeLessThanOrEqual(Math.ceil(12 * x));
    expect(r.lambda).toBe(0);
    expect(Math.abs(r.allocations[0].marginalContribution)).toBeLessThan(1e-6);
    expect(r.best).toMatchObject({ ok: true, budget: r.totalSpend });
    expect(r.gapBound).toBe(0);
    expect(r.method).toBe('waterFilling');
  });

  it('gives every funded channel a marginal contribution of 0 and every unfunded one ≤ 0 (KKT at λ = 0)', () => {
    for (const seed of [1, 7, 23]) {
      const plan = concaveSynthetic(12, seed, 24);
      const ms = models(plan);
      const r = best(plan);
      r.allocations.forEach((a, c) => {
        // One minor unit either way changes the marginal by at most this much.
        const unit = Math.abs(channelMarginal(ms[c], a.optimal + 1) - channelMarginal(ms[c], Math.max(a.optimal - 1, 0)));
        if (a.optimal > 1) expect(Math.abs(a.marginalContribution), `${seed}/${c}`).toBeLessThanOrEqual(1e-6 + (Number.isFinite(unit) ? unit : 0));
        // No spend: the first unit does not pay for itself.
        else expect(channelValue(ms[c], 1) - channelValue(ms[c], 0)).toBeLessThanOrEqual(0);
      });
      // Moving the whole budget up or down by 1 % along any channel only loses contribution.
      r.allocations.forEach((a, c) => {
        for (const k of [0.99, 1.01]) {
          const S = r.allocations.map((x) => x.optimal);
          S[c] = Math.round(a.optimal * k);
          expect(ms.reduce((s, m, i) => s + channelValue(m, S[i]), 0)).toBeLessThanOrEqual(r.objective + 1e-6);
        }
      });
    }
  });

  it('is the peak of contribution over budgets: below it λ > 0, past it λ < 0, at it λ ≈ 0', () => {
    const plan = concaveSynthetic(8, 5, 12);
    const r = best(plan);
    const at = atBudget(plan, r.totalSpend);
    expect(Math.abs(at.objective - r.objective)).toBeLessThanOrEqual(1e-9 * Math.abs(r.objective) + 2);
    expect(Math.abs(at.lambda)).toBeLessThan(1e-3);
    const below = atBudget(plan, Math.round(r.totalSpend * 0.7));
    const past = atBudget(plan, Math.round(r.totalSpend * 1.4));
    expect(below.lambda).toBeGreaterThan(0);
    expect(past.lambda).toBeLessThan(0);
    expect(below.objective).toBeLessThan(r.objective);
    expect(past.objective).toBeLessThan(r.objective);
    // Every answer reports the same best budget.
    for (const x of [below, at, past]) expect(x.best).toEqual(r.best);
  });
});

describe('best budget against an independent solver (NLopt L-BFGS, bounds only)', () => {
  it('reaches the same contribution on concave plans, with and without bounds', () => {
    for (const seed of [3, 11]) {
      const plan = concaveSynthetic(20, seed, 24);
      const ms = models(plan);
      const today = ms.map((m) => m.today);
      for (const bounded of [false, true]) {
        const bounds = bounded ? ms.map((m) => ({ channelId: m.channelId, min: Math.ceil(0.6 * m.today), max: Math.floor(1.3 * m.today) })) : [];
        const lo = bounded ? bounds.map((b) => b.min as number) : ms.map(() => 0);
        // Without bounds, the independent solver needs a box: far beyond any channel's best spend.
        const hi = bounded ? bounds.map((b) => b.max as number) : ms.map((m) => 50 * Math.max(m.today, 1e6));
        const ours = best(plan, bounds);
        const peer = nloptBest(ms, lo, hi, today);
        // Ours is exact: the peer can come close but not beat it (beyond rounding to minor units).
        expect(ours.objective, `${seed} ${bounded}`).toBeGreaterThanOrEqual(peer.objective - 1e-9 * Math.abs(peer.objective) - ms.length);
        expect(Math.abs(ours.objective - peer.objective) / Math.abs(peer.objective), `${seed} ${bounded}`).toBeLessThan(1e-6);
        ours.allocations.forEach((a, c) => {
          expect(a.optimal).toBeGreaterThanOrEqual(lo[c]);
          expect(a.optimal).toBeLessThanOrEqual(hi[c]);
          // Same spends: the optimum of a strictly concave problem is unique. Contribution is flat at
          // the top, so the peer stops within a little of it; its marginal there is no closer to 0.
          expect(Math.abs(a.optimal - peer.S[c]), `${seed} ${bounded} ${c}`).toBeLessThanOrEqual(Math.max(2, 1e-3 * peer.S[c]));
          if (a.optimal > lo[c] + 1 && a.optimal < hi[c] - 1) {
            expect(Math.abs(a.marginalContribution)).toBeLessThanOrEqual(Math.abs(channelMarginal(ms[c], peer.S[c])) + 1e-6);
          }
        });
      }
    }
  });

  it('finds the global best of S-shaped curves, which a local solver may miss, with a proven gap', () => {
    const plan = generateSyntheticPlan({ channels: 10, periods: 12, seed: 9 });
    plan.channels.forEach((ch, c) => (ch.curve.shape = c % 2 === 0 ? 1.8 : 0.8));
    const ms = models(plan);
    const r = best(plan);
    expect(r.method).toBe('concaveEnvelope');
    // Each channel on its own by a fine grid (the problem is separable without a budget).
    let grid = 0;
    ms.forEach((m, c) => {
      const top = 20 * Math.max(m.today, 1e6);
      let g = channelValue(m, 0);
      for (let k = 1; k <= 20_000; k++) g = Math.max(g, channelValue(m, (top * k) / 20_000));
      grid += g;
      expect(r.allocations[c].contributionOptimal).toBeGreaterThanOrEqual(g - 1e-9 * Math.abs(g) - 1);
    });
    expect(r.objective).toBeGreaterThanOrEqual(grid - 1e-9 * Math.abs(grid) - ms.length);
    expect(r.objective + r.gapBound).toBeGreaterThanOrEqual(grid - 1e-6 * Math.abs(grid));
    // NLopt from today's spends: never better than ours.
    const peer = nloptBest(ms, ms.map(() => 0), ms.map((m) => 20 * Math.max(m.today, 1e6)), ms.map((m) => m.today));
    expect(r.objective).toBeGreaterThanOrEqual(peer.objective - 1e-9 * Math.abs(peer.objective) - ms.length);
  });
});

describe('best budget: edge cases', () => {
  it('keeps frozen channels and bounds', () => {
    const plan = simplePlan([hillChannel('a', 5_000_000, 10_000, 1_000_000, 1), hillChannel('b', 100_000, 10_000, 1_000_000, 1)]);
    const r = best(plan, [{ channelId: 'a', frozen: true }, { channelId: 'b', min: 3_000_000 }]);
    expect(r.allocations[0].optimal).toBe(60_000_000);
    expect(r.allocations[1].optimal).toBe(3_000_000);
    // b's own best (≈ 1.66 m) is below its minimum, so it sits at the minimum, losing at the margin.
    expect(r.allocations[1].marginalContribution).toBeLessThan(0);
  });

  it('says when contribution has no maximum (a linear curve that returns more than it costs)', () => {
    const plan = simplePlan([simpleChannel('a', {}, { type: 'linear', max: 10_000, halfSat: 100_000, shape: 1 })]);
    const r = optimiseBudget(plan, { mode: 'bestBudget', objective: 'contribution', scenarioId: null, bounds: [] });
    expect(r).toMatchObject({ ok: false, error: 'unbounded', problem: { code: 'opt.unbounded', params: { channelId: plan.channels[0].id, channel: plan.channels[0].name } } });
    const capped = best(plan, [{ channelId: 'a', max: 9_000_000 }]);
    expect(capped.totalSpend).toBe(9_000_000);
    const at = atBudget(plan, 1_000_000);
    expect(at.best).toEqual({ ok: false, channelId: 'a' });
  });

  it('spends nothing on a channel whose visits are worth less than they cost', () => {
    const plan = simplePlan([simpleChannel('a', { grossMargin: { base: 0.04 } })]);
    const r = best(plan);
    expect(r.totalSpend).toBe(0);
  });

  it('refuses the net revenue objective', () => {
    const plan = simplePlan([hillChannel('a', 1, 1, 1, 1)]);
    expect(() => optimiseBudget(plan, { mode: 'bestBudget', objective: 'netRevenue' as 'contribution', scenarioId: null, bounds: [] })).toThrow(RangeError);
  });
});

describe('best budget on the efficient frontier', () => {
  it('spans today’s and the best budget, marks the best as the highest point, and passes through today', () => {
    const plan = concaveSynthetic(6, 4, 12);
    // Spend three times what pays: the best budget is far below today.
    for (const ch of plan.channels) ch.drivers.spend.base *= 3;
    const r = best(plan);
    const f = efficientFrontier(plan, { objective: 'contribution', scenarioId: null, bounds: [] });
    expect(f.bestBudget).toBe(r.totalSpend);
    expect(f.bestObjective).toBeCloseTo(r.objective, 6);
    expect(f.bestBudget as number).toBeLessThan(f.todayBudget);
    expect(f.budgets).toContain(f.todayBudget);
    expect(f.budgets).toContain(f.bestBudget);
    expect(f.budgets[0]).toBeLessThanOrEqual(0.5 * (f.bestBudget as number) + 1);
    expect(f.budgets[f.budgets.length - 1]).toBeGreaterThanOrEqual(1.5 * f.todayBudget - 1);
    const top = Math.max(...f.objectives);
    expect(f.objectives[f.budgets.indexOf(f.bestBudget as number)]).toBe(top);
    // Contribution rises up to the best budget and falls after it.
    const k = f.budgets.indexOf(f.bestBudget as number);
    for (let i = 1; i <= k; i++) expect(f.objectives[i]).toBeGreaterThanOrEqual(f.objectives[i - 1] - 1);
    for (let i = k + 1; i < f.budgets.length; i++) expect(f.objectives[i]).toBeLessThanOrEqual(f.objectives[i - 1] + 1);
    // Net revenue has no best budget.
    const net = efficientFrontier(plan, { objective: 'netRevenue', scenarioId: null, bounds: [] });
    expect(net.bestBudget).toBeNull();
  });
});
