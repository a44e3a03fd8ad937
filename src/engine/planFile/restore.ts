/**
 * The restore step: after migrations, a plan read from a file or from storage gets every part the
 * current model requires. Format 1 files and records written before these parts existed leave them
 * out; here they become their empty defaults, so the rest of the app never checks for absence.
 */
import type { Plan } from '../types';

/** Parts of a plan that a format-1 file or stored record may leave out. */
export type OptionalInFormat1 = 'scenarios' | 'cannibalisation' | 'uncertainty' | 'budgetBounds' | 'evaluation';

/** A plan as a format-1 file or stored record holds it. */
export type PlanInFile = Flat<Omit<Plan, OptionalInFormat1> & Partial<Pick<Plan, OptionalInFormat1>>>;
type Flat<T> = { [K in keyof T]: T[K] };

export function restorePlan(p: PlanInFile): Plan {
  return {
    ...p,
    scenarios: p.scenarios ?? [],
    cannibalisation: p.cannibalisation ?? [],
    uncertainty: p.uncertainty ?? [],
    budgetBounds: p.budgetBounds ?? [],
    evaluation: p.evaluation ?? {},
  };
}
