import { lastDecision, movedSliders, planKpis, repeatedPin, sliderValues, uniqueScenarioName } from '../engine/decisions';
import type { Op } from '../engine/patch';
import type { Adjustment, Decision, Plan, Scenario } from '../engine/types';
import { newId } from './ids';
import { duplicateScenarioOps, withOpNumber } from './scenarioEdits';

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
  // The copy is in the current scenario's state, so its figures are the current scenario's.
  const decision = decisionEntry({ plan, withState: plan, current, state: current, copyId: copy.id, name, since }, req);
  return { kind: 'pinned', decision, ops: [...copy.ops, { path: ['decisions'], value: [...(plan.decisions ?? []), decision] }] };
}

/** What a pin records, whoever's slider state it is (the facilitator's, or a phone's proposal). */
export interface PinnedState {
  plan: Plan;
  /** The plan with `current` in the pinned state (the plan itself when it is the workshop's own). */
  withState: Plan;
  current: Scenario;
  state: Scenario;
  copyId: string;
  name: string;
  /** Slider values the moves count from. */
  since: Readonly<Record<string, number>>;
}

/** The decision-log entry of a pin: the sliders moved since `since` in words, the state's KPIs and the baseline's. */
export function decisionEntry(p: PinnedState, req: Pick<PinRequest, 'at' | 'rationale' | 'describe'>): Decision {
  return {
    id: newId('dec'),
    at: req.at,
    scenarioId: p.copyId,
    fromScenarioId: p.current.id,
    name: p.name,
    values: sliderValues(p.state),
    moves: movedSliders(p.state, p.since).map(({ adjustment, before, after }) => ({
      adjustmentId: adjustment.id,
      before: before === null ? '' : req.describe({ ...adjustment, op: withOpNumber(adjustment.op, before) }),
      after: req.describe({ ...adjustment, op: withOpNumber(adjustment.op, after) }),
    })),
    kpis: planKpis(p.withState, p.current.id),
    baseline: planKpis(p.plan, null),
    rationale: req.rationale.trim(),
  };
}

/** Changing the one-line rationale of a logged decision afterwards. */
export function rationaleOps(plan: Plan, decisionId: string, rationale: string): Op[] {
  const list = plan.decisions ?? [];
  const i = list.findIndex((d) => d.id === decisionId);
  return i < 0 ? [] : [{ path: ['decisions', i, 'rationale'], value: rationale.trim() }];
}
