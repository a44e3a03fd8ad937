import type { GoalSeekResult, GoalSeekSpec } from '../engine/goalSeek';
import type { FitResult } from '../engine/calibration';
import type { Frontier, FrontierOptions, OptimiseObjective, OptimiseResult, OptimiseSpec } from '../engine/optimiser';
import type { ResponseCurveSeries } from '../engine/responseCurves';
import type { MonteCarloModel, MonteCarloOptions, TornadoOptions, TornadoResult } from '../engine/uncertainty';
import type { CurvePoint, Plan } from '../engine/types';
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

  fitCurve(points: CurvePoint[]): Promise<FitResult> {
    return this.#handle.call((api) => api.fitCurve(points) as Promise<FitResult>);
  }

  optimise(plan: Plan, spec: OptimiseSpec): Promise<OptimiseResult> {
    return this.#handle.call((api) => api.optimise(plan, spec) as Promise<OptimiseResult>);
  }

  frontier(plan: Plan, opts: FrontierOptions): Promise<Frontier> {
    return this.#handle.call((api) => api.frontier(plan, opts));
  }

  responseCurves(plan: Plan, scenarioId: string | null, objective: OptimiseObjective, upTo?: Record<string, number>): Promise<ResponseCurveSeries[]> {
    return this.#handle.call((api) => api.responseCurves(plan, scenarioId, objective, upTo));
  }

  prepareMonteCarlo(plan: Plan, opts: MonteCarloOptions): Promise<{ model: MonteCarloModel; months: string[] }> {
    return this.#handle.call((api) => api.prepareMonteCarlo(plan, opts));
  }

  tornado(plan: Plan, opts: TornadoOptions): Promise<TornadoResult> {
    return this.#handle.call((api) => api.tornado(plan, opts));
  }

  dispose(): void {
    this.#handle.terminate();
  }
}
