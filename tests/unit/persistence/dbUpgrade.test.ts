import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { SnapshotRepo } from '../../../src/persistence/snapshots';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';

/** The schema as version 1 of the app declared it, opened without any later version. */
function openVersion1(name: string): Dexie {
  const v1 = new Dexie(name);
  v1.version(1).stores({ plans: 'id, updatedAt, deletedAt', history: 'planId', settings: 'key' });
  return v1;
}

describe('database upgrade', () => {
  it('version 1 → 2 keeps every plan, history and setting and adds empty snapshot stores', async () => {
    const name = 'upgrade-v1';
    const v1 = openVersion1(name);
    await v1.open();
    const plans = Array.from({ length: 5 }, (_, i) => ({
      ...generateSyntheticPlan({ channels: 2 + i, periods: 12, seed: i + 1, withOverrides: true }),
      id: `p${i}`,
      name: `计划 ${i}`,
      updatedAt: 100 + i,
    }));
    await v1.table('plans').bulkAdd(plans.map((p, i) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, ...(i === 4 ? { deletedAt: 50 } : {}), plan: p })));
    // The last edit of each plan set channel 0's spend to what it holds now (from 2).
    const editOf = (p: (typeof plans)[number]) => ({
      label: 'Spend',
      ops: [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: p.channels[0].drivers.spend.base }],
      inverse: [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 2 }],
    });
    await v1.table('history').bulkAdd(plans.map((p) => ({ planId: p.id, undo: [editOf(p)], redo: [] })));
    await v1.table('settings').put({ key: 'lastExport', value: 1234 });
    const before = {
      plans: await v1.table('plans').toArray(),
      history: await v1.table('history').toArray(),
      settings: await v1.table('settings').toArray(),
    };
    v1.close();

    const db = new PlannerDb(name);
    await db.open();
    try {
      expect(db.verno).toBe(3);
      expect(await db.plans.toArray()).toEqual(before.plans);
      expect(await db.history.toArray()).toEqual(before.history);
      expect(await db.settings.toArray()).toEqual(before.settings);
      expect(await db.snapshots.count()).toBe(0);
      expect(await db.snapshotPlans.count()).toBe(0);

      // The upgraded database works: the old indexes and the new stores.
      const repo = new PlanRepo(db);
      expect((await repo.list()).map((p) => p.id)).toEqual(['p3', 'p2', 'p1', 'p0']);
      // The history of that version addressed channels by position; it now names them by key.
      const keyed = (p: (typeof plans)[number]) => ['channels', { id: p.channels[0].id }, 'drivers', 'spend', 'base'];
      expect((await repo.load('p2'))?.history.undo).toEqual([
        { label: 'Spend', ops: [{ path: keyed(plans[2]), value: plans[2].channels[0].drivers.spend.base }], inverse: [{ path: keyed(plans[2]), value: 2 }] },
      ]);
      const snapshots = new SnapshotRepo(db);
      await snapshots.create(before.plans[0].plan, 'manual', 'After upgrade');
      expect((await snapshots.list('p0')).map((s) => s.name)).toEqual(['After upgrade']);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('opening an already upgraded database again changes nothing', async () => {
    const name = 'upgrade-twice';
    const first = new PlannerDb(name);
    await first.open();
    await new PlanRepo(first).create({ ...generateSyntheticPlan({ channels: 2, periods: 12, seed: 9 }), id: 'a' });
    await new SnapshotRepo(first).create({ ...generateSyntheticPlan({ channels: 2, periods: 12, seed: 9 }), id: 'a' }, 'manual', 'S');
    first.close();

    const again = new PlannerDb(name);
    await again.open();
    try {
      expect(await again.plans.count()).toBe(1);
      expect(await again.snapshots.count()).toBe(1);
      expect(await again.snapshotPlans.count()).toBe(1);
    } finally {
      again.close();
      await again.delete();
    }
  });
});
