import type { DriverSeries } from '../driverSeries';
import type { Plan } from '../types';
import { checkNumber, prepare } from './problem';
import { bestAnswer, bestOf, solveFor } from './allocate';
import { minSpend } from './minSpend';
import type { OptimiseResult, OptimiseSpec } from './result';

export type { OptimiseObjective } from './model';
export type { BestBudgetInfo, ChannelAllocation, OptimiseResult, OptimiseSpec } from './result';
export { splitByPattern } from './rounding';

/**
 * The budget optimiser (docs/model.md#budget-optimiser). Plain data in and out; pure.
 *
 * Each channel's objective is a function of its total spend (see ResponseModel). With concave
 * curves (hill shape ≤ 1, linear, none) marginal-return water-filling is exact ('waterFilling',
 * gapBound 0). With S-shaped curves the objective is not concave and local methods stop at the
 * wrong place (at zero spend an S-curve's marginal return is 0, so a greedy method never starts it).
 * Water-filling then runs on each channel's concave envelope, which is exact for the relaxed problem
 * and bounds the true optimum from above; its answer has at most one channel on a linear part of its
 * envelope, which is moved to a real point and the rest re-solved ('concaveEnvelope'). gapBound is a
 * weak-duality bound minus the achieved objective, so the true optimum is at most `objective +
 * gapBound` — a proof of how good the answer is, not an estimate.
 *
 * Every answer carries the best budget (`best`) so that a caller can say whether the budget asked
 * about is past the profitable level.
 */
export function optimiseBudget(plan: Plan, spec: OptimiseSpec, series?: DriverSeries): OptimiseResult {
  if (spec.mode === 'bestBudget' && spec.objective !== 'contribution') throw new RangeError('optimiser: the best budget maximises contribution');
  const prepared = prepare(plan, spec.objective, spec.scenarioId, spec.bounds, series);
  if ('ok' in prepared) return prepared;
  if (spec.mode === 'bestBudget') return bestAnswer(prepared);
  if (spec.mode === 'minSpend') {
    if (typeof spec.target !== 'number' || !Number.isFinite(spec.target)) throw new RangeError('optimiser: the target is not a finite number');
    return minSpend(prepared, spec.target);
  }
  checkNumber('the total budget', spec.totalBudget);
  const budget = Math.round(spec.totalBudget);
  prepared.cap = budget;
  return solveFor(prepared, budget, bestOf(prepared));
}

/** For the frontier: the prepared problem, its best budget and a solver of one budget. */
export { bestOf as bestBudgetOf, solveFor as solveBudgetFor };
