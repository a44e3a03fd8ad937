import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlannerDb } from '../../../src/persistence/db';
import { DELETED_RETENTION_MS, MAX_HISTORY, PlanRepo } from '../../../src/persistence/planRepo';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { EditRecord } from '../../../src/persistence/db';

let db: PlannerDb;
let repo: PlanRepo;
let n = 0;

beforeEach(async () => {
  db = new PlannerDb(`test-${++n}`);
  await db.open();
  repo = new PlanRepo(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function plan(id: string, updatedAt = 1) {
  return { ...generateSyntheticPlan({ channels: 3, periods: 12, seed: 5 }), id, name: `Plan ${id}`, updatedAt };
}

describe('plan repository', () => {
  it('creates, lists newest first, and loads with an empty history', async () => {
    await repo.create(plan('a', 1));
    await repo.create(plan('b', 2));
    expect((await repo.list()).map((p) => p.id)).toEqual(['b', 'a']);
    const loaded = await repo.load('a');
    expect(loaded?.plan.name).toBe('Plan a');
    expect(loaded?.history).toMatchObject({ planId: 'a', undo: [], redo: [] });
  });

  it('saves a plan and its undo history together and caps the history', async () => {
    await repo.create(plan('a'));
    const edit: EditRecord = { label: 'x', ops: [{ path: ['name'], value: 'New' }], inverse: [{ path: ['name'], value: 'Plan a' }] };
    const undo = Array.from({ length: MAX_HISTORY + 5 }, () => edit);
    await repo.save({ ...plan('a', 9), name: 'New' }, undo, []);
    const loaded = await repo.load('a');
    expect(loaded?.plan.name).toBe('New');
    expect(loaded?.history.undo).toHaveLength(MAX_HISTORY);
  });

  it('duplicates under a new id, leaving the original as it was', async () => {
    await repo.create(plan('a'));
    const copy = await repo.duplicate('a', 'c', 'Copy', 5);
    expect(copy.id).toBe('c');
    expect((await repo.load('c'))?.plan.channels).toEqual((await repo.load('a'))?.plan.channels);
    expect((await repo.load('a'))?.plan.name).toBe('Plan a');
  });

  it('deletes softly, restores, and purges only after the retention period', async () => {
    await repo.create(plan('a'));
    await repo.remove('a', 1000);
    expect(await repo.list()).toEqual([]);
    expect(await repo.load('a')).toBeNull();
    await repo.restore('a');
    expect((await repo.list()).map((p) => p.id)).toEqual(['a']);
    await repo.remove('a', 1000);
    expect(await repo.purgeDeleted(1000 + DELETED_RETENTION_MS - 1)).toBe(0);
    expect(await repo.purgeDeleted(1000 + DELETED_RETENTION_MS + 1)).toBe(1);
    expect(await db.plans.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
  });

  it('renames the record and the plan inside it', async () => {
    await repo.create(plan('a'));
    await repo.rename('a', 'Renamed', 7);
    const loaded = await repo.load('a');
    expect(loaded?.plan.name).toBe('Renamed');
    expect((await repo.list())[0].name).toBe('Renamed');
  });

  it('refuses to duplicate a plan that does not exist and changes nothing', async () => {
    await expect(repo.duplicate('nope', 'x', 'X', 1)).rejects.toThrow();
    expect(await db.plans.count()).toBe(0);
  });
});
