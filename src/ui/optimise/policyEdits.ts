/**
 * Edits of the plan's budget rules (docs/model.md#optimiser-policies): each builds the ops of one user
 * action, applied by the caller as one `session.edit` (one undo step).
 */
import type { Op } from '../../engine/patch';
import type { EfficiencyPolicy, GroupPolicy, OptimiserPolicies } from '../../engine/types';

export const NO_POLICIES: OptimiserPolicies = { groups: [], efficiency: [] };

function setAll(next: OptimiserPolicies): Op[] {
  return [{ path: ['policies'], value: next }];
}

export function addGroupOps(current: OptimiserPolicies | undefined, rule: GroupPolicy): Op[] {
  const p = current ?? NO_POLICIES;
  return setAll({ ...p, groups: [...p.groups, rule] });
}

export function addEfficiencyOps(current: OptimiserPolicies | undefined, rule: EfficiencyPolicy): Op[] {
  const p = current ?? NO_POLICIES;
  return setAll({ ...p, efficiency: [...p.efficiency, rule] });
}

export function updateGroupOps(current: OptimiserPolicies | undefined, id: string, patch: Partial<GroupPolicy>): Op[] {
  const p = current ?? NO_POLICIES;
  return setAll({ ...p, groups: p.groups.map((g) => (g.id === id ? { ...g, ...patch } : g)) });
}

export function updateEfficiencyOps(current: OptimiserPolicies | undefined, id: string, patch: Partial<EfficiencyPolicy>): Op[] {
  const p = current ?? NO_POLICIES;
  return setAll({ ...p, efficiency: p.efficiency.map((e) => (e.id === id ? { ...e, ...patch } : e)) });
}

export function removeRuleOps(current: OptimiserPolicies | undefined, id: string): Op[] {
  const p = current ?? NO_POLICIES;
  return setAll({ groups: p.groups.filter((g) => g.id !== id), efficiency: p.efficiency.filter((e) => e.id !== id) });
}
