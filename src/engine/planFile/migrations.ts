/**
 * Numbered migrations of the plan inside a file: step n → n+1 turns a plan written in format n into
 * the same plan in format n+1. Files are upgraded in memory, one step at a time, then checked
 * against today's schema; the file itself is never touched.
 *
 * To change the format: raise CURRENT_FORMAT_VERSION, add the step from the previous version here,
 * keep a fixture file of the previous version in tests/fixtures/planFiles and a test of the step. A step must be pure: it gets
 * plain JSON data (already stripped of prototype keys) and returns new data without changing its input.
 */
import { CURRENT_FORMAT_VERSION } from './format';
import { problem, type FileProblem } from './problems';

export interface MigrationStep {
  from: number;
  to: number;
  migrate(plan: unknown): unknown;
  /**
   * The step only adds what older plans could not hold (a new kind of value, a new optional part):
   * every path of the old plan means the same in the new one, so undo histories stored with the old
   * plan stay valid. Without it, stored histories of older plans are dropped on upgrade.
   */
  keepsPaths?: boolean;
}

/**
 * 1 → 2 only widened what a file may hold (role targets of adjustments): every version-1 plan is a
 * valid version-2 plan as it is. The step still exists so the chain has no gap.
 */
const addRoleTargets: MigrationStep = { from: 1, to: 2, migrate: (plan) => plan, keepsPaths: true };

/** 2 → 3 added optional parts only (monthly actuals, actualised scenarios): nothing old changes meaning. */
const addActuals: MigrationStep = { from: 2, to: 3, migrate: (plan) => plan, keepsPaths: true };

/** 3 → 4 added optional parts only (regional values, optimiser policies): nothing old changes meaning. */
const addRegions: MigrationStep = { from: 3, to: 4, migrate: (plan) => plan, keepsPaths: true };

/**
 * 4 → 5 added optional parts only (prices, promotions, channel launches and exits, channel KPIs,
 * customer value, test designs): nothing old changes meaning.
 */
const addDecisions: MigrationStep = { from: 4, to: 5, migrate: (plan) => plan, keepsPaths: true };

/** 5 → 6 added the plan's lineage (the plans and snapshots it descends from), optional: nothing old changes meaning. */
const addLineage: MigrationStep = { from: 5, to: 6, migrate: (plan) => plan, keepsPaths: true };

/** The real migrations, in order. */
export const MIGRATIONS: readonly MigrationStep[] = Object.freeze([addRoleTargets, addActuals, addRegions, addDecisions, addLineage]);

export type MigrationResult = { ok: true; plan: unknown; applied: number } | { ok: false; problem: FileProblem };

/** Whether every step from `fromVersion` to the current version keeps paths (see MigrationStep). */
export function pathsKept(fromVersion: number, steps: readonly MigrationStep[] = MIGRATIONS, currentVersion: number = CURRENT_FORMAT_VERSION): boolean {
  for (let version = fromVersion; version < currentVersion; version++) {
    if (!steps.find((s) => s.from === version && s.to === version + 1)?.keepsPaths) return false;
  }
  return true;
}

/**
 * Applies the steps from `fromVersion` up to `currentVersion`, in order. A missing step (a gap in
 * the chain) or a step that throws is a problem, never an exception. The caller has already refused
 * versions newer than `currentVersion`.
 */
export function migratePlan(
  plan: unknown,
  fromVersion: number,
  steps: readonly MigrationStep[] = MIGRATIONS,
  currentVersion: number = CURRENT_FORMAT_VERSION,
): MigrationResult {
  let current = plan;
  let applied = 0;
  for (let version = fromVersion; version < currentVersion; version++) {
    const step = steps.find((s) => s.from === version && s.to === version + 1);
    if (!step) return { ok: false, problem: problem('migrationMissing', ['formatVersion'], { from: version, to: version + 1 }) };
    try {
      current = step.migrate(current);
    } catch {
      return { ok: false, problem: problem('migrationFailed', ['formatVersion'], { from: version, to: version + 1 }) };
    }
    applied++;
  }
  return { ok: true, plan: current, applied };
}
