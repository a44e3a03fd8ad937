/** What the optimiser is asked and what it answers (docs/model.md#budget-optimiser). */
import type { ChannelBudgetBounds } from '../types';
import type { OptimiseObjective } from './model';
import type { OptimiseFailure } from './problem';


/**
 * What to optimise (docs/model.md#budget-optimiser). Budgets, targets and bounds are in minor units of total spend over
 * the whole plan; budgets are rounded to whole minor units.
 *   maxObjective  the allocation of exactly `totalBudget` that maximises the objective
 *   minSpend      the least total budget whose best allocation reaches `target`
 *   bestBudget    the budget and allocation that maximise contribution, with no total imposed:
 *                 every funded channel at the spend where one more unit brings back exactly one
 *                 unit (see bestBudget.ts)
 */
export type OptimiseSpec =
  | { mode: 'maxObjective'; objective: OptimiseObjective; totalBudget: number; scenarioId: string | null; bounds: ChannelBudgetBounds[] }
  | { mode: 'minSpend'; objective: OptimiseObjective; target: number; scenarioId: string | null; bounds: ChannelBudgetBounds[] }
  | { mode: 'bestBudget'; objective: 'contribution'; scenarioId: string | null; bounds: ChannelBudgetBounds[] };

export interface ChannelAllocation {
  channelId: string;
  /** Total spend over the plan today, and in the answer (whole minor units). */
  today: number;
  optimal: number;
  change: number;
  /** d objective / d spend at the answer (marginal ROI for contribution, marginal ROAS for net revenue); +Infinity for a concave hill at zero spend. */
  marginalReturn: number;
  /**
   * d contribution / d spend at the answer, whatever the objective: what one more unit of spend
   * on this channel adds to contribution after paying for itself (−0.56: it brings back 0.44).
   */
  marginalContribution: number;
  objectiveToday: number;
  objectiveOptimal: number;
  /** The channel's contribution at the answer (= objectiveOptimal for the contribution objective). */
  contributionOptimal: number;
  /** Minor units per period, following the channel's spend pattern, summing exactly to `optimal`. */
  monthly: number[];
  /**
   * When channels are computed by region: the channel's rows (region, today, optimal; '' = the whole
   * channel), in the order of the optimiser's variables. Absent on a plan without regional channels.
   */
  rows?: { regionId: string; today: number; optimal: number }[];
}

/**
 * The contribution-maximising budget under the same bounds, reported with every answer so that a
 * budget past it (or short of it) can be called so: or the channel whose contribution rises
 * without limit (a linear curve that returns more than it costs and has no maximum).
 */
export type BestBudgetInfo =
  | { ok: true; budget: number; contribution: number; gapBound: number }
  | { ok: false; channelId: string };

export type OptimiseResult =
  | {
    ok: true;
    allocations: ChannelAllocation[];
    objective: number;
    objectiveToday: number;
    totalSpend: number;
    /**
     * waterFilling: concave curves, exact. concaveEnvelope: S-shaped curves on their concave
     * envelopes, within gapBound. exactSearch: at most 12 S-shaped channels, searched over which are
     * past their inflection (sShapedExact.ts). interiorPoint: with group or efficiency rules.
     */
    method: 'waterFilling' | 'concaveEnvelope' | 'exactSearch' | 'interiorPoint';
    /**
     * A proven upper bound on how far below the true optimum `objective` can be (0 when every
     * channel's curve is concave, where water-filling is exact up to the final rounding to whole
     * minor units). See `dualBound`.
     */
    gapBound: number;
    /** Sweeps over the channels, over every solve this answer needed. */
    iterations: number;
    /**
     * The KKT multiplier: the common marginal return of channels strictly inside their bounds. When
     * every channel sits at a bound it is the highest marginal (all at their minimum) or the lowest
     * (all at their maximum), possibly ±Infinity. For the contribution objective it is what the
     * last unit of the budget adds to contribution: below 0, the budget is past the profitable level.
     * 0 for the best budget.
     */
    lambda: number;
    /** Total contribution of the answer (= objective for the contribution objective). */
    contribution: number;
    best: BestBudgetInfo;
  }
  | OptimiseFailure;

export type Failure = OptimiseFailure;
export type Success = Extract<OptimiseResult, { ok: true }>;

