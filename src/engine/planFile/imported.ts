import type { Plan } from '../types';

/**
 * The plan of a file, made into a new plan of this browser: a fresh id and timestamps, everything
 * else as in the file. (parsePlanFile keeps the file's id so that a caller can tell a copy of a plan
 * it already has, and so that reading and writing a file again gives the same bytes.)
 */
export function asImportedPlan(plan: Plan, id: string, now: number): Plan {
  return { ...plan, id, createdAt: now, updatedAt: now };
}
