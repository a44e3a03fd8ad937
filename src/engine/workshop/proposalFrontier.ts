/**
 * The workshop's proposals against the efficient frontier
 * (docs/model.md#workshop-proposals-against-the-frontier-and-the-fixed-pot-game): for each scenario, its total spend and its contribution as the optimiser models it, and the best
 * contribution any mix of the same total spend reaches in that scenario (under the plan's budget
 * limits). The gap between them is what the proposal leaves on the table at its own spend.
 *
 * The figures are the optimiser's (no cannibalisation or tiered rebates, money not rounded per cell),
 * so that the points and the curve are measured the same way; the proposals board shows the full
 * model's figures next to them.
 */
import { optimiseBudget } from '../optimiser/optimise';
import { efficientFrontier, type Frontier } from '../optimiser/frontier';
import { prepare, realObjective, todayTotal } from '../optimiser/problem';
import type { ChannelBudgetBounds, Plan } from '../types';

export interface FrontierPoint {
  scenarioId: string | null;
  /** Total spend (minor units). */
  spend: number;
  /** Contribution of the scenario's own mix (minor units). */
  contribution: number;
  /** Best contribution for the same total spend, or null when the limits allow no mix of it. */
  best: number | null;
  /** best − contribution, never below 0 (a mix outside the limits can beat the best within them). */
  gap: number | null;
}

export function frontierPoint(plan: Plan, scenarioId: string | null, bounds: readonly ChannelBudgetBounds[]): FrontierPoint | null {
  const p = prepare(plan, 'contribution', scenarioId, bounds);
  if ('ok' in p) return null;
  const spend = todayTotal(p);
  const contribution = realObjective(p.models, p.models.map((m) => m.today));
  const r = optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: spend, scenarioId, bounds: [...bounds] });
  const best = r.ok ? r.objective : null;
  return { scenarioId, spend, contribution, best, gap: best === null ? null : Math.max(0, best - contribution) };
}

export interface ProposalFrontier {
  /** The frontier of the scenario the workshop is on (its range holds every point's spend). */
  frontier: Frontier;
  points: (FrontierPoint | null)[];
}

/** The frontier of `curveScenarioId` and a point for each of `scenarioIds`, in their order. */
export function proposalFrontier(plan: Plan, curveScenarioId: string | null, scenarioIds: readonly (string | null)[], bounds: readonly ChannelBudgetBounds[]): ProposalFrontier {
  const points = scenarioIds.map((id) => frontierPoint(plan, id, bounds));
  const alsoAt = points.flatMap((p) => (p ? [p.spend] : []));
  const frontier = efficientFrontier(plan, { objective: 'contribution', scenarioId: curveScenarioId, bounds: [...bounds], alsoAt });
  return { frontier, points };
}
