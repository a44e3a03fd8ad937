/**
 * Monte Carlo runs for the Uncertainty tab: draws spread over a pool of workers (all cores but the
 * page's), with progress and cancel.
 */
export { poolSize, runMonteCarloPool, type PoolProgress } from '../workers/monteCarloPool';
