import type { GoalSeekResult, GoalSeekSpec } from '../engine/goalSeek';
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
    this.#handle.call((api) => api.compute(plan, scenarioId)),
  );

  /** Computes the plan (or one of its scenarios); a request overtaken by a newer one resolves STALE. */
  compute(plan: Plan, scenarioId: string | null = null): Promise<Latest<ComputeOutput>> {
    // A $state proxy cannot be cloned into a worker; the caller passes plain data ($state.raw).
    return this.#runner.submit({ plan, scenarioId });
  }

  /** Computes several scenarios at once (for Compare); not subject to latest-wins with `compute`. */
  computeMany(plan: Plan, scenarioIds: (string | null)[], signal?: AbortSignal): Promise<ComputeOutput[]> {
    return this.#handle.call((api) => api.computeMany(plan, scenarioIds), signal);
  }

  goalSeek(plan: Plan, spec: GoalSeekSpec, signal?: AbortSignal): Promise<GoalSeekResult> {
    return this.#handle.call((api) => api.goalSeek(plan, spec) as Promise<GoalSeekResult>, signal);
  }

  dispose(): void {
    this.#handle.terminate();
  }
}
