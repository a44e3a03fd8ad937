import { curveTraffic } from '../curve';
import { engineMessage, type EngineMessage } from '../messages';
import { currencyDigits, isValidCurrency } from '../money';
import type { ResponseCurve } from '../types';
import { fitHill } from './fitHill';

/**
 * Response curves estimated by marketing-mix-modelling tools, converted into the planner's Hill curve
 *
 *   incrementalTraffic(spend) = max · spend^shape / (halfSat^shape + spend^shape)
 *
 * with spend and halfSat in minor units of the plan currency (docs/model.md#response-curve, docs/model.md#curve-calibration). Every tool fits its Hill
 * curve on a transformed media variable (adstocked, often rescaled), and reports its coefficient on
 * a (sometimes rescaled) outcome; each converter undoes those transformations. A Hill curve stays a
 * Hill curve under a rescaling of x (halfSat scales with it) and of y (max scales with it), which is
 * why the conversion is exact: our curve evaluated at a spend equals the tool's formula evaluated at
 * the same spend, up to rounding of halfSat to a whole minor unit (`exact` keeps it unrounded).
 *
 * What no converter can carry over is adstock (carry-over into later periods): the planner has none.
 * The converted curve is the tool's response to a spend *in the same period*, or — where the tool
 * normalises its adstock weights to sum to 1 (Meridian, PyMC-Marketing) — the steady-state response
 * to the same spend every period. Robyn's geometric adstock is not normalised: pass `theta` to get
 * the steady-state curve.
 */

/** Options every converter takes. */
export interface ImportOptions {
  /** ISO 4217 code of the plan currency; halfSat comes back in its minor units. */
  currency: string;
  /**
   * Units of the tool's outcome per unit of the planner's curve outcome (incremental traffic), e.g.
   * revenue per visit (conversion × AOV, in major units) when the tool modelled revenue. Default 1:
   * the tool's outcome is what the curve should predict.
   */
  outcomePerTraffic?: number;
}

export type ConversionResult =
  | {
      ok: true;
      /** Ready for the plan: type 'hill', halfSat rounded to a whole minor unit. */
      curve: ResponseCurve;
      /** The same curve with halfSat unrounded (what the tool's formula gives exactly). */
      exact: ResponseCurve;
      /** Caveats of this conversion, as codes the UI words (import.note.*). */
      notes: EngineMessage[];
    }
  | { ok: false; problem: EngineMessage };

/** The planner's bounds (validate.ts): shape in [0.05, 10], max in [0, 1e12], halfSat a safe integer. */
const SHAPE_RANGE: [number, number] = [0.05, 10];
const MAX_MAX = 1e12;

type Check = EngineMessage | null;

/** A refusal: the problem as a code and its parameters. */
const refuse = (problem: EngineMessage): { ok: false; problem: EngineMessage } => ({ ok: false, problem });

function finite(field: string, v: unknown): Check {
  return typeof v === 'number' && Number.isFinite(v) ? null : engineMessage('import.notFinite', { field });
}
function positive(field: string, v: unknown): Check {
  return finite(field, v) ?? ((v as number) > 0 ? null : engineMessage('import.notPositive', { field }));
}
function nonNegative(field: string, v: unknown): Check {
  return finite(field, v) ?? ((v as number) >= 0 ? null : engineMessage('import.negative', { field }));
}
function firstProblem(...checks: Check[]): Check {
  return checks.find((c) => c !== null) ?? null;
}

function commonProblem(o: ImportOptions): Check {
  if (typeof o.currency !== 'string' || !isValidCurrency(o.currency)) return engineMessage('import.badCurrency', { currency: String(o.currency) });
  return o.outcomePerTraffic === undefined ? null : positive('outcomePerTraffic', o.outcomePerTraffic);
}

/**
 * Builds the result from a curve in tool-independent terms: `halfSatMajor` in major units of the
 * currency, `maxOutcome` in the tool's outcome units.
 */
function build(o: ImportOptions, maxOutcome: number, halfSatMajor: number, shape: number, notes: EngineMessage[]): ConversionResult {
  if (!(shape >= SHAPE_RANGE[0] && shape <= SHAPE_RANGE[1])) {
    return refuse(engineMessage('import.shapeOutOfRange', { shape, min: SHAPE_RANGE[0], max: SHAPE_RANGE[1] }));
  }
  const max = maxOutcome / (o.outcomePerTraffic ?? 1);
  if (!(max >= 0 && max <= MAX_MAX)) return refuse(engineMessage('import.maxOutOfRange', { max, limit: MAX_MAX }));
  const halfSat = halfSatMajor * 10 ** currencyDigits(o.currency);
  if (!(halfSat >= 0.5)) return refuse(engineMessage('import.halfSatBelowMinorUnit'));
  if (!(Math.round(halfSat) <= Number.MAX_SAFE_INTEGER)) return refuse(engineMessage('import.halfSatTooLarge'));
  const exact: ResponseCurve = { type: 'hill', max, halfSat, shape };
  return { ok: true, curve: { ...exact, halfSat: Math.round(halfSat) }, exact, notes };
}

// ---------------------------------------------------------------------------------------------------
// Robyn (Meta)

/**
 * Robyn (R package, `saturation_hill` in transformation.R):
 *
 *   saturation(x) = x^α / (x^α + γ_trans^α),   γ_trans = (1 − γ) · min(x) + γ · max(x)
 *   response(x)   = coef · saturation(x)
 *
 * x is the channel's adstocked spend; γ ∈ [0, 1] places the inflexion γ_trans inside the range of x
 * seen in the modelling window (older versions compute it as a quantile of 100 points over that
 * range and round to 4 decimals, which is the same number up to that rounding). `coef` is the ridge
 * coefficient on the saturated variable, in the dependent variable's units (e.g. revenue per period).
 *
 * Mapping: shape = α, halfSat = γ_trans (spend, major units → minor), max = coef.
 * With geometric adstock θ, a constant spend x per period adstocks to x / (1 − θ) in steady state
 * (Robyn's geometric adstock is not normalised), so the steady-state curve in spend has
 * halfSat = γ_trans · (1 − θ).
 */
export interface RobynHillParams extends ImportOptions {
  alpha: number;
  gamma: number;
  coef: number;
  /** Smallest and largest (adstocked) spend of the channel in the modelling window, major units per period. */
  spendMin: number;
  spendMax: number;
  /** Optional geometric adstock decay θ ∈ [0, 1): return the steady-state curve instead of the same-period one. */
  theta?: number;
}

export function fromRobyn(p: RobynHillParams): ConversionResult {
  const problem =
    commonProblem(p) ??
    firstProblem(
      positive('alpha', p.alpha),
      finite('gamma', p.gamma),
      nonNegative('coef', p.coef),
      nonNegative('spendMin', p.spendMin),
      nonNegative('spendMax', p.spendMax),
      p.theta === undefined ? null : finite('theta', p.theta),
    );
  if (problem) return refuse(problem);
  if (p.gamma < 0 || p.gamma > 1) return refuse(engineMessage('import.gammaRange'));
  if (p.spendMax < p.spendMin) return refuse(engineMessage('import.spendMaxBelowMin'));
  if (p.theta !== undefined && (p.theta < 0 || p.theta >= 1)) return refuse(engineMessage('import.thetaRange'));
  const inflexion = (1 - p.gamma) * p.spendMin + p.gamma * p.spendMax;
  if (!(inflexion > 0)) return refuse(engineMessage('import.zeroInflexion'));
  const notes = [
    p.theta === undefined ? engineMessage('import.note.robynSamePeriod') : engineMessage('import.note.robynSteadyState'),
    engineMessage('import.note.robynSpendRange'),
  ];
  const halfSat = inflexion * (1 - (p.theta ?? 0));
  return build(p, p.coef, halfSat, p.alpha, notes);
}

// ---------------------------------------------------------------------------------------------------
// Google Meridian

/**
 * Meridian (`meridian.model.adstock_hill`):
 *
 *   hill(m) = 1 / (1 + (m / ec)^(−slope)) = m^slope / (m^slope + ec^slope)
 *   incremental KPI (scaled) = β · hill(adstock(m̃)),   m̃ = media / mediaScale
 *
 * Meridian divides each channel's media by a scale (per geo: population × the median of the
 * channel's non-zero per-capita media) before the transformation, so ec is in scaled media units;
 * its geometric adstock weights sum to 1, so a steady spend adstocks to itself. The KPI is modelled
 * centred and scaled (per capita, divided by its standard deviation), so β is in standard
 * deviations: the response in KPI units is β · kpiScale (kpiScale = std × population).
 *
 * Mapping: shape = slope, halfSat = ec · mediaScale (media units) · spendPerUnit (spend per media
 * unit; 1 when the media variable is spend), max = β · kpiScale (or maxResponse given directly).
 */
export interface MeridianHillParams extends ImportOptions {
  ec: number;
  slope: number;
  /** What Meridian divided the channel's media by. */
  mediaScale: number;
  /** β of the channel (posterior mean or median), with kpiScale… */
  beta?: number;
  /** …the KPI's scale (standard deviation × population; default 1 when β is already in KPI units). */
  kpiScale?: number;
  /** …or the maximum incremental KPI per period directly (exactly one of beta and maxResponse). */
  maxResponse?: number;
  /** Spend (major units) per media unit, e.g. cost per impression; default 1 (media is spend). */
  spendPerUnit?: number;
}

export function fromMeridian(p: MeridianHillParams): ConversionResult {
  const problem =
    commonProblem(p) ??
    firstProblem(
      positive('ec', p.ec),
      positive('slope', p.slope),
      positive('mediaScale', p.mediaScale),
      p.beta === undefined ? null : nonNegative('beta', p.beta),
      p.kpiScale === undefined ? null : positive('kpiScale', p.kpiScale),
      p.maxResponse === undefined ? null : nonNegative('maxResponse', p.maxResponse),
      p.spendPerUnit === undefined ? null : positive('spendPerUnit', p.spendPerUnit),
    );
  if (problem) return refuse(problem);
  if ((p.beta === undefined) === (p.maxResponse === undefined)) return refuse(engineMessage('import.betaOrMaxResponse'));
  if (p.maxResponse !== undefined && p.kpiScale !== undefined) return refuse(engineMessage('import.kpiScaleWithBeta'));
  const maxOutcome = p.maxResponse ?? (p.beta as number) * (p.kpiScale ?? 1);
  const notes = [engineMessage('import.note.meridianSteadyState'), engineMessage('import.note.meridianGeo')];
  return build(p, maxOutcome, p.ec * p.mediaScale * (p.spendPerUnit ?? 1), p.slope, notes);
}

// ---------------------------------------------------------------------------------------------------
// PyMC-Marketing

/**
 * PyMC-Marketing (`pymc_marketing.mmm.transformers.hill_function`, `HillSaturation` in
 * `pymc_marketing.mmm.components.saturation`):
 *
 *   hill_function(x, slope, kappa) = 1 − kappa^slope / (kappa^slope + x^slope) = x^slope / (kappa^slope + x^slope)
 *   HillSaturation(x) = beta · hill_function(x, slope, kappa)
 *
 * on x = channel / channelScale (the MMM scales each channel by its maximum absolute value) and with
 * the target likewise divided by targetScale (its maximum absolute value), so the response in the
 * target's units is targetScale · beta · hill_function(channel / channelScale).
 *
 * Mapping: shape = slope, halfSat = kappa · channelScale · spendPerUnit, max = beta · targetScale.
 */
export interface PymcHillParams extends ImportOptions {
  slope: number;
  kappa: number;
  beta: number;
  /** What the channel was divided by (its max absolute value in the default scaling). */
  channelScale: number;
  /** What the target was divided by (its max absolute value in the default scaling). */
  targetScale: number;
  /** Spend (major units) per unit of the channel variable; default 1 (the channel is spend). */
  spendPerUnit?: number;
}

export function fromPymcHill(p: PymcHillParams): ConversionResult {
  const problem =
    commonProblem(p) ??
    firstProblem(
      positive('slope', p.slope),
      positive('kappa', p.kappa),
      nonNegative('beta', p.beta),
      positive('channelScale', p.channelScale),
      positive('targetScale', p.targetScale),
      p.spendPerUnit === undefined ? null : positive('spendPerUnit', p.spendPerUnit),
    );
  if (problem) return refuse(problem);
  const notes = [engineMessage('import.note.pymcSteadyState')];
  return build(p, p.beta * p.targetScale, p.kappa * p.channelScale * (p.spendPerUnit ?? 1), p.slope, notes);
}

/**
 * PyMC-Marketing's default saturation is not a Hill curve but `LogisticSaturation`:
 *
 *   logistic_saturation(x, lam) = (1 − e^(−lam·x)) / (1 + e^(−lam·x))      (= tanh(lam·x / 2))
 *   response = targetScale · beta · logistic_saturation(channel / channelScale, lam)
 *
 * It is concave from zero with a finite slope, and approaches its ceiling exponentially, faster than
 * any Hill curve; no Hill curve equals it. `fitHillToLogistic` fits our Hill curve to it by least
 * squares on an even grid over [0, spendMax] (spendMax in the channel's units) and reports the
 * largest gap between the two over that range — the honest price of the approximation.
 */
export interface LogisticFitOptions extends ImportOptions {
  /** Spend (major units) per unit of the channel variable; default 1 (the channel is spend). */
  spendPerUnit?: number;
  /** Grid points for the least-squares fit (default 201). */
  gridPoints?: number;
  /** Upper bound of the fitted shape (default 5). */
  shapeMax?: number;
}

export type LogisticFitResult =
  | {
      ok: true;
      /** Ready for the plan (halfSat in whole minor units). */
      curve: ResponseCurve;
      /** Largest |Hill − logistic| over [0, spendMax], in the curve's outcome units (after outcomePerTraffic). */
      maxError: number;
      /** maxError as a share of the logistic curve's ceiling (beta · targetScale / outcomePerTraffic). */
      maxRelativeError: number;
      /** Spend (minor units) where the largest gap occurs. */
      maxErrorAt: number;
      r2: number;
      rmse: number;
      notes: EngineMessage[];
    }
  | { ok: false; problem: EngineMessage };

export function fitHillToLogistic(
  lambda: number,
  beta: number,
  channelScale: number,
  targetScale: number,
  spendMax: number,
  options: LogisticFitOptions,
): LogisticFitResult {
  const problem =
    commonProblem(options) ??
    firstProblem(
      positive('lambda', lambda),
      positive('beta', beta),
      positive('channelScale', channelScale),
      positive('targetScale', targetScale),
      positive('spendMax', spendMax),
      options.spendPerUnit === undefined ? null : positive('spendPerUnit', options.spendPerUnit),
    );
  if (problem) return refuse(problem);
  const gridPoints = options.gridPoints ?? 201;
  if (!Number.isInteger(gridPoints) || gridPoints < 10 || gridPoints > 100_000) return refuse(engineMessage('import.gridPoints', { min: 10, max: 100_000 }));

  const minorPerUnit = (options.spendPerUnit ?? 1) * 10 ** currencyDigits(options.currency);
  const ceiling = (beta * targetScale) / (options.outcomePerTraffic ?? 1);
  /** The tool's curve at a spend in minor units, in the planner's outcome units. */
  const logistic = (spendMinor: number): number => {
    const e = Math.exp((-lambda * (spendMinor / minorPerUnit)) / channelScale);
    return (ceiling * (1 - e)) / (1 + e);
  };
  const top = spendMax * minorPerUnit;
  const points = Array.from({ length: gridPoints }, (_, i) => {
    const spend = (top * i) / (gridPoints - 1);
    return { spend, outcome: logistic(spend) };
  });
  const fit = fitHill(points, { shapeMax: options.shapeMax });
  if (!fit.ok) return refuse(logisticRefusal(fit.problem));
  const curve = fit.curve;
  if (!(curve.max <= MAX_MAX)) return refuse(engineMessage('import.maxOutOfRange', { max: curve.max, limit: MAX_MAX }));

  // Largest gap: a dense scan, then golden-section refinement around the worst scan points.
  const gap = (s: number): number => Math.abs(curveTraffic(curve, s) - logistic(s));
  const scan = 4000;
  const step = top / scan;
  const values = Array.from({ length: scan + 1 }, (_, i) => gap(i * step));
  const peaks = values
    .map((v, i) => ({ v, i }))
    .filter(({ v, i }) => (i === 0 || v >= values[i - 1]) && (i === scan || v >= values[i + 1]))
    .sort((a, b) => b.v - a.v)
    .slice(0, 4);
  let maxError = 0;
  let maxErrorAt = 0;
  for (const { i } of peaks) {
    let lo = Math.max(0, (i - 1) * step);
    let hi = Math.min(top, (i + 1) * step);
    const g = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 60; it++) {
      const a = hi - g * (hi - lo);
      const b = lo + g * (hi - lo);
      if (gap(a) >= gap(b)) hi = b;
      else lo = a;
    }
    for (const s of [lo, hi, i * step]) {
      const v = gap(s);
      if (v > maxError) {
        maxError = v;
        maxErrorAt = s;
      }
    }
  }
  const maxRelativeError = maxError / ceiling;
  return {
    ok: true,
    curve,
    maxError,
    maxRelativeError,
    maxErrorAt,
    r2: fit.r2,
    rmse: fit.rmse,
    notes: [engineMessage('import.note.logisticApproximation', { maxRelativeError }), engineMessage('import.note.pymcSteadyState')],
  };
}

/**
 * Why no Hill curve fits the logistic curve, in terms of spendMax (the only thing the user chose):
 * the fit's own advice (add points at higher or lower spend) means nothing for a curve sampled on a
 * grid; a wider or narrower spend range does.
 */
function logisticRefusal(fitProblem: EngineMessage): EngineMessage {
  switch (fitProblem.code) {
    case 'fit.farBelowHalfSat':
    case 'fit.mayBeFarBelow':
      return engineMessage('import.logisticLinear');
    case 'fit.farBeyondHalfSat':
    case 'fit.mayBeFarBeyond':
      return engineMessage('import.logisticSaturated');
    default:
      return engineMessage('import.logisticNoFit');
  }
}
