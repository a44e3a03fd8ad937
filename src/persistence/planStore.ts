import type { Op } from '../engine/patch';
import type { Plan } from '../engine/types';
import type { EditStep } from '../engine/editHistory';
import type { PlanOrigin } from './db';

export interface SaveResult {
  /** The revision now stored. */
  rev: number;
  /** What was stored: the tab's plan, or its edits applied on top of another tab's save. */
  plan: Plan;
  rebased: boolean;
  /** When rebased: the plan another tab had stored, which this save built on. */
  previous: Plan;
  /** When rebased: edits of this tab that named an item the stored plan no longer has. */
  dropped: Op[];
}

/** The revision a tab's copy is built on and the edits it made since (see PlanRepo.save). */
export interface SyncBase {
  baseRev: number;
  pending: readonly Op[];
}

/**
 * Where an open plan is saved: IndexedDB (`PlanRepo`) or, when the browser gives the app no storage,
 * memory for the visit (`MemoryPlanStore`). The session treats both alike; `durable` says whether a
 * save survives the tab.
 */
export interface PlanStore {
  readonly durable: boolean;
  save(plan: Plan, undo: readonly EditStep[], redo: readonly EditStep[], sync?: SyncBase): Promise<SaveResult>;
  /** Opens the connection again after the browser closed it under a background tab. */
  reopen(): Promise<void>;
}

/** Plans kept in memory for this visit only (no IndexedDB: a private window, storage disabled). */
export class MemoryPlanStore implements PlanStore {
  readonly durable = false;
  readonly records = new Map<string, { plan: Plan; undo: EditStep[]; redo: EditStep[]; rev: number; origin?: PlanOrigin }>();

  async save(plan: Plan, undo: readonly EditStep[], redo: readonly EditStep[]): Promise<SaveResult> {
    const prev = this.records.get(plan.id);
    const rev = (prev?.rev ?? 0) + 1;
    this.records.set(plan.id, { plan, undo: [...undo], redo: [...redo], rev, ...(prev?.origin ? { origin: prev.origin } : {}) });
    return { rev, plan, rebased: false, previous: plan, dropped: [] };
  }

  async reopen(): Promise<void> {}
}
