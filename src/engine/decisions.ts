/**
 * The workshop's decision log (docs/model.md#decision-log): what a pinned proposal was, measured the
 * moment it was pinned. Pure: the workshop view supplies the ids, the time and the words.
 */
import { canonicalJson } from './canonical';
import { computePlan } from './compute';
import { ratio } from './ratios';
import type { Adjustment, AdjustmentOp, Decision, DecisionKpis, Plan, Scenario } from './types';

/** Whole-plan net revenue, contribution, spend and orders of the baseline (null) or a scenario. */
export function planKpis(plan: Plan, scenarioId: string | null): DecisionKpis {
  const f = computePlan(plan, scenarioId).flows;
  const sum = (a: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  };
  return { netRevenue: sum(f.netRevenue), contribution: sum(f.contribution), spend: sum(f.spend), fixedCost: sum(f.fixedCost), orders: sum(f.orders) };
}

/** ROI of logged figures, as the plan defines it (docs/model.md#ratio-metrics): contribution ÷ (spend + fixed cost). */
export function decisionRoi(k: DecisionKpis): number | null {
  return ratio(k.contribution, k.spend + k.fixedCost);
}

function opValue(op: AdjustmentOp): number {
  switch (op.kind) {
    case 'set':
    case 'add':
      return op.value;
    case 'scale':
      return op.percent;
    case 'move':
      return op.amount;
  }
}

/** The value of every enabled slider of a scenario, by adjustment id. */
export function sliderValues(s: Scenario): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of s.adjustments) if (a.slider && a.enabled) out[a.id] = opValue(a.op);
  return out;
}

/** Sliders whose value differs from `before` (a slider new since then counts as moved), with both values. */
export function movedSliders(s: Scenario, before: Readonly<Record<string, number>>): { adjustment: Adjustment; before: number | null; after: number }[] {
  const moved: { adjustment: Adjustment; before: number | null; after: number }[] = [];
  for (const a of s.adjustments) {
    if (!a.slider || !a.enabled) continue;
    const after = opValue(a.op);
    const old = Object.hasOwn(before, a.id) ? before[a.id] : null;
    if (old !== after) moved.push({ adjustment: a, before: old, after });
  }
  return moved;
}

/** An adjustment without its id: what it does, for comparing two scenarios' states. */
function essence(a: Adjustment): string {
  return canonicalJson({ ...a, id: undefined });
}

/**
 * Whether two scenarios are in the same state: the same adjustments in the same order, ids aside
 * (a pinned copy gets fresh ids). Pinning a state equal to the last pin of its scenario pins nothing.
 */
export function sameState(a: Scenario, b: Scenario): boolean {
  if (a.parentId !== b.parentId || a.adjustments.length !== b.adjustments.length) return false;
  return a.adjustments.every((adj, i) => essence(adj) === essence(b.adjustments[i]));
}

/** The latest decision pinned from a scenario, if any. */
export function lastDecision(plan: Plan, fromScenarioId: string): Decision | undefined {
  let last: Decision | undefined;
  for (const d of plan.decisions ?? []) if (d.fromScenarioId === fromScenarioId && (!last || d.at >= last.at)) last = d;
  return last;
}

/**
 * The pin the workshop's current state would repeat: the latest pin of this scenario whose copy still
 * exists and is in the same state. A double click, or pinning again without moving anything, finds it.
 */
export function repeatedPin(plan: Plan, current: Scenario): Decision | undefined {
  const last = lastDecision(plan, current.id);
  if (!last) return undefined;
  const copy = plan.scenarios.find((s) => s.id === last.scenarioId);
  return copy && sameState({ ...copy, parentId: current.parentId }, current) ? last : undefined;
}

/** `name`, or `name (2)`, `name (3)` … — the first not used by a scenario (case and spaces ignored). */
export function uniqueScenarioName(plan: Plan, name: string): string {
  const taken = new Set(plan.scenarios.map((s) => s.name.trim().toLowerCase()));
  if (!taken.has(name.trim().toLowerCase())) return name;
  for (let k = 2; ; k++) {
    const candidate = `${name} (${k})`;
    if (!taken.has(candidate.trim().toLowerCase())) return candidate;
  }
}
