/** Customer analytics on column arrays: summaries, RFM, segments, ABC, cohorts, migration and CLV. */
export * from './calendar';
export * from './columns';
export * from './rfm';
export * from './segments';
export * from './abc';
export * from './segmentChannel';
export * from './cohorts';
export * from './migration';
export * from './clvSummary';
export * from './bgnbd';
export * from './gammaGamma';
export * from './clv';
export * from './heuristics';
export { lgamma, digamma, log2F1 } from './special';
export { minimizeBfgs, type Objective, type MinimizeResult } from './minimize';
