/** Uncertainty (docs/model.md#monte-carlo, docs/model.md#tornado): distributions, Monte Carlo (fast and naive), summaries and the tornado. */
export { DISTRIBUTIONS, type Distribution, type UncertainDriver } from '../types';
export {
  distributionParams,
  inverseNormal,
  quantile,
  sample,
  TRIANGULAR_HALF_WIDTH,
  Z90,
  type DistributionParams,
  type DistributionSpec,
} from './distributions';
export { drawUniform, normaliseSeed } from './rng';
export { uncertaintyIssues, UncertaintyError, type UncertaintyIssue, type UncertaintyIssueKind, type UncertaintyProblem } from './validate';
export {
  prepareMonteCarlo,
  runMonteCarlo,
  runMonteCarloChunk,
  type MonteCarloChunk,
  type MonteCarloKernel,
  type MonteCarloModel,
  type MonteCarloOptions,
} from './montecarlo';
export { naiveMonteCarlo } from './naive';
export { rangeBase } from './rangeRows';
export { HISTOGRAM_BINS, quantilesInPlace, summariseMonteCarlo, type Bands, type MonteCarloSummary, type TotalStats } from './summary';
export { naiveTornado, tornado, type TornadoBar, type TornadoOptions, type TornadoResult } from './tornado';
