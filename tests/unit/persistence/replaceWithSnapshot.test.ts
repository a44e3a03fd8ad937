import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlannerDb, type EditRecord } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { MAX_AUTOMATIC_SNAPSHOTS, SnapshotRepo } from '../../../src/persistence/snapshots';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';

let db: PlannerDb;
let plans: PlanRepo;
let snapshots: SnapshotRepo;
let n = 0;

beforeEach(async () => {
  db = new PlannerDb(`replace-${++n}`);
  await db.open();
  plans = new PlanRepo(db);
  snapshots = new SnapshotRepo(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function plan(id: string, name: string, seed = 3): Plan {
  return { ...generateSyntheticPlan({ channels: 3, periods: 12, seed }), id, name, updatedAt: 10 };
}

const edit: EditRecord = { label: 'x', ops: [{ path: ['name'], value: 'Edited' }], inverse: [{ path: ['name'], value: 'Mine' }] };

describe('replacing a plan with a snapshot of the old one', () => {
  it('case 23: snapshots the stored plan, swaps in the new one and starts a fresh history', async () => {
    const mine = plan('p', 'Mine', 1);
    await plans.create(mine);
    await plans.save(mine, [edit], [edit]);
    const incoming = plan('p', 'From the file', 2);
    const revBefore = (await db.plans.get('p'))?.rev ?? 0;

    await plans.replaceWithSnapshot(incoming, 'beforeReplace', 'Before replace');

    const loaded = await plans.load('p');
    expect(loaded?.plan.name).toBe('From the file');
    expect(loaded?.plan.channels).toEqual(incoming.channels);
    expect(loaded?.plan.id).toBe('p');
    expect(loaded?.history).toMatchObject({ planId: 'p', undo: [], redo: [] });
    // A new revision, so other tabs with the plan open take the new plan in.
    expect((await db.plans.get('p'))!.rev!).toBeGreaterThan(revBefore);
    // Stamped with the time of the swap: it sorts as the latest change.
    expect(loaded!.plan.updatedAt).toBeGreaterThan(incoming.updatedAt);
    expect((await plans.list())[0]).toMatchObject({ id: 'p', name: 'From the file', updatedAt: loaded!.plan.updatedAt });

    const list = await snapshots.list('p');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'beforeReplace', name: 'Before replace', planId: 'p' });
    expect((await snapshots.get(list[0].id))?.plan).toEqual(mine);
  });

  it('writes a plan that was not stored yet, without a snapshot of nothing', async () => {
    await plans.replaceWithSnapshot(plan('new', 'New'), 'beforeImport');
    expect((await plans.load('new'))?.plan.name).toBe('New');
    expect(await snapshots.list('new')).toEqual([]);
  });

  it('case 23: a replacement that cannot be written leaves the original, its history and no snapshot', async () => {
    const mine = plan('p', 'Mine', 1);
    await plans.create(mine);
    await plans.save(mine, [edit], []);
    // A function cannot be cloned into IndexedDB: the put fails inside the transaction, after the
    // snapshot was written in it.
    const broken = { ...plan('p', 'Broken', 2), notes: (() => 'x') as unknown as string };
    const revBefore = (await db.plans.get('p'))?.rev ?? 0;

    await expect(plans.replaceWithSnapshot(broken, 'beforeReplace')).rejects.toThrow();

    const loaded = await plans.load('p');
    expect(loaded?.plan).toEqual(mine);
    expect(loaded?.history.undo).toEqual([edit]);
    expect(loaded?.rev).toBe(revBefore);
    expect(await snapshots.list('p')).toEqual([]);
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.snapshotPlans.count()).toBe(0);
  });

  it('case 23: an abort after every write rolls all of them back', async () => {
    const mine = plan('p', 'Mine', 1);
    await plans.create(mine);
    // Abort the transaction from inside, once the history (its last write) has been queued.
    const history = db.history;
    const put = history.put.bind(history);
    history.put = ((...args: Parameters<typeof history.put>) => {
      const r = put(...args);
      return r.then(() => {
        throw new Error('simulated failure after the last write');
      });
    }) as typeof history.put;
    try {
      await expect(plans.replaceWithSnapshot(plan('p', 'Other', 2), 'beforeImport')).rejects.toThrow('simulated failure');
    } finally {
      history.put = put;
    }
    expect((await plans.load('p'))?.plan).toEqual(mine);
    expect(await db.snapshots.count()).toBe(0);
  });

  it('applies snapshot retention inside the same transaction', async () => {
    await plans.create(plan('p', 'v0'));
    for (let i = 1; i <= MAX_AUTOMATIC_SNAPSHOTS + 2; i++) await plans.replaceWithSnapshot(plan('p', `v${i}`), 'beforeImport');
    const list = await snapshots.list('p');
    expect(list).toHaveLength(MAX_AUTOMATIC_SNAPSHOTS);
    // The newest snapshot holds the plan as it was just before the last replace.
    expect((await snapshots.get(list[0].id))?.plan.name).toBe(`v${MAX_AUTOMATIC_SNAPSHOTS + 1}`);
    expect(await db.snapshotPlans.count()).toBe(MAX_AUTOMATIC_SNAPSHOTS);
  });
});
