/** Response-curve calibration (docs/model.md#curve-calibration): fitting a Hill curve to points, importing other tools' curves. */
export { fitHill, fitDiagnostics, MAX_CONDITION, MAX_HALFSAT_RATIO, MAX_SE_LN, MIN_HALFSAT_RATIO, SHAPE_MIN } from './fitHill';
export type { FitAdvice, FitHillOptions, FitProblem, FitRefusalReason, FitResult } from './fitHill';
export { fitHillToLogistic, fromMeridian, fromPymcHill, fromRobyn } from './importers';
export type { ConversionResult, ImportOptions, LogisticFitOptions, LogisticFitResult, MeridianHillParams, PymcHillParams, RobynHillParams } from './importers';
