import * as Comlink from 'comlink';
import { runMonteCarloChunk, type MonteCarloChunk, type MonteCarloModel } from '../engine/uncertainty';

/**
 * One Monte Carlo worker of the pool: it receives the prepared model once, then runs ranges of draws.
 * Draw i depends only on (seed, i), so any split of the draws over any number of workers gives the
 * same merged result.
 */
let model: MonteCarloModel | null = null;

const api = {
  init(m: MonteCarloModel): void {
    model = m;
  },
  run(seed: number, from: number, to: number): MonteCarloChunk {
    if (!model) throw new Error('Monte Carlo worker used before init');
    const chunk = runMonteCarloChunk(model, seed, from, to);
    return Comlink.transfer(chunk, [chunk.totalContribution.buffer, chunk.totalNetRevenue.buffer, chunk.periodNetRevenue.buffer, chunk.periodContribution.buffer] as ArrayBuffer[]);
  },
};

export type MonteCarloWorkerApi = typeof api;
Comlink.expose(api);
