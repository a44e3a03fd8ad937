import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MonteCarloChunk, MonteCarloModel } from '../src/engine/uncertainty';
import { CHUNK_DRAWS, poolSize } from '../src/workers/monteCarloPool';
import { median, round, type BenchRow } from './util';

/**
 * W3b's pool: the app's Monte Carlo pool (src/workers/monteCarloPool.ts) hands out ranges of
 * CHUNK_DRAWS draws to `cores − 1` workers, each holding the model once. Here the same scheduling
 * runs over Node's worker_threads, with the same kernel and the same transfers of the result arrays,
 * on 1 and 2 threads (this machine has 2 cores). A 4-core laptop runs 3 workers; its time is
 * projected from the 2-thread run's efficiency and said to be a projection.
 */
const WORKER_URL = new URL('./w3pool-thread.mjs', import.meta.url);

interface PoolThread {
  worker: Worker;
  send: (msg: unknown) => Promise<{ chunk?: MonteCarloChunk }>;
}

function startThread(): PoolThread {
  const worker = new Worker(WORKER_URL);
  let pending: ((v: { chunk?: MonteCarloChunk }) => void) | null = null;
  worker.on('message', (m: { chunk?: MonteCarloChunk }) => {
    const p = pending;
    pending = null;
    p?.(m);
  });
  return {
    worker,
    send: (msg) =>
      new Promise((resolve) => {
        pending = resolve;
        worker.postMessage(msg);
      }),
  };
}

/** Runs `draws` draws over `threads` threads as the app's pool does; wall time from sending the model to the last chunk back. */
async function poolRun(threads: PoolThread[], model: MonteCarloModel, seed: number, draws: number): Promise<{ ms: number; chunks: MonteCarloChunk[] }> {
  const ranges: [number, number][] = [];
  for (let from = 0; from < draws; from += CHUNK_DRAWS) ranges.push([from, Math.min(draws, from + CHUNK_DRAWS)]);
  const results: MonteCarloChunk[] = new Array(ranges.length);
  let next = 0;
  const t = performance.now();
  await Promise.all(threads.map((th) => th.send({ init: model })));
  await Promise.all(
    threads.map(async (th) => {
      while (next < ranges.length) {
        const k = next++;
        results[k] = (await th.send({ run: [seed, ...ranges[k]] })).chunk!;
      }
    }),
  );
  return { ms: performance.now() - t, chunks: results };
}

export async function measureW3bPool(model: MonteCarloModel, seed: number, draws: number, oneWorkerMs: number, rounds = 7): Promise<BenchRow> {
  const load = loadavg()[0];
  const threads = [startThread(), startThread()];
  try {
    const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
    // Warm both threads (module load, kernel compile), then interleave 1- and 2-thread rounds.
    await poolRun(threads, model, seed, 2 * CHUNK_DRAWS);
    let same = true;
    let reference: MonteCarloChunk[] | null = null;
    for (let i = 0; i < rounds; i++) {
      for (const n of i % 2 ? ([2, 1] as const) : ([1, 2] as const)) {
        const run = await poolRun(threads.slice(0, n), model, seed, draws);
        times[n].push(run.ms);
        if (!reference) reference = run.chunks;
        else same &&= run.chunks.every((c, k) => c.totalContribution.every((x, j) => x === reference![k].totalContribution[j]));
      }
    }
    const one = median(times[1]);
    const two = median(times[2]);
    const efficiency = one / two / 2;
    const laptopWorkers = poolSize(4);
    const projected = one / (laptopWorkers * efficiency);
    return {
      id: 'W3b-pool',
      case: `${draws / 1000}k draws, the app's pool of workers (chunks of ${CHUNK_DRAWS} draws)`,
      ours_ms: round(two, 1),
      peer: 'the same pool on 1 thread',
      peer_ms: round(one, 1),
      ratio: round(one / two, 2),
      goal: "a 4-core laptop's pool (3 workers) <= 200 ms",
      met: projected <= 200,
      threads: 2,
      cores: cpus().length,
      efficiency_per_thread: round(efficiency, 3),
      one_worker_kernel_ms: round(oneWorkerMs, 1),
      laptop_workers: laptopWorkers,
      laptop_projected_ms: round(projected, 1),
      same_result_any_split: same,
      load_average_1min: round(load, 2),
      note: `measured on ${cpus().length} cores with 1 and 2 worker threads (interleaved, ${rounds} rounds each, medians; model sent once per run, chunks transferred back); the 4-core figure is projected from the 2-thread efficiency, not measured`,
    };
  } finally {
    await Promise.all(threads.map((th) => th.worker.terminate()));
  }
}
