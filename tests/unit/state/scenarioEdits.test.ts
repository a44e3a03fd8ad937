import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps, type Op } from '../../../src/engine/patch';
import type { Plan } from '../../../src/engine/types';
import { addAdjustmentsOps, baselineEditAsAdjustments } from '../../../src/state/scenarioEdits';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/** Two channels with growth and seasonality on spend, and a scenario to record edits in. */
function plan(): Plan {
  const a = simpleChannel('a', { spend: { base: 1_000_000, growth: 0.02, seasonality: [0.8, 0.9, 1, 1, 1, 1.2, 1, 1, 1, 1, 1.3, 0.8] } });
  const p = simplePlan([a, simpleChannel('b')]);
  p.scenarios = [{ id: 's', name: 'Push', parentId: null, adjustments: [], notes: '' }];
  return p;
}

/** The edit as the grid makes it, with the inverse that undo keeps. */
function edit(p: Plan, ops: Op[]) {
  const { result, inverse } = applyOps(p, ops);
  return { after: result, inverse };
}

describe('recording a baseline edit as a scenario adjustment', () => {
  it('a new first-month base becomes a scale of the channel that gives the edited baseline’s numbers', () => {
    const p = plan();
    const ops: Op[] = [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 1_200_000 }];
    const { after, inverse } = edit(p, ops);
    const adjustments = baselineEditAsAdjustments(p, ops, inverse);
    expect(adjustments).toHaveLength(1);
    expect(adjustments?.[0]).toMatchObject({ target: { kind: 'channels', ids: ['a'] }, driver: 'spend', op: { kind: 'scale', percent: 20 }, enabled: true });
    // The scenario on the old baseline gives the same spend, month by month, as the edited baseline
    // (to the fen: the baseline rounds each month to whole fen before the scale applies).
    const recorded = applyOps(p, addAdjustmentsOps(p, 's', adjustments ?? [])).result;
    const viaScenario = computePlan(recorded, 's').flows.spend;
    const edited = computePlan(after).flows.spend;
    expect(edited[11]).toBeGreaterThan(edited[0]);
    for (let i = 0; i < edited.length; i++) expect(Math.abs(viaScenario[i] - edited[i])).toBeLessThanOrEqual(1);
  });

  it('a new base of a flat series becomes a set, which is what the planner typed', () => {
    const p = plan();
    const ops: Op[] = [{ path: ['channels', 1, 'drivers', 'conversion', 'base'], value: 0.025 }];
    const { after, inverse } = edit(p, ops);
    expect(baselineEditAsAdjustments(p, ops, inverse)).toMatchObject([{ target: { kind: 'channels', ids: ['b'] }, driver: 'conversion', op: { kind: 'set', value: 0.025 } }]);
    const recorded = applyOps(p, addAdjustmentsOps(p, 's', baselineEditAsAdjustments(p, ops, inverse) ?? [])).result;
    expect(Array.from(computePlan(recorded, 's').flows.orders)).toEqual(Array.from(computePlan(after).flows.orders));
  });

  it('a value typed for one month becomes a set for that month only', () => {
    const p = plan();
    const ops: Op[] = [{ path: ['channels', 1, 'drivers', 'conversion', 'overrides', '2027-06'], value: 0.05 }];
    const { inverse } = edit(p, ops);
    expect(baselineEditAsAdjustments(p, ops, inverse)).toMatchObject([
      { target: { kind: 'channels', ids: ['b'] }, driver: 'conversion', from: '2027-06', to: '2027-06', op: { kind: 'set', value: 0.05 } },
    ]);
  });

  it('is not offered for other edits, removed values or a zero base', () => {
    const p = plan();
    const name: Op[] = [{ path: ['channels', 0, 'name'], value: 'x' }];
    expect(baselineEditAsAdjustments(p, name, edit(p, name).inverse)).toBeNull();
    const curve: Op[] = [{ path: ['channels', 0, 'curve', 'max'], value: 5 }];
    expect(baselineEditAsAdjustments(p, curve, edit(p, curve).inverse)).toBeNull();
    const withOverride = applyOps(p, [{ path: ['channels', 0, 'drivers', 'spend', 'overrides', '2027-03'], value: 5 }]).result;
    const reset: Op[] = [{ path: ['channels', 0, 'drivers', 'spend', 'overrides', '2027-03'], value: undefined }];
    expect(baselineEditAsAdjustments(withOverride, reset, edit(withOverride, reset).inverse)).toBeNull();
    // Channel a's spend grows: from a zero base no factor gives the new series.
    const zero = applyOps(p, [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 0 }]).result;
    const fromZero: Op[] = [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 100 }];
    expect(baselineEditAsAdjustments(zero, fromZero, edit(zero, fromZero).inverse)).toBeNull();
  });

  it('appends to the scenario as one op', () => {
    const p = plan();
    const ops = addAdjustmentsOps(p, 's', [{ id: 'x', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 5 }, enabled: true }]);
    expect(ops).toHaveLength(1);
    expect(applyOps(p, ops).result.scenarios?.[0].adjustments.map((a) => a.id)).toEqual(['x']);
    expect(addAdjustmentsOps(p, 'nope', [])).toEqual([]);
  });
});
