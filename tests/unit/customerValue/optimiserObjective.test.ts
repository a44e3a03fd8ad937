import { describe, expect, it } from 'vitest';
import { computePlan, scenarioSeries } from '../../../src/engine/compute';
import { applyAllocationAsAdjustments, buildModels, channelValue, optimiseBudget, type OptimiseResult } from '../../../src/engine/optimiser';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { CustomerValue, Plan } from '../../../src/engine/types';

type Ok = Extract<OptimiseResult, { ok: true }>;
function ok(r: OptimiseResult): Ok {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error}`);
  return r;
}

/** Concave curves, no cannibalisation nor rebates: what the optimiser's model leaves out is absent. */
function plainPlan(channels: number, seed: number): Plan {
  const plan = generateSyntheticPlan({ channels, periods: 12, seed });
  for (const ch of plan.channels) {
    ch.curve.shape = Math.min(ch.curve.shape, 1);
    delete ch.rebate;
  }
  plan.cannibalisation = [];
  return plan;
}

function withClv(plan: Plan, clvs: number[]): Plan {
  const snapshot: CustomerValue = {
    dataset: 'orders', takenAt: 0, observationEnd: '2026-11-30', method: 'bgnbd-gammagamma', horizonMonths: 3, discountRate: 0.01, margin: 0.4,
    channels: plan.channels.map((ch, c) => ({ channelId: ch.id, dataChannels: [ch.name], customers: 100, clv: clvs[c], monthlyMargin: [1, 1, 1] })),
  };
  return { ...plan, customerValue: snapshot };
}

/** contribution + Σ new-customer orders × CLV, from computePlan's flows (the independent reading). */
function objectiveFromCompute(plan: Plan, scenarioId: string | null): number {
  const res = computePlan(plan, scenarioId);
  let total = 0;
  plan.channels.forEach((ch, c) => {
    const clv = plan.customerValue?.channels.find((x) => x.channelId === ch.id)?.clv ?? 0;
    for (let t = 0; t < res.periods; t++) {
      const i = c * res.periods + t;
      total += res.flows.contribution[i] + res.flows.newOrders[i] * clv;
    }
  });
  return total;
}

describe('optimiser objective: contribution + new customers × CLV', () => {
  it('reports, for its answer, the value computePlan gives the answer applied as a scenario', () => {
    for (const seed of [3, 11, 29]) {
      const base = plainPlan(6, seed);
      const plan = withClv(base, base.channels.map((_, c) => 5_000 + 7_919 * c));
      const budget = buildModels(plan, scenarioSeries(plan, null).series, 'contributionClv').reduce((s, m) => s + m.today, 0);
      const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contributionClv', totalBudget: budget, scenarioId: null, bounds: [] }));
      let n = 0;
      const adjustments = applyAllocationAsAdjustments(plan, r, () => `opt-${n++}`);
      const applied: Plan = { ...plan, scenarios: [{ id: 'opt', name: 'opt', parentId: null, notes: '', adjustments }] };
      const independent = objectiveFromCompute(applied, 'opt');
      // computePlan rounds every money line of every cell, and the scenario rounds spend per month.
      expect(Math.abs(r.objective - independent)).toBeLessThanOrEqual(1e-6 * Math.abs(independent) + 50 * 12 * plan.channels.length);
      // Today's value too.
      expect(Math.abs(r.objectiveToday - objectiveFromCompute(plan, null))).toBeLessThanOrEqual(1e-6 * Math.abs(independent) + 50 * 12 * plan.channels.length);
      // And it is at least as good as today's split of the same budget.
      expect(r.objective).toBeGreaterThanOrEqual(r.objectiveToday - 1e-6 * Math.abs(r.objectiveToday));
    }
  });

  it('is the contribution objective when every CLV is 0, or when the plan has no snapshot', () => {
    const base = plainPlan(5, 7);
    const budget = 0.8 * buildModels(base, scenarioSeries(base, null).series, 'contribution').reduce((s, m) => s + m.today, 0);
    const spec = (objective: 'contribution' | 'contributionClv') => ({ mode: 'maxObjective' as const, objective, totalBudget: Math.round(budget), scenarioId: null, bounds: [] });
    const reference = ok(optimiseBudget(base, spec('contribution')));
    for (const plan of [base, withClv(base, base.channels.map(() => 0))]) {
      const r = ok(optimiseBudget(plan, spec('contributionClv')));
      expect(r.objective).toBeCloseTo(reference.objective, 3);
      expect(r.allocations.map((a) => a.optimal)).toEqual(reference.allocations.map((a) => a.optimal));
    }
  });

  it('matches brute force on two channels and moves budget toward the channel whose customers are worth more', () => {
    const base = plainPlan(2, 8);
    const spendOf = (r: Ok, id: string) => r.allocations.find((a) => a.channelId === id)!.optimal;
    const budget = Math.round(buildModels(base, scenarioSeries(base, null).series, 'contribution').reduce((s, m) => s + m.today, 0));
    const run = (clvs: number[]) => ok(optimiseBudget(withClv(base, clvs), { mode: 'maxObjective', objective: 'contributionClv', totalBudget: budget, scenarioId: null, bounds: [] }));
    const low = run([0, 0]);
    const high = run([200_000, 0]);
    expect(spendOf(high, base.channels[0].id)).toBeGreaterThan(spendOf(low, base.channels[0].id));
    // Brute force over a grid of splits of the same budget on the CLV objective's channel models.
    const plan = withClv(base, [200_000, 0]);
    const ms = buildModels(plan, scenarioSeries(plan, null).series, 'contributionClv');
    let best = -Infinity;
    for (let k = 0; k <= 20_000; k++) {
      const s0 = (budget * k) / 20_000;
      best = Math.max(best, channelValue(ms[0], s0) + channelValue(ms[1], budget - s0));
    }
    expect(high.objective).toBeGreaterThanOrEqual(best - 1e-7 * Math.abs(best));
    expect(high.objective - best).toBeLessThanOrEqual(1e-4 * Math.abs(best));
  });
});
