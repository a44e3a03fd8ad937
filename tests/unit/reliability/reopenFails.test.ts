import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { PlanSession } from '../../../src/state/planSession.svelte';
import { engineApi } from '../../../src/workers/engineApi';
import type { EngineClient } from '../../../src/workers/engineClient';

const engine = { compute: async (plan: Plan, id: string | null) => engineApi.compute(plan, id) } as unknown as EngineClient;

/**
 * Case 15, the "else" branch: the connection was closed under a background tab, and reopening it
 * fails too. The save is retried once, then reported as failed, and the edits stay in the tab.
 */
describe('case 15: a lost connection that cannot be reopened', () => {
  let db: PlannerDb;
  let n = 0;
  beforeEach(async () => {
    db = new PlannerDb(`reopen-fails-${++n}`);
    await db.open();
    await new PlanRepo(db).create({ ...generateSyntheticPlan({ channels: 3, periods: 12, seed: 15 }), id: 'p' });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('case 15: reopening is tried once; when it fails the save is reported failed and the edit stays in memory', async () => {
    const repo = new PlanRepo(db);
    const loaded = await repo.load('p');
    const s = new PlanSession(loaded!.plan, [], [], repo, engine, null, loaded!.rev);
    db.close();
    let reopenAttempts = 0;
    db.open = () => {
      reopenAttempts++;
      return Dexie.Promise.reject(new Dexie.OpenFailedError('cannot reopen'));
    };
    s.edit('Name', [{ path: ['name'], value: 'Kept in memory' }]);
    await s.flush();
    expect(reopenAttempts).toBe(1);
    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toBe('other');
    expect(s.plan.name).toBe('Kept in memory');
    expect(s.dirty).toBe(true);
    expect(s.undoStack).toHaveLength(1);
  });
});
