import { computePlan, type PlanResult } from '../engine/compute';
import { compileCustomMetrics, type CustomMetricProblem } from '../engine/expr';
import { BUILTIN_NAMES } from '../engine/metrics';
import type { Plan } from '../engine/types';
import { validatePlan, type Problem } from '../engine/validate';

export interface ComputeOutput {
  result: PlanResult;
  problems: Problem[];
  customProblems: { metricId: string; code: string; message: string; position: number }[];
}

/** Every buffer in a result, so the worker can hand them over without copying. */
export function resultBuffers(result: PlanResult): ArrayBuffer[] {
  const arrays = [
    ...Object.values(result.flows),
    ...Object.values(result.drivers),
    result.marginalRoi,
    result.marginalRoiSpend,
    result.marginalRoiDefined,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

function describeProblems(problems: CustomMetricProblem[]): ComputeOutput['customProblems'] {
  return problems.map((p) => ({
    metricId: p.metricId,
    code: p.error.code,
    message: p.error.message,
    position: p.error.position,
  }));
}

/** What the engine worker exposes. Plain functions over plain data: also callable directly in tests. */
export const engineApi = {
  compute(plan: Plan): ComputeOutput {
    const problems = validatePlan(plan);
    const { problems: custom } = compileCustomMetrics(plan.customMetrics, BUILTIN_NAMES);
    return { result: computePlan(plan), problems, customProblems: describeProblems(custom) };
  },
};

export type EngineApi = typeof engineApi;
