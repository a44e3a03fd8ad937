import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { PlannerDb } from '../../../src/persistence/db';
import { DatasetRepo, loadDataset } from '../../../src/persistence/datasets';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { SnapshotRepo } from '../../../src/persistence/snapshots';
import { apiFor, expectDone, fileOf, ignoreProgress, options } from './helpers';

/** The schema as version 2 of the app declared it (versions 1 and 2), opened without version 3. */
function openVersion2(name: string): Dexie {
  const v2 = new Dexie(name);
  v2.version(1).stores({ plans: 'id, updatedAt, deletedAt', history: 'planId', settings: 'key' });
  v2.version(2).stores({ snapshots: 'id, [planId+createdAt]', snapshotPlans: 'id' });
  return v2;
}

describe('database upgrade 2 → 3 (data sets)', () => {
  it('keeps every plan, history, setting and snapshot and adds empty data set stores that work', async () => {
    const name = 'upgrade-v2-v3';
    const v2 = openVersion2(name);
    await v2.open();
    const plans = Array.from({ length: 3 }, (_, i) => ({
      ...generateSyntheticPlan({ channels: 2 + i, periods: 12, seed: i + 1, withOverrides: true }),
      id: `p${i}`,
      name: `计划 ${i}`,
      updatedAt: 100 + i,
    }));
    await v2.table('plans').bulkAdd(plans.map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, rev: 4, plan: p })));
    await v2.table('history').bulkAdd(plans.map((p) => ({ planId: p.id, undo: [], redo: [] })));
    await v2.table('settings').put({ key: 'lastExport', value: 1234 });
    await v2.table('snapshots').add({ id: 's1', planId: 'p0', kind: 'manual', name: '月初', createdAt: 5, channels: 2, scenarios: 0 });
    await v2.table('snapshotPlans').add({ id: 's1', plan: plans[0] });
    const tables = ['plans', 'history', 'settings', 'snapshots', 'snapshotPlans'];
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v2.table(t).toArray()] as const)));
    v2.close();

    const db = new PlannerDb(name);
    await db.open();
    try {
      expect(db.verno).toBe(3);
      for (const t of tables) expect(await db.table(t).toArray()).toEqual(before[t]);
      expect(await db.datasets.count()).toBe(0);
      expect(await db.datasetChunks.count()).toBe(0);

      // The old stores and indexes still work, and so do the new ones.
      expect((await new PlanRepo(db).list()).map((p) => p.id)).toEqual(['p2', 'p1', 'p0']);
      expect((await new SnapshotRepo(db).list('p0')).map((s) => s.name)).toEqual(['月初']);
      const dataset = expectDone(
        await apiFor(db).importFile(fileOf('customer,date,amount\nA,2024-01-02,10\nB,2024-01-03,20\n', 'a.csv'), options({ customer: 0, date: 1, amount: 2 }, { planId: 'p0' }), ignoreProgress, new AbortController().signal),
      );
      expect((await new DatasetRepo(db).list('p0')).map((d) => d.id)).toEqual([dataset.id]);
      expect((await loadDataset(db, dataset.id)).columns.length).toBe(2);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
