import type { Op } from '../../../engine/patch';
import type { Actualise, Plan, Scenario } from '../../../engine/types';
import { newId } from '../../../state/ids';

/**
 * The edit that creates an actualised scenario, or refreshes the one already actualised through the
 * same month with the same choice after it (new actuals, a new re-forecast): one op, one undo step.
 */
export function actualiseScenarioOps(plan: Plan, name: string, actualise: Actualise): { ops: Op[]; id: string; refreshed: boolean } {
  const list = plan.scenarios;
  const i = list.findIndex((s) => s.actualise?.through === actualise.through && s.actualise.after === actualise.after && s.parentId === null);
  if (i >= 0) {
    const next: Scenario = { ...list[i], name, actualise };
    return { ops: [{ path: ['scenarios'], value: list.map((s, k) => (k === i ? next : s)) }], id: next.id, refreshed: true };
  }
  const scenario: Scenario = { id: newId('sc'), name, parentId: null, adjustments: [], notes: '', actualise };
  return { ops: [{ path: ['scenarios'], value: [...list, scenario] }], id: scenario.id, refreshed: false };
}
