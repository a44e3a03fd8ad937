import { MAX_HISTORY } from '../engine/editHistory';
import { applyOps } from '../engine/patch';
import type { Plan } from '../engine/types';
import { deleteDatasetsOfPlans } from './datasets';
import { saltKey } from './planSalt';
import type { EditRecord, HistoryRecord, PlanOrigin, PlanRecord, PlannerDb } from './db';
import type { PlanStore, SaveResult, SyncBase } from './planStore';
import { newSnapshot, snapshotClock, writeSnapshot, type SnapshotKind } from './snapshots';
import { HISTORY_SCHEMA, PLAN_SCHEMA, upgradeStoredHistory, upgradeStoredPlan } from './storedRecords';

export { MAX_HISTORY } from '../engine/editHistory';
export { isUsablePlan } from './storedRecords';

/** A plan as stored today: with the format version it is written in, and what the record keeps beside it. */
function planRecord(plan: Plan, rev: number, keep: { deletedAt?: number; origin?: PlanOrigin } = {}): PlanRecord {
  const rec: PlanRecord = { id: plan.id, name: plan.name, updatedAt: plan.updatedAt, rev, schema: PLAN_SCHEMA, plan };
  if (keep.deletedAt !== undefined) rec.deletedAt = keep.deletedAt;
  if (keep.origin !== undefined) rec.origin = keep.origin;
  return rec;
}

function historyRecord(planId: string, undo: readonly EditRecord[], redo: readonly EditRecord[]): HistoryRecord {
  return { planId, undo: undo.slice(-MAX_HISTORY), redo: redo.slice(-MAX_HISTORY), schema: HISTORY_SCHEMA, planSchema: PLAN_SCHEMA };
}
export type { SaveResult } from './planStore';

/** Deleted plans are kept this long so that the delete can be undone, then purged. */
export const DELETED_RETENTION_MS = 30 * 24 * 3600_000;

export interface PlanSummary {
  id: string;
  name: string;
  updatedAt: number;
  channels: number;
  periods: number;
  start: string;
  /** What else tells plans of the same name apart in the list. */
  createdAt: number;
  scenarios: number;
  channelNames: string[];
  origin?: PlanOrigin;
  /** The stored record lacks what the app needs to open it (left by a bug or an old version). */
  damaged?: boolean;
}

/** The list entry of a usable plan (also for plans kept in memory when storage is unavailable). */
export function summarisePlan(plan: Plan, origin?: PlanOrigin): PlanSummary {
  return {
    id: plan.id,
    name: plan.name,
    updatedAt: plan.updatedAt,
    channels: plan.channels.length,
    periods: plan.timeline.periods,
    start: plan.timeline.start,
    createdAt: typeof plan.createdAt === 'number' && Number.isFinite(plan.createdAt) ? plan.createdAt : 0,
    scenarios: plan.scenarios.length,
    channelNames: plan.channels.map((c) => c.name),
    ...(origin ? { origin } : {}),
  };
}

function summarise(r: PlanRecord): PlanSummary {
  const plan = upgradeStoredPlan(r.plan, r.schema);
  const listed = {
    id: String(r.id),
    name: typeof r.name === 'string' && r.name.trim() !== '' ? r.name : String(r.id),
    updatedAt: typeof r.updatedAt === 'number' && Number.isFinite(r.updatedAt) ? r.updatedAt : 0,
  };
  if (plan) return { ...summarisePlan(plan, r.origin), ...listed };
  return { ...listed, channels: 0, periods: 0, start: '', createdAt: 0, scenarios: 0, channelNames: [], damaged: true };
}

/** Plans and their histories in IndexedDB. Each method is one transaction: all of it or none. */
export class PlanRepo implements PlanStore {
  readonly durable = true;

  constructor(readonly db: PlannerDb) {}

  async reopen(): Promise<void> {
    await this.db.open();
  }

  async list(): Promise<PlanSummary[]> {
    // Every record, not the updatedAt index: a record without that field would be missing from it.
    const all = await this.db.plans.toArray();
    return all
      .filter((r) => r.deletedAt === undefined || r.deletedAt === null)
      .map(summarise)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * The plan and its undo history as today's code reads them: written by any release, upgraded on
   * the way (storedRecords.ts). `historyDropped` says that a history could not be carried over.
   */
  async load(id: string): Promise<{ plan: Plan; history: HistoryRecord; rev: number; historyDropped: boolean } | null> {
    const read = await this.db.transaction('r', this.db.plans, this.db.history, async () => {
      const rec = await this.db.plans.get(id);
      if (!rec || (rec.deletedAt !== undefined && rec.deletedAt !== null)) return null;
      return { rec, history: await this.db.history.get(id) };
    });
    if (!read) return null;
    const plan = upgradeStoredPlan(read.rec.plan, read.rec.schema);
    if (!plan) return null;
    const h = read.history;
    const history = upgradeStoredHistory(plan, h?.undo, h?.redo, h?.schema, h?.planSchema ?? read.rec.schema);
    return { plan, history: historyRecord(id, history.undo, history.redo), rev: read.rec.rev ?? 0, historyDropped: history.dropped };
  }

  async create(plan: Plan, origin?: PlanOrigin): Promise<void> {
    await this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      await this.db.plans.add(planRecord(plan, 0, { origin }));
      await this.db.history.put(historyRecord(plan.id, [], []));
    });
  }

  /**
   * Saves a plan and its undo history together, so a reload never sees one without the other.
   *
   * Several tabs may edit one plan (RELIABILITY 13–14). `sync.baseRev` is the revision the tab's copy
   * was built on and `sync.pending` the edits it made since. When storage still holds that revision
   * the plan is written as it is; when another tab saved in between, the pending edits are applied
   * to the stored plan instead, inside the same transaction, so both tabs' edits survive. Edits name
   * list items by key, so they land on the item they were made on wherever the other tab moved it;
   * an edit to an item the other tab deleted is dropped and returned, never applied to a neighbour.
   * For the same value the later save wins. A plan deleted in another tab stays deleted.
   */
  async save(plan: Plan, undo: readonly EditRecord[], redo: readonly EditRecord[], sync?: SyncBase): Promise<SaveResult> {
    return this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      const stored = await this.db.plans.get(plan.id);
      const storedRev = stored?.rev ?? 0;
      const rebased = sync !== undefined && stored !== undefined && storedRev !== sync.baseRev;
      // Another tab may run an older release: what it stored is upgraded before this tab's edits go on top.
      const storedPlan = stored ? upgradeStoredPlan(stored.plan, stored.schema) : null;
      const replayed = rebased && storedPlan ? applyOps(storedPlan, sync.pending) : null;
      const saved = replayed ? { ...replayed.result, updatedAt: plan.updatedAt } : plan;
      const rev = storedRev + 1;
      await this.db.plans.put(planRecord(saved, rev, { deletedAt: stored?.deletedAt, origin: stored?.origin }));
      await this.db.history.put(historyRecord(plan.id, undo, redo));
      return { rev, plan: saved, rebased: replayed !== null, previous: storedPlan ?? plan, dropped: replayed?.dropped.map((d) => d.op) ?? [] };
    });
  }

  /** The stored record as it is, for downloading a damaged plan. */
  async raw(id: string): Promise<unknown> {
    return this.db.plans.get(id);
  }

  /** The stored revision and plan (what another tab last saved), for keeping an open copy current. */
  async current(id: string): Promise<{ rev: number; plan: Plan } | null> {
    const rec = await this.db.plans.get(id);
    if (!rec || rec.deletedAt !== undefined) return null;
    const plan = upgradeStoredPlan(rec.plan, rec.schema);
    return plan ? { rev: rec.rev ?? 0, plan } : null;
  }

  async rename(id: string, name: string, now: number): Promise<void> {
    await this.db.transaction('rw', this.db.plans, async () => {
      const rec = await this.db.plans.get(id);
      const plan = rec && upgradeStoredPlan(rec.plan, rec.schema);
      if (!rec || !plan) throw new Error(`No plan ${id}`);
      await this.db.plans.put(planRecord({ ...plan, name, updatedAt: now }, (rec.rev ?? 0) + 1, { deletedAt: rec.deletedAt, origin: rec.origin }));
    });
  }

  async duplicate(id: string, newId: string, name: string, now: number): Promise<Plan> {
    return this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      const rec = await this.db.plans.get(id);
      const source = rec && upgradeStoredPlan(rec.plan, rec.schema);
      if (!source) throw new Error(`No plan ${id}`);
      const plan: Plan = { ...source, id: newId, name, createdAt: now, updatedAt: now };
      await this.db.plans.add(planRecord(plan, 0));
      await this.db.history.put(historyRecord(newId, [], []));
      return plan;
    });
  }

  /** Marks a plan deleted; `restore` undoes it. */
  async remove(id: string, now: number): Promise<void> {
    await this.db.plans.update(id, { deletedAt: now });
  }

  async restore(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.plans, async () => {
      const rec = await this.db.plans.get(id);
      if (!rec) return;
      delete rec.deletedAt;
      await this.db.plans.put(rec);
    });
  }

  /**
   * Drops plans deleted longer ago than the retention period, with their customer data sets and the
   * salt of their customer tokens (all or nothing): nothing of a purged plan stays on the device.
   */
  async purgeDeleted(now: number): Promise<number> {
    const db = this.db;
    return db.transaction('rw', [db.plans, db.history, db.datasets, db.datasetChunks, db.settings], async () => {
      const old = await db.plans.where('deletedAt').below(now - DELETED_RETENTION_MS).primaryKeys();
      await db.plans.bulkDelete(old);
      await db.history.bulkDelete(old);
      await deleteDatasetsOfPlans(db, old);
      await db.settings.bulkDelete(old.map(saltKey));
      return old.length;
    });
  }

  /**
   * Puts `plan` in place of the stored plan with its id (an import or merge over an open plan, a
   * replace from a file): one transaction snapshots the plan as stored now (if there is one), writes
   * the new one and starts its undo history afresh. If any step fails, none of it lands and the
   * original stays (RELIABILITY 23). The new plan is stamped with the time of the swap, so it sorts
   * as the latest change and wins over any older unsaved copy of the plan.
   *
   * The caller flushes an open session of that plan first (the snapshot is of what is stored), and
   * reopens it afterwards: a session still holding the old plan would save it back over the new one.
   */
  async replaceWithSnapshot(plan: Plan, kind: SnapshotKind, name = '', origin?: PlanOrigin): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.plans, db.history, db.snapshots, db.snapshotPlans], async () => {
      const now = snapshotClock();
      const current = await db.plans.get(plan.id);
      const currentPlan = current ? upgradeStoredPlan(current.plan, current.schema) : null;
      if (currentPlan) await writeSnapshot(db, newSnapshot(currentPlan, kind, name, now));
      const next: Plan = { ...plan, updatedAt: now };
      await db.plans.put(planRecord(next, (current?.rev ?? 0) + 1, { origin: origin ?? current?.origin }));
      await db.history.put(historyRecord(next.id, [], []));
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
