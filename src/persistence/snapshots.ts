import Dexie, { liveQuery } from 'dexie';
import type { Plan } from '../engine/types';
import type { PlannerDb, SnapshotKind, SnapshotMetaRecord } from './db';
import { PLAN_SCHEMA, upgradeStoredPlan } from './storedRecords';

export type { SnapshotKind } from './db';

/**
 * A whole copy of a plan, taken by hand, before an import, merge, restore or replace, or when the plan
 * is exported or imported from a file (the common ancestor of a later three-way merge;
 * docs/file-formats.md#stored-data-in-the-browser).
 */
export interface SnapshotRecord {
  id: string;
  planId: string;
  kind: SnapshotKind;
  /** The user's name; '' for automatic snapshots, which the UI names by kind and time. */
  name: string;
  createdAt: number;
  plan: Plan;
}

export type SnapshotSummary = Omit<SnapshotRecord, 'plan'> & { channels: number; scenarios: number };

export const SNAPSHOT_KINDS: readonly SnapshotKind[] = ['manual', 'beforeImport', 'beforeMerge', 'beforeRestore', 'beforeReplace', 'exported', 'imported'];

/**
 * Retention: a plan keeps its newest automatic snapshots up to this many; taking one more drops the
 * oldest automatic ones. Snapshots the user took by hand are never dropped.
 */
export const MAX_AUTOMATIC_SNAPSHOTS = 50;

/** Snapshots of plans, wherever they are kept: IndexedDB, or memory when the browser has none. */
export interface SnapshotStore {
  create(plan: Plan, kind: SnapshotKind, name?: string): Promise<SnapshotRecord>;
  /** Newest first. */
  list(planId: string): Promise<SnapshotSummary[]>;
  get(id: string): Promise<SnapshotRecord | undefined>;
  rename(id: string, name: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Puts back a snapshot exactly as it was (the undo of `delete`). */
  putBack(record: SnapshotRecord): Promise<void>;
  /**
   * Calls `onList` with the plan's snapshots now and after every change to them, from this tab or
   * (IndexedDB) another one. Returns the function that stops watching.
   */
  watch(planId: string, onList: (list: SnapshotSummary[]) => void, onError: (e: unknown) => void): () => void;
}

let lastStamp = 0;

/**
 * Milliseconds since the epoch, but never the same twice in this tab: snapshots taken in one
 * click (the automatic one before a restore, say) still list in the order they were taken.
 */
export function snapshotClock(): number {
  const now = Date.now();
  lastStamp = now > lastStamp ? now : lastStamp + 1;
  return lastStamp;
}

function snapshotId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 's' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function newSnapshot(plan: Plan, kind: SnapshotKind, name: string, createdAt: number): SnapshotRecord {
  return { id: snapshotId(), planId: plan.id, kind, name: name.trim(), createdAt, plan };
}

export function summariseSnapshot(r: SnapshotRecord): SnapshotSummary {
  return {
    id: r.id,
    planId: r.planId,
    kind: r.kind,
    name: r.name,
    createdAt: r.createdAt,
    channels: r.plan.channels.length,
    scenarios: r.plan.scenarios.length,
  };
}

/** Newest first; equal times (other tabs) fall back to the id so the order is stable. */
function newestFirst(a: SnapshotSummary, b: SnapshotSummary): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Ids of automatic snapshots beyond the retention limit, given all snapshots of one plan. */
export function overRetention(all: readonly SnapshotSummary[]): string[] {
  return all
    .filter((s) => s.kind !== 'manual')
    .sort(newestFirst)
    .slice(MAX_AUTOMATIC_SNAPSHOTS)
    .map((s) => s.id);
}

function metaRange(db: PlannerDb, planId: string) {
  return db.snapshots.where('[planId+createdAt]').between([planId, Dexie.minKey], [planId, Dexie.maxKey], true, true);
}

/**
 * Writes one snapshot and applies retention to its plan. It awaits only IndexedDB, so it can run
 * inside a caller's 'rw' transaction over `snapshots` and `snapshotPlans` and commit or roll back
 * with the rest of it (RELIABILITY 10, 23).
 */
export async function writeSnapshot(db: PlannerDb, record: SnapshotRecord): Promise<void> {
  await db.snapshots.add(summariseSnapshot(record));
  await db.snapshotPlans.add({ id: record.id, schema: PLAN_SCHEMA, plan: record.plan });
  if (record.kind === 'manual') return;
  const drop = overRetention(await metaRange(db, record.planId).toArray());
  await db.snapshots.bulkDelete(drop);
  await db.snapshotPlans.bulkDelete(drop);
}

/** Snapshots in IndexedDB. Each method is one transaction. */
export class SnapshotRepo implements SnapshotStore {
  readonly #db: PlannerDb;
  readonly #clock: () => number;

  constructor(db: PlannerDb, clock: () => number = snapshotClock) {
    this.#db = db;
    this.#clock = clock;
  }

  async create(plan: Plan, kind: SnapshotKind, name = ''): Promise<SnapshotRecord> {
    const db = this.#db;
    const record = newSnapshot(plan, kind, name, this.#clock());
    await db.transaction('rw', db.snapshots, db.snapshotPlans, () => writeSnapshot(db, record));
    return record;
  }

  async list(planId: string): Promise<SnapshotSummary[]> {
    const metas: SnapshotMetaRecord[] = await metaRange(this.#db, planId).toArray();
    return metas.sort(newestFirst);
  }

  async get(id: string): Promise<SnapshotRecord | undefined> {
    const db = this.#db;
    return db.transaction('r', db.snapshots, db.snapshotPlans, async () => {
      const meta = await db.snapshots.get(id);
      const body = await db.snapshotPlans.get(id);
      const plan = body && upgradeStoredPlan(body.plan, body.schema);
      if (!meta || !plan) return undefined;
      return { id, planId: meta.planId, kind: meta.kind, name: meta.name, createdAt: meta.createdAt, plan };
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const updated = await this.#db.snapshots.update(id, { name: name.trim() });
    if (updated === 0) throw new Error(`No snapshot ${id}`);
  }

  async delete(id: string): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.snapshots, db.snapshotPlans, async () => {
      await db.snapshots.delete(id);
      await db.snapshotPlans.delete(id);
    });
  }

  async putBack(record: SnapshotRecord): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.snapshots, db.snapshotPlans, async () => {
      await db.snapshots.put(summariseSnapshot(record));
      await db.snapshotPlans.put({ id: record.id, schema: PLAN_SCHEMA, plan: record.plan });
    });
  }

  watch(planId: string, onList: (list: SnapshotSummary[]) => void, onError: (e: unknown) => void): () => void {
    // Dexie re-runs the query when a transaction in any tab touches the range it read.
    const sub = liveQuery(() => this.list(planId)).subscribe({ next: onList, error: onError });
    return () => sub.unsubscribe();
  }

  /**
   * Drops snapshots whose plan is gone for good (purged after its deletion expired). Deleted plans
   * that can still be brought back keep theirs. Returns how many were dropped.
   */
  async removeOrphans(): Promise<number> {
    const db = this.#db;
    return db.transaction('rw', db.plans, db.snapshots, db.snapshotPlans, async () => {
      const planIds = new Set(await db.plans.toCollection().primaryKeys());
      const orphans: string[] = [];
      await db.snapshots.each((s) => {
        if (!planIds.has(s.planId)) orphans.push(s.id);
      });
      await db.snapshots.bulkDelete(orphans);
      await db.snapshotPlans.bulkDelete(orphans);
      return orphans.length;
    });
  }
}

/**
 * Snapshots for the visit when IndexedDB is unavailable (private window, storage disabled): the same
 * behaviour, retention included, gone when the tab closes, like the in-memory plans themselves.
 */
export class MemorySnapshotStore implements SnapshotStore {
  readonly #records = new Map<string, SnapshotRecord>();
  readonly #watchers = new Set<{ planId: string; onList: (list: SnapshotSummary[]) => void }>();
  readonly #clock: () => number;

  constructor(clock: () => number = snapshotClock) {
    this.#clock = clock;
  }

  #changed(planId: string): void {
    for (const w of this.#watchers) if (w.planId === planId) w.onList(this.#summaries(planId));
  }

  #summaries(planId: string): SnapshotSummary[] {
    return [...this.#records.values()].filter((r) => r.planId === planId).map(summariseSnapshot).sort(newestFirst);
  }

  async create(plan: Plan, kind: SnapshotKind, name = ''): Promise<SnapshotRecord> {
    // A copy, as IndexedDB would store: later changes to the caller's objects cannot reach it.
    const record = newSnapshot(structuredClone(plan), kind, name, this.#clock());
    this.#records.set(record.id, record);
    if (kind !== 'manual') for (const id of overRetention(this.#summaries(plan.id))) this.#records.delete(id);
    this.#changed(plan.id);
    return record;
  }

  async list(planId: string): Promise<SnapshotSummary[]> {
    return this.#summaries(planId);
  }

  async get(id: string): Promise<SnapshotRecord | undefined> {
    return this.#records.get(id);
  }

  async rename(id: string, name: string): Promise<void> {
    const r = this.#records.get(id);
    if (!r) throw new Error(`No snapshot ${id}`);
    this.#records.set(id, { ...r, name: name.trim() });
    this.#changed(r.planId);
  }

  async delete(id: string): Promise<void> {
    const r = this.#records.get(id);
    if (!r) return;
    this.#records.delete(id);
    this.#changed(r.planId);
  }

  async putBack(record: SnapshotRecord): Promise<void> {
    this.#records.set(record.id, record);
    this.#changed(record.planId);
  }

  watch(planId: string, onList: (list: SnapshotSummary[]) => void): () => void {
    const w = { planId, onList };
    this.#watchers.add(w);
    onList(this.#summaries(planId));
    return () => this.#watchers.delete(w);
  }
}

const repos = new WeakMap<PlannerDb, SnapshotRepo>();
let memory: MemorySnapshotStore | null = null;

/**
 * The snapshot store to use with the app's database, or the in-memory one when there is none
 * (`app.repo?.db ?? null`). The same store comes back for the same database, and the in-memory one
 * is shared for the whole visit, so every view sees the same snapshots.
 */
export function snapshotRepoFor(db: PlannerDb | null): SnapshotStore {
  if (!db) return (memory ??= new MemorySnapshotStore());
  let repo = repos.get(db);
  if (!repo) {
    repo = new SnapshotRepo(db);
    repos.set(db, repo);
  }
  return repo;
}
