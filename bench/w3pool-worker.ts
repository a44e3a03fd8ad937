import { parentPort } from 'node:worker_threads';
import { runMonteCarloChunk, type MonteCarloModel } from '../src/engine/uncertainty';

/** One thread of the W3b pool benchmark: as src/workers/montecarlo.worker.ts, over worker_threads messages. */
let model: MonteCarloModel | null = null;
parentPort!.on('message', (msg: { init?: MonteCarloModel; run?: [seed: number, from: number, to: number] }) => {
  if (msg.init) {
    model = msg.init;
    parentPort!.postMessage({ ready: true });
    return;
  }
  const [seed, from, to] = msg.run!;
  const chunk = runMonteCarloChunk(model!, seed, from, to);
  const buffers = [chunk.totalContribution.buffer, chunk.totalNetRevenue.buffer, chunk.periodNetRevenue.buffer, chunk.periodContribution.buffer] as ArrayBuffer[];
  parentPort!.postMessage({ chunk }, buffers);
});
