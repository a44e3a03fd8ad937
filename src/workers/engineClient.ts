import type { Plan } from '../engine/types';
import { NO_KEPT_PLAN, planPatch } from '../engine/planPatch';
import { seedSharedRollups } from '../engine/rollup';
import type { ComputeOutput, EngineApi } from './engineApi';
import { LatestRunner, type Latest } from './latest';
import { WorkerHandle, type ApiArgs, type ApiResult } from './workerHandle';

const engineWorker = (name: string) => () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name });

/**
 * The UI's way to the engine. `run` calls any method of `engineApi` (its declaration is the only
 * one) with an AbortSignal; `compute` is the one call where the newest request wins.
 *
 * Two workers: aborting a long call terminates its worker, which must never take an edit's
 * recompute down with it — so what follows every edit has a worker of its own.
 */
export class EngineClient {
  #live = new WorkerHandle<EngineApi>(engineWorker('engine'));
  #tasks = new WorkerHandle<EngineApi>(engineWorker('engine-tasks'));
  #runner = new LatestRunner<{ plan: Plan; scenarioId: string | null }, ComputeOutput>(async ({ plan, scenarioId }) => {
    const out = await this.#computeLive(plan, scenarioId);
    // The views look up their sums by this plan and result (sharedRollup): the worker's are ready.
    if (out.rollups) seedSharedRollups(plan, out.result, out.rollups);
    return out;
  });
  /** The plan the recompute worker was last sent, and its version there. */
  #sent: { plan: Plan; version: number } | null = null;

  /**
   * Sends the recompute worker what changed since the plan it holds (an edit is a few writes), or
   * the whole plan the first time, after a restart of the worker, or when most of it changed.
   */
  async #computeLive(plan: Plan, scenarioId: string | null): Promise<ComputeOutput> {
    const prev = this.#sent;
    const version = (prev?.version ?? 0) + 1;
    const patch = prev ? planPatch(prev.plan, plan) : null;
    this.#sent = { plan, version };
    if (prev && patch) {
      try {
        return await this.#live.run('computeKept', [{ version, base: prev.version, patch }, scenarioId]);
      } catch (e) {
        if (!(e instanceof Error && e.name === NO_KEPT_PLAN)) throw e;
      }
    }
    return this.#live.run('computeKept', [{ version, plan }, scenarioId]);
  }

  /** Computes the plan (or one of its scenarios); a request overtaken by a newer one resolves STALE. */
  compute(plan: Plan, scenarioId: string | null = null): Promise<Latest<ComputeOutput>> {
    // A $state proxy cannot be cloned into a worker; the caller passes plain data ($state.raw).
    return this.#runner.submit({ plan, scenarioId });
  }

  /** Any other engine call; aborting it stops the worker's work (the worker restarts for the next call). */
  run<K extends keyof EngineApi & string>(method: K, args: ApiArgs<EngineApi, K>, signal?: AbortSignal): Promise<ApiResult<EngineApi, K>> {
    return this.#tasks.run(method, args, signal);
  }

  dispose(): void {
    this.#live.terminate();
    this.#tasks.terminate();
  }
}
