import { describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { PlanSession } from '../../../src/state/planSession.svelte';
import { engineApi } from '../../../src/workers/engineApi';
import type { EngineClient } from '../../../src/workers/engineClient';

const engine = { compute: async (plan: Plan, id: string | null) => engineApi.compute(plan, id) } as unknown as EngineClient;

describe('undo steps', () => {
  it('an action that changes nothing is no undo step; one that changes something is exactly one', () => {
    const plan = { ...generateSyntheticPlan({ channels: 2, periods: 12, seed: 3 }), notes: 'Budget from finance' };
    const s = new PlanSession(plan, [], [], null, engine);
    // A field committed with the text it already had (e.g. after Ctrl+Z inside it).
    expect(s.edit('Notes', [{ path: ['notes'], value: 'Budget from finance' }])).toBeNull();
    expect(s.edit('Spend', [{ path: ['channels', 0, 'drivers', 'spend'], value: structuredClone(plan.channels[0].drivers.spend) }])).toBeNull();
    expect(s.edit('Nothing to remove', [{ path: ['channels', 0, 'curvePoints'], value: undefined }])).toBeNull();
    expect(s.undoStack).toHaveLength(0);
    expect(s.edit('Notes', [{ path: ['notes'], value: 'Budget from finance, v2' }])).not.toBeNull();
    expect(s.undoStack.map((e) => e.label)).toEqual(['Notes']);
    s.undo();
    expect(s.plan.notes).toBe('Budget from finance');
  });
});
