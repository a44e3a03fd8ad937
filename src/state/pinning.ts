import { lastDecision, movedSliders, planKpis, repeatedPin, sliderValues, uniqueScenarioName } from '../engine/decisions';
import type { Op } from '../engine/patch';
import type { Adjustment, AdjustmentOp, Decision, Plan, Scenario } from '../engine/types';
import { newId } from './ids';
import { duplicateScenarioOps } from './scenarioEdits';

function withValue(op: AdjustmentOp, value: number): AdjustmentOp {
  switch (op.kind) {
    case 'set':
    case 'add':
      return { ...op, value };
    case 'scale':
      return { ...op, percent: value };
    case 'move':
      return { ...op, amount: value };
  }
}

export interface PinRequest {
  /** Name before it is made unique among the plan's scenarios. */
  name: string;
  rationale: string;
  at: number;
  /** Slider values when the workshop opened on this scenario: the first pin's moves count from them. */
  opened: Readonly<Record<string, number>>;
  /** An adjustment in words, in the language of the room. */
  describe: (adj: Adjustment) => string;
}

export type PinOutcome = { kind: 'pinned'; ops: Op[]; decision: Decision } | { kind: 'repeat'; decision: Decision };

/**
 * Pinning the workshop's scenario: a copy of it as a scenario of its own plus a decision-log entry,
 * in one edit (one undo step). Pinning a state already pinned (a double click, no slider moved since)
 * pins nothing and names the earlier pin.
 */
export function pinOps(plan: Plan, current: Scenario, req: PinRequest): PinOutcome {
  const repeat = repeatedPin(plan, current);
  if (repeat) return { kind: 'repeat', decision: repeat };
  const name = uniqueScenarioName(plan, req.name);
  const copy = duplicateScenarioOps(plan, current.id, name);
  const since = lastDecision(plan, current.id)?.values ?? req.opened;
  const decision: Decision = {
    id: newId('dec'),
    at: req.at,
    scenarioId: copy.id,
    fromScenarioId: current.id,
    name,
    values: sliderValues(current),
    moves: movedSliders(current, since).map(({ adjustment, before, after }) => ({
      adjustmentId: adjustment.id,
      before: before === null ? '' : req.describe({ ...adjustment, op: withValue(adjustment.op, before) }),
      after: req.describe({ ...adjustment, op: withValue(adjustment.op, after) }),
    })),
    // The copy is in the current scenario's state, so its figures are the current scenario's.
    kpis: planKpis(plan, current.id),
    baseline: planKpis(plan, null),
    rationale: req.rationale.trim(),
  };
  return { kind: 'pinned', decision, ops: [...copy.ops, { path: ['decisions'], value: [...(plan.decisions ?? []), decision] }] };
}

/** Changing the one-line rationale of a logged decision afterwards. */
export function rationaleOps(plan: Plan, decisionId: string, rationale: string): Op[] {
  const list = plan.decisions ?? [];
  const i = list.findIndex((d) => d.id === decisionId);
  return i < 0 ? [] : [{ path: ['decisions', i, 'rationale'], value: rationale.trim() }];
}
