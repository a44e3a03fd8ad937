import type { Plan } from '../engine/types';

/**
 * A file whose scenarios the user chose to merge from the import dialog (when no common version was
 * found for a full merge): the Scenarios tab opens its merge dialog with it, once.
 */
let pending: Plan | null = null;

export function offerScenarioMerge(plan: Plan): void {
  pending = plan;
}

export function takeScenarioMerge(): Plan | null {
  const plan = pending;
  pending = null;
  return plan;
}
