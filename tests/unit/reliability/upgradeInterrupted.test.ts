import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { SnapshotRepo } from '../../../src/persistence/snapshots';

/**
 * Case 7: the page is closed while the database is being upgraded. A browser that loses the page in
 * the middle of an upgrade aborts its versionchange transaction, and IndexedDB rolls back everything
 * that transaction did: the new stores, the data written, and the version number itself. What cannot
 * be simulated in Node is the process dying; what is simulated here is exactly what the browser does
 * about it — an abort of the upgrade transaction at different points — followed by a new connection,
 * as the reopened page would make.
 */

/** Dexie's version n is IndexedDB version 10·n. */
const IDB_VERSION_1 = 10;
const V1_STORES = ['history', 'plans', 'settings'];

/** The schema the app declares today: its version and its stores (a fresh database, opened once). */
async function latestSchema(): Promise<{ verno: number; idbVersion: number; stores: string[] }> {
  const db = new PlannerDb('latest-schema');
  await db.open();
  const latest = { verno: db.verno, idbVersion: db.verno * 10, stores: db.tables.map((t) => t.name).sort() };
  db.close();
  await db.delete();
  return latest;
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database as version 1 of the app left it: plans, histories and a setting, no snapshot stores. */
async function version1(name: string): Promise<{ plans: unknown[]; history: unknown[]; settings: unknown[] }> {
  names.push(name);
  const v1 = new Dexie(name);
  v1.version(1).stores({ plans: 'id, updatedAt, deletedAt', history: 'planId', settings: 'key' });
  await v1.open();
  const plans = Array.from({ length: 3 }, (_, i) => ({ ...generateSyntheticPlan({ channels: 2 + i, periods: 12, seed: 20 + i }), id: `p${i}`, name: `计划 ${i}`, updatedAt: 100 + i }));
  await v1.table('plans').bulkAdd(plans.map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, rev: 3, plan: p })));
  await v1.table('history').bulkAdd(plans.map((p) => ({ planId: p.id, undo: [{ label: 'x', ops: [], inverse: [] }], redo: [] })));
  await v1.table('settings').put({ key: 'lastExport', value: { p0: 5 } });
  const before = { plans: await v1.table('plans').toArray(), history: await v1.table('history').toArray(), settings: await v1.table('settings').toArray() };
  v1.close();
  return before;
}

/** What is on disk, read with the raw IndexedDB API: the version, the stores and every record. */
async function rawState(name: string): Promise<{ version: number; stores: string[]; records: Record<string, unknown[]> }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const stores = Array.from(db.objectStoreNames).sort();
    const records: Record<string, unknown[]> = {};
    if (stores.length > 0) {
      const tx = db.transaction(stores, 'readonly');
      await Promise.all(
        stores.map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              const req = tx.objectStore(s).getAll();
              req.onsuccess = () => {
                records[s] = req.result as unknown[];
                resolve();
              };
              req.onerror = () => reject(req.error);
            }),
        ),
      );
    }
    return { version: db.version, stores, records };
  } finally {
    db.close();
  }
}

/**
 * Opens the database at the app's latest version with the raw API and starts what the upgrade from
 * version 1 does (version 2 creates the two snapshot stores) — one store, both, or both and writes —
 * then the page goes away: the upgrade transaction is aborted.
 */
async function upgradeThenClose(name: string, step: 'afterFirstStore' | 'afterBothStores' | 'afterWriting'): Promise<string> {
  const { idbVersion } = await latestSchema();
  return new Promise<string>((resolve) => {
    const req = indexedDB.open(name, idbVersion);
    req.onupgradeneeded = () => {
      const db = req.result;
      const tx = req.transaction!;
      db.createObjectStore('snapshots', { keyPath: 'id' }).createIndex('[planId+createdAt]', ['planId', 'createdAt']);
      if (step !== 'afterFirstStore') db.createObjectStore('snapshotPlans', { keyPath: 'id' });
      if (step === 'afterWriting') {
        tx.objectStore('snapshots').put({ id: 's1', planId: 'p0', kind: 'manual', name: 'half', createdAt: 1, channels: 2, scenarios: 0 });
        // A version-1 record touched by the upgrade before it stopped.
        tx.objectStore('plans').delete('p1');
      }
      tx.abort();
    };
    req.onsuccess = () => {
      req.result.close();
      resolve('opened');
    };
    req.onerror = () => resolve(req.error?.name ?? 'error');
  });
}

describe('case 7: the page is closed in the middle of a schema upgrade', () => {
  it('case 7: the simulation starts from a real version-1 database and the app declares a later version', async () => {
    await version1('upgrade-baseline');
    expect(await rawState('upgrade-baseline')).toMatchObject({ version: IDB_VERSION_1, stores: V1_STORES });
    expect((await latestSchema()).verno).toBeGreaterThan(1);
  });

  for (const step of ['afterFirstStore', 'afterBothStores', 'afterWriting'] as const) {
    it(`case 7: an upgrade from version 1 aborted ${step} leaves version 1 exactly as it was; reopening upgrades it`, async () => {
      const name = `upgrade-closed-${step}`;
      const before = await version1(name);
      const v1State = await rawState(name);
      expect(v1State.version).toBe(IDB_VERSION_1);

      expect(await upgradeThenClose(name, step)).toBe('AbortError');

      // The schema marker (the version) and the data agree: still version 1, byte for byte.
      const after = await rawState(name);
      expect(after).toEqual(v1State);
      expect(after.stores).toEqual(V1_STORES);

      // The page opens again: the app's own upgrade runs from the start and completes.
      const latest = await latestSchema();
      const db = new PlannerDb(name);
      await db.open();
      try {
        expect(db.verno).toBe(latest.verno);
        expect(await db.plans.toArray()).toEqual(before.plans);
        expect(await db.history.toArray()).toEqual(before.history);
        expect(await db.settings.toArray()).toEqual(before.settings);
        // Every store added after version 1 is there and empty.
        for (const store of latest.stores.filter((s) => !V1_STORES.includes(s))) expect(await db.table(store).count(), store).toBe(0);
        expect((await new PlanRepo(db).list()).map((p) => p.id)).toEqual(['p2', 'p1', 'p0']);
      } finally {
        db.close();
      }
      const reopened = await rawState(name);
      expect(reopened.version).toBe(latest.idbVersion);
      expect(reopened.stores).toEqual(latest.stores);
    });
  }

  it('case 7: the app’s own upgrade failing inside Dexie rolls back the same way (version 1 stays)', async () => {
    const name = 'upgrade-closed-dexie';
    await version1(name);
    const v1State = await rawState(name);

    // The real schema chain, with an upgrade step that stops half-way (as a closed page would).
    const interrupted = new PlannerDb(name);
    interrupted.version(interrupted.verno).upgrade(async (tx) => {
      await tx.table('snapshots').add({ id: 's-half', planId: 'p0', kind: 'manual', name: '', createdAt: 1, channels: 2, scenarios: 0 });
      throw new Error('page closed');
    });
    await expect(interrupted.open()).rejects.toThrow('page closed');
    interrupted.close();
    expect(await rawState(name)).toEqual(v1State);

    const db = new PlannerDb(name);
    await db.open();
    try {
      expect(db.verno).toBe((await latestSchema()).verno);
      expect(await db.snapshots.count()).toBe(0);
      expect(await db.plans.count()).toBe(3);
    } finally {
      db.close();
    }
  });

  it('case 7: the upgrade is idempotent: an interrupted one followed by a full one gives what one full upgrade gives', async () => {
    await version1('upgrade-once');
    await version1('upgrade-after-abort');
    await upgradeThenClose('upgrade-after-abort', 'afterWriting');
    for (const name of ['upgrade-once', 'upgrade-after-abort']) {
      const db = new PlannerDb(name);
      await db.open();
      db.close();
      // Opening an up-to-date database again runs no step and changes nothing.
      const again = new PlannerDb(name);
      await again.open();
      again.close();
    }
    const latest = await latestSchema();
    const once = await rawState('upgrade-once');
    expect(once.version).toBe(latest.idbVersion);
    expect(once.stores).toEqual(latest.stores);
    expect(await rawState('upgrade-after-abort')).toEqual(once);
  });

  it('case 7: after the reopen, the upgraded schema works as a whole: a snapshot can be written and read', async () => {
    const name = 'upgrade-closed-then-used';
    const before = await version1(name);
    await upgradeThenClose(name, 'afterBothStores');
    const db = new PlannerDb(name);
    await db.open();
    try {
      const plan = (before.plans[0] as { plan: Parameters<SnapshotRepo['create']>[0] }).plan;
      const snapshots = new SnapshotRepo(db);
      const s = await snapshots.create(plan, 'manual', 'After reopening');
      expect((await snapshots.get(s.id))?.plan).toEqual(plan);
    } finally {
      db.close();
    }
  });
});
