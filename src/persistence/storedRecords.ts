/**
 * Versions of what the app stores, and the upgrade every record goes through when it is read.
 *
 * A stored plan (in the plans table, a snapshot or the journal) carries `schema`: the plan format
 * version it was written in, numbered like plan files. Reading runs the plan-file migrations from
 * that version to today's and then the restore step that fills every part the model requires — so
 * a plan written by any release opens, and the Plan type has no optional parts. Records written
 * before versions existed are format 1.
 *
 * A stored undo history carries its own `schema`: 1 = ops address list items by position (the first
 * release), 2 = ops name them by key. A history of schema 1 is converted against the plan it was
 * saved with; when it does not fit that plan it is dropped and the caller says so. A history saved
 * with an older plan format is kept only when every migration since keeps paths (see
 * MigrationStep.keepsPaths): a migration that changes a plan's shape does not change the ops
 * recorded against the old shape.
 */
import { addressHistoryByKey, type EditStep } from '../engine/editHistory';
import { CURRENT_FORMAT_VERSION } from '../engine/planFile/format';
import { migratePlan, pathsKept } from '../engine/planFile/migrations';
import { restorePlan, type PlanInFile } from '../engine/planFile/restore';
import type { Op } from '../engine/patch';
import type { Plan } from '../engine/types';

/** The plan format stored records are written in (the same numbers as plan files). */
export const PLAN_SCHEMA = CURRENT_FORMAT_VERSION;

/** 2: history ops name list items by key. */
export const HISTORY_SCHEMA = 2;

/**
 * Whether a stored plan has the shape every view relies on. A record that does not (RELIABILITY 8)
 * is listed as damaged, can be downloaded as it is, and is never opened: one bad record must not
 * hide the others or take the app down.
 */
export function isUsablePlan(p: unknown): p is PlanInFile {
  if (typeof p !== 'object' || p === null) return false;
  const plan = p as Partial<Plan>;
  const t = plan.timeline as Partial<Plan['timeline']> | undefined;
  return (
    typeof plan.id === 'string' && typeof plan.name === 'string' && typeof plan.currency === 'string' &&
    Array.isArray(plan.channels) && Array.isArray(plan.regions) && Array.isArray(plan.customMetrics) &&
    typeof t === 'object' && t !== null && typeof t.start === 'string' && typeof t.periods === 'number'
  );
}

/** A stored plan of any release as today's Plan, or null when it cannot be read (damaged or newer). */
export function upgradeStoredPlan(raw: unknown, schema: number | undefined): Plan | null {
  const from = schema ?? 1;
  if (!Number.isSafeInteger(from) || from < 1 || from > PLAN_SCHEMA) return null;
  const migrated = migratePlan(raw, from);
  if (!migrated.ok || !isUsablePlan(migrated.plan)) return null;
  return restorePlan(migrated.plan);
}

const EMPTY_PLAN_PARTS = restorePlan({} as PlanInFile);

/**
 * The first release left some parts of a plan out until first used, so undoing their first edit
 * removed them; today every plan has them, and that undo sets the empty default instead.
 */
function keepRequiredParts(ops: Op[]): Op[] {
  return ops.map((op) => {
    const key = op.path.length === 1 ? op.path[0] : null;
    if (op.value !== undefined || typeof key !== 'string' || !(key in EMPTY_PLAN_PARTS)) return op;
    const empty = (EMPTY_PLAN_PARTS as unknown as Record<string, unknown>)[key];
    return empty === undefined ? op : { path: op.path, value: empty };
  });
}

export interface StoredHistory {
  undo: EditStep[];
  redo: EditStep[];
  /** The history could not be carried over and was left out (say so to the user). */
  dropped: boolean;
}

/** A stored undo history of any release, addressed as today's edits are, for `plan`. */
export function upgradeStoredHistory(
  plan: Plan, undo: readonly EditStep[] | undefined, redo: readonly EditStep[] | undefined, schema: number | undefined, planSchema: number | undefined,
): StoredHistory {
  const u = Array.isArray(undo) ? undo : [];
  const r = Array.isArray(redo) ? redo : [];
  const none = { undo: [], redo: [] };
  if (!pathsKept(planSchema ?? 1)) return { ...none, dropped: u.length + r.length > 0 };
  if ((schema ?? 1) === HISTORY_SCHEMA) return { undo: [...u], redo: [...r], dropped: false };
  if ((schema ?? 1) > HISTORY_SCHEMA) return { ...none, dropped: u.length + r.length > 0 };
  try {
    const up = addressHistoryByKey(plan, u, r, keepRequiredParts);
    return up.ok ? { undo: up.undo, redo: up.redo, dropped: false } : { ...none, dropped: true };
  } catch {
    return { ...none, dropped: true };
  }
}
