/**
 * Three-way merge of two versions of a plan from their common ancestor: what changed on each side,
 * item by item (planItems.ts), and the plan that results from the user's choices. Pure.
 */
import { canonicalJson } from '../canonical';
import type { Plan } from '../types';
import { applyChoices, diff3, unsettled, type ItemDiff, type Side } from './diff3';
import { itemRef, planFromItems, planItems, splitChannels, type PlanItemRef } from './planItems';

export interface PlanMergeItem extends ItemDiff, PlanItemRef {}

export interface PlanMerge {
  base: Plan;
  mine: Plan;
  theirs: Plan;
  /** Every item of any side, unchanged ones included (the dialog shows the changed ones). */
  items: PlanMergeItem[];
  split: ReadonlySet<string>;
}

export function diffPlans(base: Plan, mine: Plan, theirs: Plan): PlanMerge {
  const split = splitChannels(base, mine, theirs);
  const items = diff3(planItems(base, split), planItems(mine, split), planItems(theirs, split)).map((d) => ({ ...d, ...itemRef(d.key) }));
  return { base, mine, theirs, items, split };
}

export type MergeChoices = Readonly<Record<string, Side>>;

export function unsettledConflicts(merge: PlanMerge, choices: MergeChoices): string[] {
  return unsettled(merge.items, choices);
}

/** The merged plan: mine with the chosen items; throws while a conflict has no choice. */
export function applyPlanMerge(merge: PlanMerge, choices: MergeChoices = {}): Plan {
  return planFromItems(applyChoices(merge.items, choices), merge.mine, merge.theirs, merge.split);
}

/** Fields that say which copy a plan is and when it changed: an edit never sets them. */
const NOT_EDITED = new Set(['id', 'createdAt', 'updatedAt']);

/** The edit that turns `from` into `to`: one op per top-level field that differs (one undo step). */
export function opsBetween(from: Plan, to: Plan): { path: [string]; value: unknown }[] {
  const a = from as unknown as Record<string, unknown>;
  const b = to as unknown as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !NOT_EDITED.has(k)).sort();
  return fields.filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).map((k) => ({ path: [k], value: b[k] }));
}

/** The choice of one side for every changed item (for "take all mine" / "take all theirs"). */
export function allOf(merge: PlanMerge, side: Side): Record<string, Side> {
  return Object.fromEntries(merge.items.filter((i) => i.status !== 'unchanged').map((i) => [i.key, side]));
}
