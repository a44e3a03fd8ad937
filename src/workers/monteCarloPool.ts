import type { MonteCarloChunk, MonteCarloModel } from '../engine/uncertainty';
import type { MonteCarloWorkerApi } from './montecarlo.worker';
import { AbortedError, WorkerHandle } from './workerHandle';

/** Draws per request: small enough for early bands and smooth progress, large enough to amortise messages. */
export const CHUNK_DRAWS = 500;

export interface PoolProgress {
  done: number;
  total: number;
  chunks: MonteCarloChunk[];
}

/** Workers to use: all cores but one (the page's), at least one. */
export function poolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, (hardwareConcurrency ?? 2) - 1);
}

/**
 * Runs `draws` Monte Carlo draws over a pool of workers, chunk by chunk, reporting every finished
 * chunk (in draw order) so the UI can show bands early. Aborting terminates every worker.
 */
export async function runMonteCarloPool(
  model: MonteCarloModel,
  seed: number,
  draws: number,
  workers: number,
  onProgress: (p: PoolProgress) => void,
  signal: AbortSignal,
): Promise<MonteCarloChunk[]> {
  const handles = Array.from(
    { length: Math.max(1, Math.min(workers, Math.ceil(draws / CHUNK_DRAWS))) },
    () => new WorkerHandle<MonteCarloWorkerApi>(() => new Worker(new URL('./montecarlo.worker.ts', import.meta.url), { type: 'module', name: 'montecarlo' }), { idleMs: 30_000 }),
  );
  const ranges: [number, number][] = [];
  for (let from = 0; from < draws; from += CHUNK_DRAWS) ranges.push([from, Math.min(draws, from + CHUNK_DRAWS)]);
  const results: (MonteCarloChunk | undefined)[] = new Array(ranges.length);
  let next = 0;
  let done = 0;
  const stop = (): void => handles.forEach((h) => h.terminate());
  signal.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(handles.map((h) => h.call((api) => api.init(model), signal)));
    await Promise.all(
      handles.map(async (h) => {
        while (next < ranges.length) {
          if (signal.aborted) throw new AbortedError();
          const k = next++;
          const [from, to] = ranges[k];
          results[k] = await h.call((api) => api.run(seed, from, to), signal);
          done += to - from;
          // Report the finished prefix, so bands always come from the first draws (reproducible).
          const prefix: MonteCarloChunk[] = [];
          for (const r of results) {
            if (!r) break;
            prefix.push(r);
          }
          onProgress({ done, total: draws, chunks: prefix });
        }
      }),
    );
    return results as MonteCarloChunk[];
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}
