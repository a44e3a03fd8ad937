import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';

/**
 * Case 8: an upgrade meets a malformed old record. No version after 1 of the schema
 * (src/persistence/db.ts) has an upgrade function: each only adds stores and reads no record, so no
 * record, however malformed, can stop an upgrade (the first test keeps that claim true). What remains
 * to check is that such a record survives the upgrade untouched, so its raw data can still be read
 * out, and that the app's storage code copes with it.
 */

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const good = { ...generateSyntheticPlan({ channels: 3, periods: 12, seed: 8 }), id: 'good', name: 'Good plan', updatedAt: 200 };

/** Records an older version, a bug or a hand-edited database could have left behind. */
const MALFORMED = [
  { id: 'no-plan', name: 'Record without its plan', updatedAt: 300 },
  { id: 'plan-not-object', name: 'Plan is a string', updatedAt: 301, plan: 'corrupt' },
  { id: 'no-timeline', name: 'Plan without channels or timeline', updatedAt: 302, plan: { id: 'no-timeline', name: 'x' } },
  { id: 'odd-types', name: 42, updatedAt: 303, rev: 'seven', plan: { channels: {}, timeline: null } },
];

async function version1With(name: string, records: object[]): Promise<unknown[]> {
  names.push(name);
  const v1 = new Dexie(name);
  v1.version(1).stores({ plans: 'id, updatedAt, deletedAt', history: 'planId', settings: 'key' });
  await v1.open();
  await v1.table('plans').bulkAdd([{ id: good.id, name: good.name, updatedAt: good.updatedAt, plan: good }, ...records]);
  const before = await v1.table('plans').toArray();
  v1.close();
  return before;
}

/** Dexie's record of each declared version; `contentUpgrade` is the function given to `.upgrade()`. */
type DeclaredVersions = { _versions: { _cfg: { version: number; contentUpgrade: unknown } }[] };

describe('case 8: an upgrade meets a malformed old record', () => {
  it('case 8: no schema version reads old records while upgrading (only stores are added)', () => {
    const versions = (new PlannerDb('declared-only') as unknown as DeclaredVersions)._versions;
    expect(versions.length).toBeGreaterThan(1);
    // When a version adds an upgrade function, this case needs a test that feeds it malformed records.
    expect(versions.filter((v) => v._cfg.contentUpgrade).map((v) => v._cfg.version)).toEqual([]);
  });

  it('case 8: the upgrade from version 1 completes and leaves every malformed record exactly as it was', async () => {
    const before = await version1With('malformed-upgrade', MALFORMED);
    const db = new PlannerDb('malformed-upgrade');
    await db.open();
    try {
      expect(db.verno).toBeGreaterThan(1);
      // The raw data stays readable: what an export of the raw records would read.
      expect(await db.plans.toArray()).toEqual(before);
      expect(await db.snapshots.count()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('case 8: the good plan can still be loaded next to malformed records', async () => {
    await version1With('malformed-load', MALFORMED);
    const db = new PlannerDb('malformed-load');
    await db.open();
    try {
      const repo = new PlanRepo(db);
      expect((await repo.load('good'))?.plan).toEqual(good);
    } finally {
      db.close();
    }
  });

  for (const record of MALFORMED) {
    // One malformed record must not hide the others: the good plan is listed, the malformed one is
    // listed as damaged (it can be downloaded as it is, never opened).
    it(`case 8: listing plans survives a malformed record (${record.id}) and still lists the good plan`, async () => {
      await version1With(`malformed-list-${record.id}`, [record]);
      const db = new PlannerDb(`malformed-list-${record.id}`);
      await db.open();
      try {
        const repo = new PlanRepo(db);
        const list = await repo.list();
        expect(list.map((p) => p.id)).toContain('good');
        expect(list.find((p) => p.id === record.id)?.damaged).toBe(true);
        expect(await repo.load(record.id)).toBeNull();
        expect(await repo.raw(record.id)).toMatchObject({ id: record.id });
      } finally {
        db.close();
      }
    });
  }
});
