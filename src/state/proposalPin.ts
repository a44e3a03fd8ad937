import { sameState, sliderValues, uniqueScenarioName } from '../engine/decisions';
import { withProposal, type Proposal } from '../engine/join/codes';
import type { Op } from '../engine/patch';
import type { Adjustment, Decision, Plan, Scenario } from '../engine/types';
import { newId } from './ids';
import { decisionEntry } from './pinning';

export interface ProposalPinRequest {
  /** "<name>'s proposal" in the language of the room, before it is made unique. */
  name: string;
  rationale: string;
  at: number;
  describe: (adj: Adjustment) => string;
}

export type ProposalPinOutcome = { kind: 'pinned'; ops: Op[]; decision: Decision } | { kind: 'repeat'; decision: Decision };

/**
 * A phone's proposal pinned like the facilitator's own pins: a copy of the workshop's scenario with
 * the participant's slider values, and a decision-log entry whose moves count from where the
 * workshop's sliders stand now. The same proposal read twice (same name, same state) pins nothing.
 */
export function proposalPinOps(plan: Plan, current: Scenario, proposal: Proposal, req: ProposalPinRequest): ProposalPinOutcome {
  const state = withProposal(current, proposal);
  const base = req.name.trim().toLowerCase();
  for (const d of plan.decisions ?? []) {
    const copy = plan.scenarios.find((s) => s.id === d.scenarioId);
    const n = d.name.trim().toLowerCase();
    const sameName = n === base || (n.startsWith(`${base} (`) && n.endsWith(')'));
    if (d.fromScenarioId === current.id && sameName && copy && sameState({ ...copy, parentId: current.parentId }, state)) return { kind: 'repeat', decision: d };
  }
  const name = uniqueScenarioName(plan, req.name);
  const copy: Scenario = { ...state, id: newId('sc'), name, adjustments: state.adjustments.map((a) => ({ ...a, id: newId('adj') })) };
  const i = plan.scenarios.indexOf(current);
  const scenarios = [...plan.scenarios.slice(0, i + 1), copy, ...plan.scenarios.slice(i + 1)];
  // Figures as the engine gives them for the proposal's state, against the baseline of the moment.
  const withState: Plan = { ...plan, scenarios: plan.scenarios.map((s) => (s.id === current.id ? state : s)) };
  const decision = decisionEntry({ plan, withState, current, state, copyId: copy.id, name, since: sliderValues(current) }, req);
  return { kind: 'pinned', decision, ops: [{ path: ['scenarios'], value: scenarios }, { path: ['decisions'], value: [...(plan.decisions ?? []), decision] }] };
}
