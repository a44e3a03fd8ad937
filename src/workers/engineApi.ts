import { computePlan, type PlanResult } from '../engine/compute';
import { applyPlanPatch, NO_KEPT_PLAN, type PatchWrite } from '../engine/planPatch';
import { compileCustomMetrics, type CustomMetricProblem } from '../engine/expr';
import { goalSeek, type GoalSeekResult, type GoalSeekSpec } from '../engine/goalSeek';
import { promotionEffects, type PromotionEffect } from '../engine/levers/promotionEffects';
import { BUILTIN_NAMES } from '../engine/metrics';
import { validateScenarios } from '../engine/scenarios/validate';
import { fitHill, type FitResult } from '../engine/calibration';
import { efficientFrontier, optimiseBudget, optimiseWithPolicies, type Frontier, type FrontierOptions, type OptimiseObjective, type OptimiseResult, type OptimiseSpec, type PolicyResult, type PolicySpec } from '../engine/optimiser';
import { responseCurves, type ResponseCurveSeries } from '../engine/responseCurves';
import { liveRollups, type Rollup } from '../engine/rollup';
import { monthKeys } from '../engine/timeline';
import { prepareMonteCarlo, tornado, type MonteCarloModel, type MonteCarloOptions, type TornadoOptions, type TornadoResult } from '../engine/uncertainty';
import type { ChannelBudgetBounds, CurvePoint, Plan } from '../engine/types';
import { validatePlan, type Problem } from '../engine/validate';
import { potGame, type PotGame } from '../engine/workshop/potGame';
import { proposalFrontier, type ProposalFrontier } from '../engine/workshop/proposalFrontier';
import { reforecastPlan, type Reforecast } from '../engine/variance/reforecast';

export interface ComputeOutput {
  result: PlanResult;
  problems: Problem[];
  /** Problems in the plan's scenarios and cannibalisation pairs (validateScenarios). */
  scenarioProblems: Problem[];
  customProblems: { metricId: string; code: string; message: string; position: number }[];
  /** LIVE_ROLLUPS of the result, added up in the worker (computeKept only: the plan view's live results). */
  rollups?: Rollup[];
}

/** Every buffer in a result, so the worker can hand them over without copying. */
export function resultBuffers(result: PlanResult): ArrayBuffer[] {
  const arrays = [
    ...Object.values(result.flows),
    ...Object.values(result.drivers),
    result.marginalRoi,
    result.marginalRoiSpend,
    result.marginalRoiDefined,
    // The channel × region rows of a plan planned by region are the largest part: hand them over too.
    ...(result.regional
      ? [...Object.values(result.regional.flows), ...Object.values(result.regional.drivers), result.regional.marginalRoi, result.regional.marginalRoiSpend, result.regional.marginalRoiDefined]
      : []),
  ];
  // A buffer listed twice makes postMessage throw; each array owns its buffer, but stay safe.
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

function describeProblems(problems: CustomMetricProblem[]): ComputeOutput['customProblems'] {
  return problems.map((p) => ({
    metricId: p.metricId,
    code: p.error.code,
    message: p.error.message,
    position: p.error.position,
  }));
}

/**
 * The problems of a plan's custom metrics, compiled once per list of metrics: the plan the worker
 * keeps is patched in place of an edit's writes, so its metric list stays the same object until a
 * metric itself is edited, and a drag's hundreds of computes need not parse every formula again.
 */
const customProblemsOf = new WeakMap<Plan['customMetrics'], ComputeOutput['customProblems']>();
function customMetricProblems(plan: Plan): ComputeOutput['customProblems'] {
  if (typeof plan.customMetrics !== 'object' || plan.customMetrics === null) return describeProblems(compileCustomMetrics(plan.customMetrics, BUILTIN_NAMES).problems);
  let problems = customProblemsOf.get(plan.customMetrics);
  if (!problems) {
    problems = describeProblems(compileCustomMetrics(plan.customMetrics, BUILTIN_NAMES).problems);
    customProblemsOf.set(plan.customMetrics, problems);
  }
  return problems;
}

/**
 * The plan the worker was last sent for a recompute, numbered. After an edit the client sends only
 * what changed since that version (planPatch.ts): copying the whole plan into the worker on every
 * keystroke and slider step was main-thread work proportional to the plan, not to the edit.
 */
let kept: { version: number; plan: Plan } | null = null;

/** A plan update for `computeKept`: the whole plan, or the writes that turn version `base` into it. */
export type KeptPlanUpdate = { version: number; plan: Plan } | { version: number; base: number; patch: PatchWrite[] };

/** What the engine worker exposes. Plain functions over plain data: also callable directly in tests. */
export const engineApi = {
  /** `compute` on the plan kept in the worker, brought up to date by `update` first. */
  computeKept(update: KeptPlanUpdate, scenarioId: string | null = null): ComputeOutput {
    if ('plan' in update) kept = { version: update.version, plan: update.plan };
    else {
      let plan: Plan | null = null;
      try {
        if (kept?.version === update.base) plan = applyPlanPatch(kept.plan, update.patch);
      } catch {
        // A patch that does not fit what is kept: the whole plan comes next.
      }
      kept = plan && { version: update.version, plan };
      if (!kept) throw Object.assign(new Error('The engine does not hold the plan this change was made to'), { name: NO_KEPT_PLAN });
    }
    const out = engineApi.compute(kept.plan, scenarioId);
    return { ...out, rollups: liveRollups(kept.plan, out.result) };
  },


  /** The baseline (no id or null) or a scenario; throws ScenarioError for a bad id or a cycle. */
  compute(plan: Plan, scenarioId: string | null = null): ComputeOutput {
    const problems = validatePlan(plan);
    const scenarioProblems = validateScenarios(plan);
    return { result: computePlan(plan, scenarioId), problems, scenarioProblems, customProblems: customMetricProblems(plan) };
  },

  /** Several scenarios of one plan (for Compare), in the order asked. */
  computeMany(plan: Plan, scenarioIds: (string | null)[]): ComputeOutput[] {
    const problems = validatePlan(plan);
    const scenarioProblems = validateScenarios(plan);
    const customProblems = customMetricProblems(plan);
    return scenarioIds.map((id) => ({ result: computePlan(plan, id), problems, scenarioProblems, customProblems }));
  },

  goalSeek(plan: Plan, spec: GoalSeekSpec): GoalSeekResult {
    return goalSeek(plan, spec);
  },

  fitCurve(points: CurvePoint[]): FitResult {
    return fitHill(points);
  },

  optimise(plan: Plan, spec: OptimiseSpec): OptimiseResult {
    return optimiseBudget(plan, spec);
  },

  /** The answer with the plan's rules next to the answer without them, with each binding rule's cost. */
  optimisePolicies(plan: Plan, spec: PolicySpec): PolicyResult {
    return optimiseWithPolicies(plan, spec);
  },

  frontier(plan: Plan, opts: FrontierOptions): Frontier {
    return efficientFrontier(plan, opts);
  },

  /** The workshop's proposals (and baseline) as points against the efficient frontier. */
  proposalFrontier(plan: Plan, curveScenarioId: string | null, scenarioIds: (string | null)[], bounds: ChannelBudgetBounds[]): ProposalFrontier {
    return proposalFrontier(plan, curveScenarioId, scenarioIds, bounds);
  },

  /** The fixed-pot game of a scenario: models, pot, limits, start and par. */
  potGame(plan: Plan, scenarioId: string | null, bounds: ChannelBudgetBounds[]): PotGame {
    return potGame(plan, scenarioId, bounds);
  },

  responseCurves(plan: Plan, scenarioId: string | null, objective: OptimiseObjective, upTo?: Record<string, number>): ResponseCurveSeries[] {
    return responseCurves(plan, scenarioId, objective, 60, upTo);
  },

  /** The Monte Carlo model for the pool's workers, prepared once here; months label the bands. */
  prepareMonteCarlo(plan: Plan, opts: MonteCarloOptions): { model: MonteCarloModel; months: string[] } {
    return { model: prepareMonteCarlo(plan, opts), months: monthKeys(plan.timeline) };
  },

  tornado(plan: Plan, opts: TornadoOptions): TornadoResult {
    return tornado(plan, opts);
  },

  /** What each promotion adds to the plan in a scenario, and its break-even lift. */
  promotionEffects(plan: Plan, scenarioId: string | null): PromotionEffect[] {
    return promotionEffects(plan, scenarioId);
  },

  /** Each channel's net revenue re-forecast from its actuals up to `through`, over the plan months after it. */
  reforecast(plan: Plan, through: string): Reforecast {
    return reforecastPlan(plan, through);
  },
};

export type EngineApi = typeof engineApi;
