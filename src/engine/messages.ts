/**
 * Everything the engine can tell a user, as a code and the parameters it needs. The engine never
 * words a sentence: it runs in workers and tests, and its users read Chinese as often as English.
 * The UI looks the code up in its message catalogues (`engine.<code>`) and formats the parameters
 * in the user's locale — numbers as numbers, money in the plan's currency, names as plain text.
 *
 * A new code needs a message in every catalogue and a formatter of its parameters; the compiler
 * refuses the build until both exist (see src/i18n/engineMessages/).
 */
export interface EngineMessageParams {
  // Curve import (calibration/importers.ts). `field` is the tool's own parameter name ("gamma").
  'import.notFinite': { field: string };
  'import.notPositive': { field: string };
  'import.negative': { field: string };
  'import.badCurrency': { currency: string };
  'import.shapeOutOfRange': { shape: number; min: number; max: number };
  'import.maxOutOfRange': { max: number; limit: number };
  'import.halfSatBelowMinorUnit': Record<string, never>;
  'import.halfSatTooLarge': Record<string, never>;
  'import.gammaRange': Record<string, never>;
  'import.spendMaxBelowMin': Record<string, never>;
  'import.thetaRange': Record<string, never>;
  'import.zeroInflexion': Record<string, never>;
  'import.betaOrMaxResponse': Record<string, never>;
  'import.kpiScaleWithBeta': Record<string, never>;
  'import.gridPoints': { min: number; max: number };
  /** The logistic curve is still nearly straight over 0 … spendMax: no saturation to read. */
  'import.logisticLinear': Record<string, never>;
  /** The logistic curve is already flat over nearly all of 0 … spendMax. */
  'import.logisticSaturated': Record<string, never>;
  'import.logisticNoFit': Record<string, never>;
  // Caveats of a conversion that worked.
  'import.note.robynSamePeriod': Record<string, never>;
  'import.note.robynSteadyState': Record<string, never>;
  'import.note.robynSpendRange': Record<string, never>;
  'import.note.meridianSteadyState': Record<string, never>;
  'import.note.meridianGeo': Record<string, never>;
  'import.note.pymcSteadyState': Record<string, never>;
  /** `maxRelativeError`: the largest gap over the range as a share of the logistic curve's ceiling. */
  'import.note.logisticApproximation': { maxRelativeError: number };

  // Curve fit (calibration/fitHill.ts). `point` counts from 1; `low`/`high` are multiples of the
  // largest observed spend.
  'fit.notAList': Record<string, never>;
  'fit.pointNotNumbers': { point: number };
  'fit.negativeSpend': { point: number };
  'fit.negativeOutcome': { point: number };
  'fit.tooFewPoints': { count: number };
  'fit.sameSpend': Record<string, never>;
  'fit.tooFewSpendLevels': { count: number };
  'fit.sameOutcome': Record<string, never>;
  'fit.notRising': Record<string, never>;
  'fit.farBelowHalfSat': { ratio: number };
  'fit.farBeyondHalfSat': Record<string, never>;
  'fit.illConditioned': Record<string, never>;
  'fit.mayBeFarBelow': { low: number; high: number };
  'fit.mayBeFarBeyond': { low: number; high: number };
  'fit.tooScattered': { low: number; high: number };
  // What to do about a refused fit.
  'fit.advice.higherSpend': Record<string, never>;
  'fit.advice.lowerSpend': Record<string, never>;
  'fit.advice.widerRange': Record<string, never>;
  'fit.advice.morePoints': Record<string, never>;

  // Budget optimiser (optimiser/problem.ts, optimise.ts). Amounts in minor units of the plan
  // currency (`target` and `best` in the objective's, which is money too); `channel` is the name.
  'opt.noChannels': Record<string, never>;
  'opt.minAboveMax': { channelId: string; channel: string; min: number; max: number };
  'opt.minsAboveBudget': { sum: number; budget: number };
  'opt.maxesBelowBudget': { sum: number; budget: number };
  'opt.unreachable': { target: number; best: number; budget: number };
  'opt.unbounded': { channelId: string; channel: string };

  // Uncertain drivers (uncertainty/validate.ts). `low`/`high` in the driver's own units.
  'risk.unknownChannel': { channelId: string };
  'risk.unknownDriver': { driver: string };
  'risk.unknownDistribution': { distribution: string };
  'risk.notFinite': Record<string, never>;
  'risk.lowAboveHigh': { driver: string; low: number; high: number };
  'risk.lognormalNotPositive': { driver: string; low: number };
  /** `regionId` is the id the range names (the plan has no region of it); `channel`, `region` are names. */
  'risk.unknownRegion': { regionId: string };
  'risk.regionNotServed': { channel: string; region: string };

  // Adjustments of a scenario by region (scenarios/validate.ts). Names, not ids, except an unknown id.
  'scen.unknownRegion': { regionId: string };
  'scen.regionNotServed': { region: string };
}

export type EngineMessageCode = keyof EngineMessageParams;

/** One message: `EngineMessage<'fit.sameSpend'>`, or any of several codes, or (no argument) any. */
export type EngineMessage<C extends EngineMessageCode = EngineMessageCode> = { [K in C]: { code: K; params: EngineMessageParams[K] } }[C];

/** Builds a message; the code fixes the parameters it needs. */
export function engineMessage<C extends EngineMessageCode>(code: C, ...params: EngineMessageParams[C] extends Record<string, never> ? [] : [EngineMessageParams[C]]): { code: C; params: EngineMessageParams[C] } {
  return { code, params: (params[0] ?? {}) as EngineMessageParams[C] };
}
