import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyAllocationAsAdjustments, optimiseBudget, optimiseWithPolicies, type OptimiseResult } from '../../../src/engine/optimiser';
import { expandPlan, regionCells } from '../../../src/engine/regions';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { ChannelBudgetBounds, Plan } from '../../../src/engine/types';

function ok(r: OptimiseResult): Extract<OptimiseResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error}`);
  return r;
}

/** The grocery template with its second channel's county spend limited: that channel is planned by region. */
function regionalPlan(): { plan: Plan; bounds: ChannelBudgetBounds[]; budget: number } {
  const plan = createPlanFromTemplate('grocery', { id: 'p-regions', now: 0, locale: 'zh-CN' });
  plan.channels[1].regionWeights = { tier3: 3, county: 1 };
  const free = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: 1, scenarioId: null, bounds: [] }));
  const budget = free.allocations.reduce((s, a) => s + a.today, 0);
  const bounds: ChannelBudgetBounds[] = [{ channelId: plan.channels[1].id, regionId: 'county', max: 1_000_000 }];
  return { plan, bounds, budget };
}

describe('optimiser on channels planned by region', () => {
  it('applied as a scenario, the answer keeps what it gives each region (a region limit holds in the scenario)', () => {
    const { plan, bounds, budget } = regionalPlan();
    const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds }));
    let n = 0;
    const adjustments = applyAllocationAsAdjustments(plan, r, () => `a${n++}`);
    const withBounds: Plan = { ...plan, budgetBounds: bounds, scenarios: [{ id: 's', name: 'opt', parentId: null, notes: '', adjustments }] };
    const res = computePlan(withBounds, 's');
    const cells = regionCells(withBounds, res);
    const P = cells.periods;
    for (const a of r.allocations) {
      for (const row of a.rows ?? [{ regionId: '', today: a.today, optimal: a.optimal }]) {
        const c = plan.channels.findIndex((ch) => ch.id === a.channelId);
        let spend = 0;
        if (row.regionId === '') for (let t = 0; t < P; t++) spend += res.flows.spend[c * P + t];
        else {
          const q = cells.rows.findIndex((x) => x.channel === c && x.regionId === row.regionId);
          for (let t = 0; t < P; t++) spend += cells.flows.spend[q * P + t];
        }
        // Scaling rounds each month to a whole minor unit.
        expect(Math.abs(spend - row.optimal), `${a.channelId} ${row.regionId}`).toBeLessThanOrEqual(P);
      }
    }
    expect(adjustments.some((a) => a.regionId === 'county')).toBe(true);
  });

  it('takes one variable per channel × region row, keeps a region bound of a channel, and adds rows back up per channel', () => {
    const { plan, bounds, budget } = regionalPlan();
    const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds }));
    const ch = r.allocations[1];
    expect(ch.rows?.map((x) => x.regionId)).toEqual(['tier3', 'county']);
    expect(ch.rows?.find((x) => x.regionId === 'county')?.optimal).toBeLessThanOrEqual(1_000_000);
    expect(ch.rows?.reduce((s, x) => s + x.optimal, 0)).toBe(ch.optimal);
    expect(r.allocations.reduce((s, a) => s + a.optimal, 0)).toBe(budget);
    // The same problem written out as a plan whose channels are the rows gives the same answer.
    const x = expandPlan({ ...plan, budgetBounds: bounds });
    if (!x) throw new Error('expected the channel to be split');
    const rows = ok(optimiseBudget(x.plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds: x.plan.budgetBounds }));
    expect(r.objective).toBeCloseTo(rows.objective, 6);
    expect(ch.rows?.map((v) => v.optimal)).toEqual(x.rowsOf[1].map((i) => rows.allocations[i].optimal));
  });

  it('a region amount rule holds region by region: rows of that region whole, channels computed whole by their share', () => {
    const { plan, bounds, budget } = regionalPlan();
    const cap = Math.round(0.3 * budget);
    const res = optimiseWithPolicies(plan, {
      mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds,
      policies: { groups: [{ id: 'county', group: { kind: 'region', regionId: 'county' }, measure: 'amount', max: cap, enabled: true }], efficiency: [] },
    });
    if (!res.ok) throw new Error('expected an answer');
    let county = 0;
    res.with.allocations.forEach((a, c) => {
      const ch = plan.channels[c];
      if (a.rows && a.rows.some((x) => x.regionId !== '')) county += a.rows.find((x) => x.regionId === 'county')?.optimal ?? 0;
      else if (ch.regions.includes('county')) county += a.optimal / ch.regions.length;
    });
    expect(county).toBeLessThanOrEqual(cap + 1);
    expect(res.rules[0].value).toBeCloseTo(county, 0);
    expect(res.with.totalSpend).toBe(budget);
  });
});
