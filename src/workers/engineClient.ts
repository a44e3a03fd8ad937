import type { Plan } from '../engine/types';
import type { ComputeOutput, EngineApi } from './engineApi';
import { LatestRunner, type Latest } from './latest';
import { WorkerHandle } from './workerHandle';

/** The UI's way to compute a plan: in the engine worker, newest request wins. */
export class EngineClient {
  #handle = new WorkerHandle<EngineApi>(
    () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
  );
  #runner = new LatestRunner<Plan, ComputeOutput>((plan) => this.#handle.call((api) => api.compute(plan)));

  compute(plan: Plan): Promise<Latest<ComputeOutput>> {
    // A $state proxy cannot be cloned into a worker; the caller passes plain data ($state.raw).
    return this.#runner.submit(plan);
  }

  dispose(): void {
    this.#handle.terminate();
  }
}
