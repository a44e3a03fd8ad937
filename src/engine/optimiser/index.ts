/** The budget optimiser (docs/model.md#budget-optimiser): water-filling on marginal returns, concave envelopes for S-curves. */
export {
  optimiseBudget,
  splitByPattern,
  type OptimiseSpec,
  type OptimiseResult,
  type OptimiseObjective,
  type ChannelAllocation,
  type BestBudgetInfo,
} from './optimise';
export type { OptimiseFailure, OptimiseProblem } from './problem';
export { efficientFrontier, type Frontier, type FrontierOptions } from './frontier';
export { bestBudget, channelBest, type BestBudget, type ChannelBest } from './bestBudget';
export { applyAllocationAsAdjustments } from './adjustments';
export {
  buildModels,
  channelValue,
  channelMarginal,
  response,
  responseSlope,
  type ResponseModel,
} from './model';
export { optimiseWithPolicies, type PolicySpec, type PolicyResult, type PolicyGoal, type RuleOutcome, type Certificate } from './policyOptimise';
export { regionShare } from './regionShare';
