import type { Plan, Scenario } from '../types';

export type ScenarioErrorCode = 'unknownScenario' | 'cycle' | 'unknownParent';

/**
 * A scenario id that cannot be computed. A typed error rather than a silent fall-back to the
 * baseline: showing baseline numbers under a scenario's name would be a wrong answer, not a degraded one.
 */
export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  /** The scenario where the problem was found (the requested one, or an ancestor). */
  readonly scenarioId: string;

  constructor(code: ScenarioErrorCode, scenarioId: string) {
    // The code is in the message too: only name and message survive the trip out of a worker.
    super(`${code}: scenario "${scenarioId}"`);
    this.name = 'ScenarioError';
    this.code = code;
    this.scenarioId = scenarioId;
  }
}

/**
 * The scenario and its ancestors, root first: the order their adjustments apply in, so that a child
 * always sees its parent's result. With duplicate ids the first scenario wins (validateScenarios
 * reports the duplicate).
 */
export function scenarioChain(plan: Plan, scenarioId: string): Scenario[] {
  const byId = new Map<string, Scenario>();
  for (const s of plan.scenarios) if (!byId.has(s.id)) byId.set(s.id, s);
  const chain: Scenario[] = [];
  const seen = new Set<string>();
  let id: string | null = scenarioId;
  while (id !== null) {
    const s = byId.get(id);
    if (!s) throw new ScenarioError(chain.length === 0 ? 'unknownScenario' : 'unknownParent', chain.length === 0 ? id : chain[chain.length - 1].id);
    if (seen.has(id)) throw new ScenarioError('cycle', id);
    seen.add(id);
    chain.push(s);
    id = s.parentId ?? null;
  }
  return chain.reverse();
}
