import { describe, expect, it } from 'vitest';
import { applyOps, type Op } from '../../../src/engine/patch';
import { applyPlanPatch, NO_KEPT_PLAN, planPatch } from '../../../src/engine/planPatch';
import { liveRollups } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { engineApi } from '../../../src/workers/engineApi';

const plan: Plan = generateSyntheticPlan({ channels: 10, periods: 24, seed: 7, withOverrides: true });

const edits: [string, Op[]][] = [
  ['a driver', [{ path: ['channels', 3, 'drivers', 'spend', 'base'], value: plan.channels[3].drivers.spend.base * 2 }]],
  ['a name', [{ path: ['channels', 0, 'name'], value: 'Renamed' }]],
  ['a removed channel', [{ path: ['channels', 5], value: undefined }]],
  ['an added channel', [{ path: ['channels', 2], value: { ...plan.channels[2], id: 'copy', name: 'Copy' }, insert: true }]],
  ['a removed key', [{ path: ['channels', 1, 'drivers', 'spend', 'base'], value: undefined }]],
];

describe('plan patches for the engine worker', () => {
  for (const [what, ops] of edits) {
    it(`${what}: a few writes that rebuild the edited plan exactly`, () => {
      const edited = applyOps(plan, ops).result;
      const patch = planPatch(plan, edited);
      expect(patch).not.toBeNull();
      expect(patch!.length).toBeLessThanOrEqual(2);
      expect(applyPlanPatch(plan, patch!)).toEqual(edited);
    });
  }

  it('the same plan is no writes; a plan changed everywhere is sent whole (null)', () => {
    expect(planPatch(plan, plan)).toEqual([]);
    expect(planPatch(plan, structuredClone(plan))).toEqual([]);
    const other = generateSyntheticPlan({ channels: 10, periods: 24, seed: 8, withOverrides: true });
    expect(planPatch(plan, other)).toBeNull();
  });

  it('the worker computes from its kept plan and a patch exactly what it computes from the whole plan', () => {
    let cur = plan;
    engineApi.computeKept({ version: 1, plan: cur }, null);
    let version = 1;
    for (const [, ops] of edits) {
      const next = applyOps(cur, ops).result;
      const patch = planPatch(cur, next)!;
      const viaPatch = engineApi.computeKept({ version: version + 1, base: version, patch }, null);
      const whole = engineApi.compute(structuredClone(next), null);
      // The same result, and the plan view's sums added up in the worker equal rollup's on the page.
      expect(viaPatch).toEqual({ ...whole, rollups: liveRollups(next, whole.result) });
      cur = next;
      version++;
    }
  });

  it('a patch to a version the worker does not hold is refused by name, and the whole plan then works', () => {
    engineApi.computeKept({ version: 10, plan }, null);
    const next = applyOps(plan, edits[0][1]).result;
    expect(() => engineApi.computeKept({ version: 12, base: 11, patch: planPatch(plan, next)! }, null)).toThrow(expect.objectContaining({ name: NO_KEPT_PLAN }));
    // Refused once, nothing is held: even the right base is refused until the whole plan comes.
    expect(() => engineApi.computeKept({ version: 11, base: 10, patch: planPatch(plan, next)! }, null)).toThrow(expect.objectContaining({ name: NO_KEPT_PLAN }));
    const whole = engineApi.compute(next, null);
    expect(engineApi.computeKept({ version: 13, plan: next }, null)).toEqual({ ...whole, rollups: liveRollups(next, whole.result) });
  });
});
