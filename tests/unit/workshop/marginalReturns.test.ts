import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { optimiseBudget } from '../../../src/engine/optimiser';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { marginalReturns, mixContribution } from '../../../src/engine/workshop/marginalReturns';
import { potGame } from '../../../src/engine/workshop/potGame';
import { frontierPoint, proposalFrontier } from '../../../src/engine/workshop/proposalFrontier';
import { moveInPot } from '../../../src/engine/workshop/fixedPot';

const TEMPLATES = ['beauty', 'grocery', 'appliances', 'industrial'] as const;

function plan(id: (typeof TEMPLATES)[number]): Plan {
  return createPlanFromTemplate(id, { id: 'p1', now: 0, locale: 'zh-CN' });
}

function totals(p: Plan): { contribution: number; spend: number[] } {
  const r = computePlan(p, 's');
  const P = p.timeline.periods;
  let contribution = 0;
  for (const x of r.flows.contribution) contribution += x;
  const spend = p.channels.map((_, c) => {
    let s = 0;
    for (let t = 0; t < P; t++) s += r.flows.spend[c * P + t];
    return s;
  });
  return { contribution, spend };
}

/** The plan with a scenario `s` scaling each channel's spend by its own percent. */
function scaled(p: Plan, percents: number[]): Plan {
  return {
    ...p,
    scenarios: [
      {
        id: 's',
        name: 's',
        parentId: null,
        notes: '',
        adjustments: p.channels.map((ch, c) => ({ id: `a${c}`, target: { kind: 'channels' as const, ids: [ch.id] }, driver: 'spend' as const, op: { kind: 'scale' as const, percent: percents[c] }, enabled: true })),
      },
    ],
  };
}

describe('marginal returns', () => {
  // computePlan rounds every cell to a minor unit, so a step of 1 % of a channel's spend (tens of
  // thousands of yuan) keeps that rounding far below the tolerance; the central difference's own
  // error is of order f''' · h², about 3e-5 per ¥1 on these curves.
  const TOLERANCE = 5e-4;

  it.each(TEMPLATES)('equal central finite differences of computePlan (%s, at several mixes)', (id) => {
    const base = plan(id);
    for (const mix of [0, -30, 25]) {
      const at = scaled(base, base.channels.map((_, c) => (c % 2 === 0 ? mix : -mix / 2)));
      const g = potGame(at, 's', at.budgetBounds);
      if (!g.ok) throw new Error(g.reason);
      const here = totals(at);
      const m = marginalReturns(g.models, here.spend);
      for (let c = 0; c < at.channels.length; c++) {
        const pct = base.channels.map((_, k) => (k % 2 === 0 ? mix : -mix / 2));
        const up = [...pct];
        const down = [...pct];
        up[c] = (1 + pct[c] / 100) * 101 - 100;
        down[c] = (1 + pct[c] / 100) * 99 - 100;
        const hi = totals(scaled(base, up));
        const lo = totals(scaled(base, down));
        const fd = (hi.contribution - lo.contribution) / (hi.spend[c] - lo.spend[c]);
        expect(Math.abs(m[c] - fd)).toBeLessThan(TOLERANCE);
      }
      // The models' contribution is computePlan's to within rounding (a minor unit per cell).
      expect(Math.abs(mixContribution(g.models, here.spend) - here.contribution)).toBeLessThan(at.channels.length * at.timeline.periods * 4);
    }
  });
});

describe('par', () => {
  it.each(TEMPLATES)('is the optimiser answer for the pot, and no mix found by random search beats it (%s)', (id) => {
    const p = plan(id);
    const g = potGame(p, null, p.budgetBounds);
    if (!g.ok) throw new Error(g.reason);
    const direct = optimiseBudget(p, { mode: 'maxObjective', objective: 'contribution', totalBudget: g.pot * g.unit, scenarioId: null, bounds: p.budgetBounds });
    expect(g.par).toEqual(direct);
    if (!g.par.ok) throw new Error('no par');
    const par = g.par;
    expect(par.totalSpend).toBe(g.pot * g.unit);
    expect(mixContribution(g.models, par.allocations.map((a) => a.optimal))).toBeCloseTo(par.objective, 0);
    // Random mixes of the same pot, reached by slider moves of the game itself.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: g.start.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }), (moves) => {
        let s = g.start;
        for (const [c, f] of moves) s = moveInPot(s, g.limits, c, f * g.pot, { kind: 'proportional' });
        const v = mixContribution(g.models, s.map((x) => x * g.unit));
        // par is exact to rounding to whole minor units (water-filling) or within its proven gap.
        expect(v).toBeLessThanOrEqual(par.objective + par.gapBound + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('proposals against the frontier', () => {
  it('measures a scenario at its own spend against the best mix of that spend', () => {
    const p = scaled(plan('beauty'), [40, -50, 0, 0]);
    const pt = frontierPoint(p, 's', p.budgetBounds);
    if (!pt) throw new Error('no point');
    const best = optimiseBudget(p, { mode: 'maxObjective', objective: 'contribution', totalBudget: pt.spend, scenarioId: 's', bounds: [] });
    if (!best.ok) throw new Error('no answer');
    expect(pt.best).toBe(best.objective);
    expect(pt.contribution).toBeCloseTo(best.objectiveToday, 3);
    expect(pt.gap).toBeCloseTo(best.objective - best.objectiveToday, 3);
    expect(pt.gap).toBeGreaterThan(0);
    const { frontier, points } = proposalFrontier(p, null, [null, 's'], []);
    // The curve's range holds both points' spends.
    for (const q of points) {
      expect(q).not.toBeNull();
      expect(frontier.budgets[0]).toBeLessThanOrEqual(q!.spend);
      expect(frontier.budgets[frontier.budgets.length - 1]).toBeGreaterThanOrEqual(q!.spend);
    }
  });
});
