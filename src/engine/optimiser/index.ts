/** The budget optimiser (docs/model.md#budget-optimiser): water-filling on marginal returns, concave envelopes for S-curves. */
export {
  optimiseBudget,
  efficientFrontier,
  splitByPattern,
  type OptimiseSpec,
  type OptimiseResult,
  type OptimiseObjective,
  type ChannelAllocation,
  type FrontierOptions,
  type Frontier,
} from './optimise';
export { applyAllocationAsAdjustments } from './adjustments';
export {
  buildModels,
  channelValue,
  channelMarginal,
  response,
  responseSlope,
  type ResponseModel,
} from './model';
