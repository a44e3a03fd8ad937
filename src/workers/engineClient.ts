import type { Plan } from '../engine/types';
import type { ComputeOutput, EngineApi } from './engineApi';
import { LatestRunner, type Latest } from './latest';
import { WorkerHandle } from './workerHandle';

/** The UI's way to compute a plan: in the engine worker, newest request wins. */
export class EngineClient {
  #handle = new WorkerHandle<EngineApi>(
    () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
  );
  #runner = new LatestRunner<{ plan: Plan; scenarioId: string | null }, ComputeOutput>(({ plan, scenarioId }) =>
    this.#handle.call((api) => (scenarioId === null ? api.compute(plan) : Promise.reject(new Error(`scenario ${scenarioId}`)))),
  );

  /** Computes the plan (or one of its scenarios); a request overtaken by a newer one resolves STALE. */
  compute(plan: Plan, scenarioId: string | null = null): Promise<Latest<ComputeOutput>> {
    // A $state proxy cannot be cloned into a worker; the caller passes plain data ($state.raw).
    return this.#runner.submit({ plan, scenarioId });
  }

  dispose(): void {
    this.#handle.terminate();
  }
}
