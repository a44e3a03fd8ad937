import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../../src/engine/planFile';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { classifySaveError, PlanSession } from '../../../src/state/planSession.svelte';
import { planFileText } from '../../../src/ui/files/planFiles';
import { engineApi } from '../../../src/workers/engineApi';
import type { EngineClient } from '../../../src/workers/engineClient';

/** The real engine, called in-process instead of through its worker. */
const engine = { compute: async (plan: Plan, id: string | null) => engineApi.compute(plan, id) } as unknown as EngineClient;

const SPEND = ['channels', 0, 'drivers', 'spend', 'base'];

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('case 1: classifying a failed save', () => {
  it('case 1: a QuotaExceededError wrapped in a Dexie AbortError’s inner is "storage full"', () => {
    expect(classifySaveError(new Dexie.AbortError('Transaction aborted', quota()))).toBe('quota');
    // Dexie's own mapped error, and the bare DOMException, too.
    expect(classifySaveError(new Dexie.QuotaExceededError('full'))).toBe('quota');
    expect(classifySaveError(quota())).toBe('quota');
    // Nested one level deeper (a transaction aborting because a sub-operation aborted).
    expect(classifySaveError(new Dexie.AbortError('outer', new Dexie.AbortError('inner', quota())))).toBe('quota');
  });

  it('case 1: an abort for another reason is not reported as storage full', () => {
    expect(classifySaveError(new Dexie.AbortError('Transaction aborted'))).toBe('other');
    expect(classifySaveError(new Dexie.AbortError('Transaction aborted', new DOMException('x', 'ConstraintError')))).toBe('other');
    expect(classifySaveError(new Error('boom'))).toBe('other');
    expect(classifySaveError(undefined)).toBe('other');
  });
});

/**
 * fake-indexeddb's transaction finishes in `_markFinished`; turning that moment into an abort with
 * QuotaExceededError is what a browser does when the commit does not fit: everything the transaction
 * wrote is rolled back, and Dexie rejects with an AbortError whose `inner` is the quota error.
 */
interface FakeTransaction {
  mode: string;
  error: DOMException | null;
  _markFinished(): void;
  _abort(name: string | null): void;
}

let full = false;
let restore: (() => void) | null = null;

function fillStorageOnCommit(): void {
  const proto = (globalThis as unknown as { IDBTransaction: { prototype: FakeTransaction } }).IDBTransaction.prototype;
  if (typeof proto._markFinished !== 'function' || typeof proto._abort !== 'function') {
    throw new Error('fake-indexeddb changed: cannot simulate a commit that exceeds the quota');
  }
  const markFinished = proto._markFinished;
  let aborting = false;
  proto._markFinished = function (this: FakeTransaction) {
    if (full && !aborting && this.mode === 'readwrite' && !this.error) {
      aborting = true;
      try {
        this._abort('QuotaExceededError');
      } finally {
        aborting = false;
      }
      return;
    }
    markFinished.call(this);
  };
  restore = () => {
    proto._markFinished = markFinished;
  };
}

describe('case 1: storage full while saving an edit', () => {
  let db: PlannerDb;
  let repo: PlanRepo;
  let n = 0;

  beforeEach(async () => {
    full = false;
    fillStorageOnCommit();
    db = new PlannerDb(`quota-${++n}`);
    await db.open();
    repo = new PlanRepo(db);
  });
  afterEach(async () => {
    full = false;
    restore?.();
    restore = null;
    db.close();
    await db.delete();
  });

  async function session(): Promise<PlanSession> {
    await repo.create(createPlanFromTemplate('beauty', { id: 'p', now: 1, locale: 'en' }));
    const loaded = await repo.load('p');
    if (!loaded) throw new Error('not stored');
    return new PlanSession(loaded.plan, [], [], repo, engine, null, loaded.rev);
  }

  it('case 1: the simulated full disk really aborts a commit with an AbortError whose inner is the quota error', async () => {
    await repo.create(createPlanFromTemplate('grocery', { id: 'g', now: 1, locale: 'en' }));
    full = true;
    const failure = await repo.rename('g', 'Never stored', 2).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ name: 'AbortError', inner: { name: 'QuotaExceededError' } });
    full = false;
    expect((await repo.load('g'))?.plan.name).not.toBe('Never stored');
  });

  it('case 1: the save fails as "storage full", the edit stays in memory and exports; nothing half-written; never "saved"', async () => {
    const s = await session();
    const before = await repo.load('p');
    full = true;
    s.edit('Spend', [{ path: SPEND, value: 2_345_678 }]);
    await s.flush();

    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toBe('quota');
    expect(s.dirty).toBe(true);
    // The edit is still there in memory, with its undo step.
    expect(s.plan.channels[0].drivers.spend.base).toBe(2_345_678);
    expect(s.undoStack.map((e) => e.label)).toEqual(['Spend']);

    // Storage holds what it held before: neither the plan nor its history was written.
    full = false;
    expect(await repo.load('p')).toEqual(before);

    // Export works from memory: the file holds the edit and reads back.
    const file = parsePlanFile(planFileText(s.plan));
    if (!file.ok) throw new Error(JSON.stringify(file.problems));
    expect(file.plan.channels[0].drivers.spend.base).toBe(2_345_678);

    // A later edit while storage is still full fails the same way; "saved" is never shown for it.
    full = true;
    s.edit('Spend', [{ path: SPEND, value: 3_000_000 }]);
    await s.flush();
    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toBe('quota');

    // Once there is room again, the next save writes everything the tab holds.
    full = false;
    s.edit('Name', [{ path: ['name'], value: 'After cleaning up' }]);
    await s.flush();
    expect(s.saveStatus).toBe('saved');
    expect(s.saveError).toBeNull();
    const stored = await repo.load('p');
    expect(stored?.plan.channels[0].drivers.spend.base).toBe(3_000_000);
    expect(stored?.plan.name).toBe('After cleaning up');
    expect(stored?.history.undo.map((e) => e.label)).toEqual(['Spend', 'Spend', 'Name']);
  });

  it('case 1: a put that throws QuotaExceededError at once (no AbortError around it) is also "storage full"', async () => {
    const s = await session();
    const store = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
    const put = store.put;
    store.put = function () {
      throw quota();
    };
    try {
      s.edit('Spend', [{ path: SPEND, value: 1_234 }]);
      await s.flush();
    } finally {
      store.put = put;
    }
    expect(s.saveStatus).toBe('error');
    expect(s.saveError).toBe('quota');
    expect(s.plan.channels[0].drivers.spend.base).toBe(1_234);
    expect((await repo.load('p'))?.plan.channels[0].drivers.spend.base).not.toBe(1_234);
  });
});
