import { applyOps, type Op } from '../engine/patch';
import type { Plan } from '../engine/types';
import { deleteDatasetsOfPlans } from './datasets';
import type { EditRecord, HistoryRecord, PlanRecord, PlannerDb } from './db';
import { newSnapshot, snapshotClock, writeSnapshot, type SnapshotKind } from './snapshots';

export interface SaveResult {
  /** The revision now stored. */
  rev: number;
  /** What was stored: the tab's plan, or its edits applied on top of another tab's save. */
  plan: Plan;
  rebased: boolean;
  /** When rebased: the plan another tab had stored, which this save built on. */
  previous: Plan;
}

/** Undo history kept per plan; older steps are dropped beyond this. */
export const MAX_HISTORY = 200;

/** Deleted plans are kept this long so that the delete can be undone, then purged. */
export const DELETED_RETENTION_MS = 30 * 24 * 3600_000;

export interface PlanSummary {
  id: string;
  name: string;
  updatedAt: number;
  channels: number;
  periods: number;
  start: string;
  /** The stored record lacks what the app needs to open it (left by a bug or an old version). */
  damaged?: boolean;
}

/**
 * Whether a stored plan has the shape every view relies on. A record that does not (RELIABILITY 8)
 * is listed as damaged, can be downloaded as it is, and is never opened: one bad record must not
 * hide the others or take the app down.
 */
export function isUsablePlan(p: unknown): p is Plan {
  if (typeof p !== 'object' || p === null) return false;
  const plan = p as Partial<Plan>;
  const t = plan.timeline as Partial<Plan['timeline']> | undefined;
  return (
    typeof plan.id === 'string' && typeof plan.name === 'string' && typeof plan.currency === 'string' &&
    Array.isArray(plan.channels) && Array.isArray(plan.regions) && Array.isArray(plan.customMetrics) &&
    typeof t === 'object' && t !== null && typeof t.start === 'string' && typeof t.periods === 'number'
  );
}

function summarise(r: PlanRecord): PlanSummary {
  const ok = isUsablePlan(r.plan);
  return {
    id: String(r.id),
    name: typeof r.name === 'string' && r.name.trim() !== '' ? r.name : String(r.id),
    updatedAt: typeof r.updatedAt === 'number' && Number.isFinite(r.updatedAt) ? r.updatedAt : 0,
    channels: ok ? r.plan.channels.length : 0,
    periods: ok ? r.plan.timeline.periods : 0,
    start: ok ? r.plan.timeline.start : '',
    ...(ok ? {} : { damaged: true }),
  };
}

/** Plans and their histories in IndexedDB. Each method is one transaction: all of it or none. */
export class PlanRepo {
  constructor(readonly db: PlannerDb) {}

  async list(): Promise<PlanSummary[]> {
    // Every record, not the updatedAt index: a record without that field would be missing from it.
    const all = await this.db.plans.toArray();
    return all
      .filter((r) => r.deletedAt === undefined || r.deletedAt === null)
      .map(summarise)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<{ plan: Plan; history: HistoryRecord; rev: number } | null> {
    return this.db.transaction('r', this.db.plans, this.db.history, async () => {
      const rec = await this.db.plans.get(id);
      if (!rec || (rec.deletedAt !== undefined && rec.deletedAt !== null) || !isUsablePlan(rec.plan)) return null;
      const history = (await this.db.history.get(id)) ?? { planId: id, undo: [], redo: [] };
      return { plan: rec.plan, history, rev: rec.rev ?? 0 };
    });
  }

  async create(plan: Plan): Promise<void> {
    await this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      await this.db.plans.add({ id: plan.id, name: plan.name, updatedAt: plan.updatedAt, plan });
      await this.db.history.put({ planId: plan.id, undo: [], redo: [] });
    });
  }

  /**
   * Saves a plan and its undo history together, so a reload never sees one without the other.
   *
   * Several tabs may edit one plan (RELIABILITY 13–14). `sync.baseRev` is the revision the tab's copy
   * was built on and `sync.pending` the edits it made since. When storage still holds that revision
   * the plan is written as it is; when another tab saved in between, the pending edits are applied
   * to the stored plan instead, inside the same transaction, so both tabs' edits survive. Edits are
   * addressed by path, so edits to different cells merge; for the same cell the later save wins.
   * A plan deleted in another tab stays deleted.
   */
  async save(
    plan: Plan, undo: readonly EditRecord[], redo: readonly EditRecord[], sync?: { baseRev: number; pending: readonly Op[] },
  ): Promise<SaveResult> {
    return this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      const stored = await this.db.plans.get(plan.id);
      const storedRev = stored?.rev ?? 0;
      const rebased = sync !== undefined && stored !== undefined && storedRev !== sync.baseRev;
      const saved = rebased ? { ...applyOps(stored.plan, sync.pending).result, updatedAt: plan.updatedAt } : plan;
      const rev = storedRev + 1;
      const record: PlanRecord = { id: saved.id, name: saved.name, updatedAt: saved.updatedAt, rev, plan: saved };
      if (stored?.deletedAt !== undefined) record.deletedAt = stored.deletedAt;
      await this.db.plans.put(record);
      await this.db.history.put({
        planId: plan.id,
        undo: undo.slice(-MAX_HISTORY),
        redo: redo.slice(-MAX_HISTORY),
      });
      return { rev, plan: saved, rebased, previous: stored?.plan ?? plan };
    });
  }

  /** The stored record as it is, for downloading a damaged plan. */
  async raw(id: string): Promise<unknown> {
    return this.db.plans.get(id);
  }

  /** The stored revision and plan (what another tab last saved), for keeping an open copy current. */
  async current(id: string): Promise<{ rev: number; plan: Plan } | null> {
    const rec = await this.db.plans.get(id);
    return rec && rec.deletedAt === undefined ? { rev: rec.rev ?? 0, plan: rec.plan } : null;
  }

  async rename(id: string, name: string, now: number): Promise<void> {
    await this.db.transaction('rw', this.db.plans, async () => {
      const rec = await this.db.plans.get(id);
      if (!rec) throw new Error(`No plan ${id}`);
      await this.db.plans.put({ ...rec, name, updatedAt: now, rev: (rec.rev ?? 0) + 1, plan: { ...rec.plan, name, updatedAt: now } });
    });
  }

  async duplicate(id: string, newId: string, name: string, now: number): Promise<Plan> {
    return this.db.transaction('rw', this.db.plans, this.db.history, async () => {
      const rec = await this.db.plans.get(id);
      if (!rec) throw new Error(`No plan ${id}`);
      const plan: Plan = { ...rec.plan, id: newId, name, createdAt: now, updatedAt: now };
      await this.db.plans.add({ id: newId, name, updatedAt: now, plan });
      await this.db.history.put({ planId: newId, undo: [], redo: [] });
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

  /** Drops plans deleted longer ago than the retention period, with their customer data sets (all or nothing). */
  async purgeDeleted(now: number): Promise<number> {
    const db = this.db;
    return db.transaction('rw', [db.plans, db.history, db.datasets, db.datasetChunks], async () => {
      const old = await db.plans.where('deletedAt').below(now - DELETED_RETENTION_MS).primaryKeys();
      await db.plans.bulkDelete(old);
      await db.history.bulkDelete(old);
      await deleteDatasetsOfPlans(db, old);
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
  async replaceWithSnapshot(plan: Plan, kind: SnapshotKind, name = ''): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.plans, db.history, db.snapshots, db.snapshotPlans], async () => {
      const now = snapshotClock();
      const current = await db.plans.get(plan.id);
      if (current) await writeSnapshot(db, newSnapshot(current.plan, kind, name, now));
      const next: Plan = { ...plan, updatedAt: now };
      await db.plans.put({ id: next.id, name: next.name, updatedAt: now, rev: (current?.rev ?? 0) + 1, plan: next });
      await db.history.put({ planId: next.id, undo: [], redo: [] });
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
