import * as Comlink from 'comlink';
import type { GoalSeekResult, GoalSeekSpec } from '../engine/goalSeek';
import type { Plan } from '../engine/types';
import { engineApi, resultBuffers, type ComputeOutput } from './engineApi';

// The exposed object transfers result buffers instead of cloning them.
const exposed: typeof engineApi = {
  compute(plan: Plan, scenarioId: string | null = null): ComputeOutput {
    const out = engineApi.compute(plan, scenarioId);
    return Comlink.transfer(out, resultBuffers(out.result));
  },
  computeMany(plan: Plan, scenarioIds: (string | null)[]): ComputeOutput[] {
    const outs = engineApi.computeMany(plan, scenarioIds);
    return Comlink.transfer(outs, outs.flatMap((o) => resultBuffers(o.result)));
  },
  goalSeek(plan: Plan, spec: GoalSeekSpec): GoalSeekResult {
    return engineApi.goalSeek(plan, spec);
  },
  fitCurve: engineApi.fitCurve,
  optimise: engineApi.optimise,
  frontier: engineApi.frontier,
  responseCurves: engineApi.responseCurves,
  prepareMonteCarlo: engineApi.prepareMonteCarlo,
  tornado: engineApi.tornado,
};

Comlink.expose(exposed);
