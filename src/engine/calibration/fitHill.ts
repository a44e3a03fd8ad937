import { curveTraffic } from '../curve';
import { engineMessage, type EngineMessage } from '../messages';
import type { CurvePoint, ResponseCurve } from '../types';
import { solveSpd, symmetricEigenvalues } from './linalg';

/**
 * Fitting a Hill response curve to observed (spend, outcome) points (docs/model.md#curve-calibration):
 *
 *   outcome ≈ max · spend^k / (h^k + spend^k)      (max = curve.max, h = curve.halfSat, k = curve.shape)
 *
 * Nonlinear least squares by Levenberg–Marquardt on the log-parameters (ln max, ln h, ln k), so every
 * parameter stays positive, started from several points (h at quantiles of the observed spends, k in
 * {0.5, 1, 2}, max by linear least squares given h and k); the start with the smallest sum of squared
 * errors wins. Data that cannot pin the curve down is refused with a reason rather than fitted: a
 * coarse `reason`, the `problem` as a code with the numbers that explain it, and `advice` (what to
 * do about it) where there is one.
 */

export type FitRefusalReason = 'tooFewPoints' | 'noSpendVariation' | 'noOutcomeVariation' | 'notIdentifiable' | 'invalidPoints';

export type FitResult =
  | {
      ok: true;
      /** type 'hill'; halfSat rounded to a whole minor unit, as plan validation requires. */
      curve: ResponseCurve;
      /** 1 − SSE / SST of the returned curve on the points. */
      r2: number;
      /** √(SSE / n), in the outcome's units. */
      rmse: number;
      /** Levenberg–Marquardt iterations of the winning start. */
      iterations: number;
      /** The fitted curve at 101 evenly spaced spends over 0 … 1.2 × the largest observed spend. */
      fitted: { spend: number; predicted: number }[];
    }
  | { ok: false; reason: FitRefusalReason; problem: FitProblem; advice: FitAdvice | null };

/** What a refused fit says was wrong (fit.*). */
export type FitProblem = EngineMessage<
  | 'fit.notAList' | 'fit.pointNotNumbers' | 'fit.negativeSpend' | 'fit.negativeOutcome' | 'fit.tooFewPoints' | 'fit.sameSpend'
  | 'fit.tooFewSpendLevels' | 'fit.sameOutcome' | 'fit.notRising' | 'fit.farBelowHalfSat' | 'fit.farBeyondHalfSat'
  | 'fit.illConditioned' | 'fit.mayBeFarBelow' | 'fit.mayBeFarBeyond' | 'fit.tooScattered'
>;
/** What to do about it (fit.advice.*). */
export type FitAdvice = EngineMessage<'fit.advice.higherSpend' | 'fit.advice.lowerSpend' | 'fit.advice.widerRange' | 'fit.advice.morePoints'>;

export interface FitHillOptions {
  /** Upper bound of the shape (default 5; at most 10, the plan's limit). The lower bound is 0.1. */
  shapeMax?: number;
}

/** Shape is kept in (SHAPE_MIN, shapeMax]. */
export const SHAPE_MIN = 0.1;
const DEFAULT_SHAPE_MAX = 5;
/** A fitted h beyond this multiple of the largest observed spend is an extrapolation, not a fit. */
export const MAX_HALFSAT_RATIO = 10;
/** …and below this fraction of the smallest positive spend the rise is not observed either. */
export const MIN_HALFSAT_RATIO = 0.1;
/** Condition number of JᵀJ (log-parameters, outcomes scaled to ≤ 1) above which parameters trade off. */
export const MAX_CONDITION = 1e8;
/** Largest accepted standard error of ln max and ln halfSat: ±1 SE spanning a factor of 10. */
export const MAX_SE_LN = Math.log(10) / 2;
const MAX_ITERATIONS = 500;
const FITTED_POINTS = 101;

interface Scaled {
  x: number[];
  lx: number[];
  z: number[];
}

/** One Levenberg–Marquardt run in scaled units: parameters p = [ln m, ln η, ln k]. */
interface Run {
  p: number[];
  sse: number;
  iterations: number;
}

/** Spends far below saturation: the rise is seen, its end is not. */
const FAR_BELOW_ADVICE = Object.freeze(engineMessage('fit.advice.higherSpend'));
/** Spends far beyond saturation: the end is seen, the rise is not. */
const FAR_BEYOND_ADVICE = Object.freeze(engineMessage('fit.advice.lowerSpend'));

function refuse(reason: FitRefusalReason, problem: FitProblem, advice: FitAdvice | null = null): FitResult {
  return { ok: false, reason, problem, advice };
}

/** q = r/(1+r) with r = (x/η)^k, computed as a logistic in u = k·ln(x/η) so that it never overflows. */
function hillQ(lx: number, lnEta: number, k: number): { q: number; u: number } {
  if (lx === -Infinity) return { q: 0, u: -Infinity };
  const u = k * (lx - lnEta);
  const q = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  return { q, u };
}

function sseOf(d: Scaled, p: readonly number[]): number {
  const m = Math.exp(p[0]);
  const k = Math.exp(p[2]);
  let s = 0;
  for (let i = 0; i < d.x.length; i++) {
    const e = d.z[i] - m * hillQ(d.lx[i], p[1], k).q;
    s += e * e;
  }
  return s;
}

/** JᵀJ and Jᵀe at p (J = ∂prediction/∂p). */
function normalEquations(d: Scaled, p: readonly number[]): { a: number[][]; g: number[] } {
  const m = Math.exp(p[0]);
  const k = Math.exp(p[2]);
  const a = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const g = [0, 0, 0];
  for (let i = 0; i < d.x.length; i++) {
    const { q, u } = hillQ(d.lx[i], p[1], k);
    if (q === 0) continue; // zero spend: prediction 0 whatever the parameters
    const f = m * q;
    const w = m * q * (1 - q);
    const j = [f, -k * w, u * w];
    const e = d.z[i] - f;
    for (let r = 0; r < 3; r++) {
      g[r] += j[r] * e;
      for (let c = 0; c <= r; c++) a[r][c] += j[r] * j[c];
    }
  }
  for (let r = 0; r < 3; r++) for (let c = r + 1; c < 3; c++) a[r][c] = a[c][r];
  return { a, g };
}

/**
 * Solves the damped normal equations; a parameter sitting on a bound that the step would push further
 * out is held fixed and the step re-solved for the others (a small active-set rule), so a run against
 * the shape bound still moves the other parameters at full speed.
 */
function boundedStep(damped: number[][], g: number[], p: readonly number[], bounds: readonly [number, number][]): number[] | null {
  const fixed = new Set<number>();
  for (let round = 0; round < 3; round++) {
    const free = [0, 1, 2].filter((i) => !fixed.has(i));
    const sub = solveSpd(
      free.map((r) => free.map((c) => damped[r][c])),
      free.map((r) => g[r]),
    );
    if (!sub) return null;
    const delta = [0, 0, 0];
    free.forEach((i, j) => (delta[i] = sub[j]));
    let changed = false;
    for (const i of free) {
      const atLow = p[i] <= bounds[i][0] && delta[i] < 0;
      const atHigh = p[i] >= bounds[i][1] && delta[i] > 0;
      if (atLow || atHigh) {
        fixed.add(i);
        changed = true;
      }
    }
    if (!changed) return delta;
  }
  return null;
}

function levenbergMarquardt(d: Scaled, start: number[], bounds: [number, number][]): Run {
  const clamp = (p: number[]) => p.map((v, i) => Math.min(bounds[i][1], Math.max(bounds[i][0], v)));
  let p = clamp(start);
  let sse = sseOf(d, p);
  let lambda = 1e-3;
  let iterations = 0;
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    const { a, g } = normalEquations(d, p);
    const trace = a[0][0] + a[1][1] + a[2][2];
    if (!(trace > 0)) break;
    let accepted = false;
    while (lambda < 1e16) {
      const damped = a.map((row, r) => row.map((v, c) => (r === c ? v + lambda * Math.max(v, 1e-12 * trace) : v)));
      const delta = boundedStep(damped, g, p, bounds);
      if (delta) {
        const next = clamp(p.map((v, i) => v + delta[i]));
        let nextSse = sseOf(d, next);
        if (nextSse <= sse) {
          // Variable projection: max is linear given (h, k), so re-solve it exactly after each step.
          const lnM = bestLnMax(d, next[1], Math.exp(next[2]));
          if (lnM !== null) {
            const projected = [Math.min(bounds[0][1], Math.max(bounds[0][0], lnM)), next[1], next[2]];
            const projectedSse = sseOf(d, projected);
            if (projectedSse <= nextSse) {
              next[0] = projected[0];
              nextSse = projectedSse;
            }
          }
          const step = Math.max(...next.map((v, i) => Math.abs(v - p[i])));
          const gain = sse - nextSse;
          p = next;
          sse = nextSse;
          lambda = Math.max(lambda / 3, 1e-12);
          accepted = true;
          if (gain <= 1e-15 * sse + 1e-300 || step < 1e-12) return { p, sse, iterations };
          break;
        }
      }
      lambda *= 4;
    }
    if (!accepted) break;
  }
  return { p, sse, iterations };
}

/** ln of the least-squares max for given η and k (m = Σ z q / Σ q²); null when undefined. */
function bestLnMax(d: Scaled, lnEta: number, k: number): number | null {
  let num = 0;
  let den = 0;
  for (let i = 0; i < d.x.length; i++) {
    const q = hillQ(d.lx[i], lnEta, k).q;
    num += d.z[i] * q;
    den += q * q;
  }
  return num > 0 && den > 0 ? Math.log(num / den) : null;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Fits a Hill curve to observed (spend in minor units, outcome) points; see the module comment. */
export function fitHill(points: readonly CurvePoint[], opts?: FitHillOptions): FitResult {
  const shapeMax = opts?.shapeMax ?? DEFAULT_SHAPE_MAX;
  if (!(shapeMax > SHAPE_MIN && shapeMax <= 10)) {
    throw new RangeError(`shapeMax must be in (${SHAPE_MIN}, 10], got ${shapeMax}`);
  }
  if (!Array.isArray(points)) return refuse('invalidPoints', engineMessage('fit.notAList'));
  for (let i = 0; i < points.length; i++) {
    const pt = points[i] as Partial<CurvePoint> | null | undefined;
    const s = pt?.spend;
    const o = pt?.outcome;
    if (typeof s !== 'number' || typeof o !== 'number' || !Number.isFinite(s) || !Number.isFinite(o)) {
      return refuse('invalidPoints', engineMessage('fit.pointNotNumbers', { point: i + 1 }));
    }
    if (s < 0) return refuse('invalidPoints', engineMessage('fit.negativeSpend', { point: i + 1 }));
    if (o < 0) return refuse('invalidPoints', engineMessage('fit.negativeOutcome', { point: i + 1 }));
  }
  if (points.length < 3) return refuse('tooFewPoints', engineMessage('fit.tooFewPoints', { count: points.length }));
  const distinctSpends = [...new Set(points.map((p) => p.spend))].sort((a, b) => a - b);
  if (distinctSpends.length === 1) return refuse('noSpendVariation', engineMessage('fit.sameSpend'));
  if (distinctSpends.length < 3) return refuse('tooFewPoints', engineMessage('fit.tooFewSpendLevels', { count: distinctSpends.length }));
  const outcomes = points.map((p) => p.outcome);
  const yMax = Math.max(...outcomes);
  const yMin = Math.min(...outcomes);
  if (yMax - yMin <= 1e-12 * yMax) return refuse('noOutcomeVariation', engineMessage('fit.sameOutcome'));
  if (!(pearson(points.map((p) => p.spend), outcomes) > 0)) return refuse('notIdentifiable', engineMessage('fit.notRising'));

  const sMax = distinctSpends[distinctSpends.length - 1];
  const positive = distinctSpends.filter((s) => s > 0);
  const sMinPositive = positive[0];
  const d: Scaled = {
    x: points.map((p) => p.spend / sMax),
    lx: points.map((p) => (p.spend > 0 ? Math.log(p.spend / sMax) : -Infinity)),
    z: points.map((p) => p.outcome / yMax),
  };
  const kMin = Math.log(SHAPE_MIN) + 1e-9;
  const kMax = Math.log(shapeMax);
  // Generous boxes in scaled units keep a diverging run finite; results near them are refused below.
  const bounds: [number, number][] = [
    [Math.log(1e-9), Math.log(1e9)],
    [Math.log(1e-6 * (sMinPositive / sMax)), Math.log(1e6)],
    [kMin, kMax],
  ];

  const sortedPositiveX = positive.map((s) => s / sMax);
  const etaStarts = [...new Set([0.25, 0.5, 0.75, 1].map((q) => quantile(sortedPositiveX, q)).concat([sortedPositiveX[0] / 2, 2]))];
  const kStarts = [...new Set([0.5, 1, 2].map((k) => Math.min(k, shapeMax)))];
  let best: Run | null = null;
  for (const eta of etaStarts) {
    for (const k of kStarts) {
      const lnM = bestLnMax(d, Math.log(eta), k) ?? 0;
      const run = levenbergMarquardt(d, [lnM, Math.log(eta), Math.log(k)], bounds);
      if (!best || run.sse < best.sse) best = run;
    }
  }
  const run = best as Run;
  const [lnM, lnEta, lnK] = run.p;
  const eta = Math.exp(lnEta);
  const k = Math.exp(lnK);
  const h = eta * sMax;
  const maxOutcome = Math.exp(lnM) * yMax;

  // The data cannot tell a large maximum reached late from a smaller one reached sooner.
  if (eta > MAX_HALFSAT_RATIO) return refuse('notIdentifiable', engineMessage('fit.farBelowHalfSat', { ratio: MAX_HALFSAT_RATIO }), FAR_BELOW_ADVICE);
  // The outcome is already flat at every observed spend: nothing shows where the curve rises.
  if (h < MIN_HALFSAT_RATIO * sMinPositive) return refuse('notIdentifiable', engineMessage('fit.farBeyondHalfSat'), FAR_BEYOND_ADVICE);
  // Conditioning of JᵀJ in the log-parameters (outcomes scaled to ≤ 1). A shape held at its bound
  // stays in: the bound is ours, not the data's, so it must not make the rest look well determined.
  const { a } = normalEquations(d, run.p);
  const eig = symmetricEigenvalues(a);
  const condition = eig[eig.length - 1] / Math.max(eig[0], 0);
  if (!(condition <= MAX_CONDITION)) {
    // Changing the maximum, the half-saturation point and the shape together barely changes the fit.
    return refuse('notIdentifiable', engineMessage('fit.illConditioned'), engineMessage('fit.advice.widerRange'));
  }

  // With more points than parameters, the noise around the fit gives standard errors: when ±1 standard
  // error of the maximum or of the half-saturation point spans more than a factor of 10, the numbers
  // are not worth using.
  if (points.length > 3) {
    const sigma2 = run.sse / (points.length - 3);
    const se = (j: number): number => {
      const col = solveSpd(a, [0, 1, 2].map((i) => (i === j ? 1 : 0)));
      return col ? Math.sqrt(sigma2 * col[j]) : Infinity;
    };
    const seH = se(1);
    const seMax = se(0);
    if (Math.max(seH, seMax) > MAX_SE_LN) {
      const lo = Math.exp(lnEta - seH);
      const hi = Math.exp(lnEta + seH);
      // Where the half-saturation point could be, as multiples of the largest observed spend.
      const range = { low: lo, high: hi };
      const tooHigh = hi > MAX_HALFSAT_RATIO;
      const tooLow = lo * sMax < MIN_HALFSAT_RATIO * sMinPositive;
      if (tooHigh && !tooLow) return refuse('notIdentifiable', engineMessage('fit.mayBeFarBelow', range), FAR_BELOW_ADVICE);
      if (tooLow && !tooHigh) return refuse('notIdentifiable', engineMessage('fit.mayBeFarBeyond', range), FAR_BEYOND_ADVICE);
      return refuse('notIdentifiable', engineMessage('fit.tooScattered', range), engineMessage('fit.advice.morePoints'));
    }
  }

  const curve: ResponseCurve = { type: 'hill', max: maxOutcome, halfSat: Math.max(1, Math.round(h)), shape: k };
  let sse = 0;
  let sst = 0;
  const mean = outcomes.reduce((s, v) => s + v, 0) / outcomes.length;
  for (const pt of points) {
    sse += (pt.outcome - curveTraffic(curve, pt.spend)) ** 2;
    sst += (pt.outcome - mean) ** 2;
  }
  const top = 1.2 * sMax;
  const fitted = Array.from({ length: FITTED_POINTS }, (_, i) => {
    const spend = (top * i) / (FITTED_POINTS - 1);
    return { spend, predicted: curveTraffic(curve, spend) };
  });
  return { ok: true, curve, r2: 1 - sse / sst, rmse: Math.sqrt(sse / points.length), iterations: run.iterations, fitted };
}

/**
 * Diagnostics of a curve on points: condition number of JᵀJ (log-parameters, outcomes scaled to ≤ 1)
 * and approximate standard errors of ln max, ln halfSat and ln shape (σ² = SSE / (n − 3)); null
 * where undefined.
 */
export function fitDiagnostics(points: readonly CurvePoint[], curve: ResponseCurve): { condition: number; seLn: (number | null)[] } {
  const sMax = Math.max(...points.map((p) => p.spend));
  const yMax = Math.max(...points.map((p) => p.outcome));
  const d: Scaled = {
    x: points.map((p) => p.spend / sMax),
    lx: points.map((p) => (p.spend > 0 ? Math.log(p.spend / sMax) : -Infinity)),
    z: points.map((p) => p.outcome / yMax),
  };
  const p = [Math.log(curve.max / yMax), Math.log(curve.halfSat / sMax), Math.log(curve.shape)];
  const { a } = normalEquations(d, p);
  const eig = symmetricEigenvalues(a);
  const n = points.length;
  const sigma2 = n > 3 ? sseOf(d, p) / (n - 3) : NaN;
  const seLn = [0, 1, 2].map((j) => {
    const col = solveSpd(a, [0, 1, 2].map((i) => (i === j ? 1 : 0)));
    return col && Number.isFinite(sigma2) ? Math.sqrt(sigma2 * col[j]) : null;
  });
  return { condition: eig[2] / Math.max(eig[0], 0), seLn };
}
