import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TransactionColumnBuilder } from '../../../src/engine/import/columns';
import { CsvParser } from '../../../src/engine/import/csv';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { DatasetRepo, encodeDataset, newDatasetId, saveDataset } from '../../../src/persistence/datasets';
import { PlannerDb } from '../../../src/persistence/db';
import { DELETED_RETENTION_MS, PlanRepo } from '../../../src/persistence/planRepo';
import { planSalt, saltKey } from '../../../src/persistence/planSalt';

let db: PlannerDb;
let plans: PlanRepo;
let n = 0;

beforeEach(async () => {
  db = new PlannerDb(`purge-${++n}`);
  await db.open();
  plans = new PlanRepo(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const plan = (id: string) => ({ ...generateSyntheticPlan({ channels: 2, periods: 12, seed: 3 }), id, name: id, updatedAt: 1 });

async function addDataset(planId: string): Promise<string> {
  const builder = new TransactionColumnBuilder({ customer: 0, date: 1, amount: 2 });
  const parser = new CsvParser(builder);
  parser.push('c,d,a\nA,2024-01-02,10\nB,2024-01-03,20\n');
  parser.finish();
  const imp = builder.finish();
  const id = newDatasetId();
  const { meta, chunks } = encodeDataset(
    { id, planId, name: id, fileName: 'x.csv', bytes: 40, createdAt: 1, report: imp.report, source: { kind: 'csv', container: null, encoding: 'utf-8', delimiter: ',', sheet: null } },
    imp.columns,
  );
  await saveDataset(db, meta, chunks);
  return id;
}

const chunksOf = (id: string) => db.datasetChunks.where('datasetId').equals(id).count();

describe('purging a deleted plan', () => {
  it('deletes its data sets and their chunks, and leaves other plans’ data sets alone', async () => {
    await plans.create(plan('gone'));
    await plans.create(plan('kept'));
    const goneA = await addDataset('gone');
    const goneB = await addDataset('gone');
    const kept = await addDataset('kept');
    expect(await chunksOf(goneA)).toBeGreaterThan(0);
    await plans.remove('gone', 1000);

    // Within the retention period the deleted plan can come back, data and all.
    expect(await plans.purgeDeleted(1000 + DELETED_RETENTION_MS - 1)).toBe(0);
    expect((await new DatasetRepo(db).list('gone')).length).toBe(2);

    expect(await plans.purgeDeleted(1000 + DELETED_RETENTION_MS + 1)).toBe(1);
    expect(await db.datasets.where('planId').equals('gone').count()).toBe(0);
    expect(await chunksOf(goneA)).toBe(0);
    expect(await chunksOf(goneB)).toBe(0);
    expect((await new DatasetRepo(db).list('kept')).map((d) => d.id)).toEqual([kept]);
    expect(await chunksOf(kept)).toBeGreaterThan(0);
  });

  it('forgets the salt of its customer tokens, and keeps the other plans’ salts', async () => {
    await plans.create(plan('gone'));
    await plans.create(plan('kept'));
    await planSalt(db, 'gone');
    const keptSalt = await planSalt(db, 'kept');
    await plans.remove('gone', 1000);
    expect(await db.settings.get(saltKey('gone'))).toBeDefined();
    expect(await plans.purgeDeleted(1000 + DELETED_RETENTION_MS + 1)).toBe(1);
    expect(await db.settings.get(saltKey('gone'))).toBeUndefined();
    expect(await planSalt(db, 'kept')).toEqual(keptSalt);
  });

  it('is one transaction: when the data sets cannot be deleted, the plan stays too', async () => {
    await plans.create(plan('gone'));
    const id = await addDataset('gone');
    await plans.remove('gone', 1000);
    // A failure on the last step of the purge: deleting the data sets' metadata.
    const failing = vi.spyOn(db.datasets, 'bulkDelete').mockImplementation(() => {
      throw new Error('disk went away');
    });
    await expect(plans.purgeDeleted(1000 + DELETED_RETENTION_MS + 1)).rejects.toThrow('disk went away');
    failing.mockRestore();
    expect(await db.plans.get('gone')).toBeDefined();
    expect(await db.history.get('gone')).toBeDefined();
    expect(await db.datasets.get(id)).toBeDefined();
    expect(await chunksOf(id)).toBeGreaterThan(0);
  });
});
