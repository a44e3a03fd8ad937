import { admissible, admissibleWork, LOWER, UPPER, withinUsualBounds } from './etsBounds';
import { initialStateGuess } from './etsInitialState';
import { etsLikelihood, etsName, etsWork, stateLength, type EtsParams, type EtsSpec } from './etsModel';
import { nelderMead } from './nelderMead';

/** One fitted ETS model, with what ets reports for it. */
export interface EtsFit {
  spec: EtsSpec;
  /** "MAdM" and the like. */
  name: string;
  period: number;
  params: EtsParams;
  /** ℓ₀, b₀, s₁ … s_m (the state before the first observation). */
  initialState: Float64Array;
  /** The state after the last observation, where forecasts start. */
  finalState: Float64Array;
  /** −½ · (n·log Σe² + 2·Σlog|ŷ|): ets's log-likelihood, which omits constants. */
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σe² / (n − k), k the number of estimated parameters and free initial states. */
  sigma2: number;
  /** Estimated quantities counted in the information criteria (k + 1, the 1 for the variance). */
  parameterCount: number;
  residuals: Float64Array;
  fitted: Float64Array;
  /** Likelihood evaluations the optimiser spent. */
  evaluations: number;
}

/**
 * Fits one model by maximum likelihood as ets does: smoothing parameters and initial states are
 * estimated together by Nelder–Mead from ets's starting values, within the usual bounds and the
 * admissible region. Null when the model cannot be fitted: too many parameters for the data
 * (k ≥ n − 1, ets's own rule) or no finite likelihood at the start.
 */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, period: number): EtsFit | null {
  const n = y.length;
  const m = spec.season === 'N' ? 1 : period;
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season !== 'N';
  // Starting smoothing parameters: ets's initparam under the default bounds.
  const alpha0 = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / m;
  const start: number[] = [alpha0];
  if (hasTrend) {
    const upperBeta = Math.min(UPPER.beta, alpha0);
    start.push(LOWER.beta + 0.1 * (upperBeta - LOWER.beta));
  }
  if (seasonal) {
    const upperGamma = Math.min(UPPER.gamma, 1 - alpha0);
    start.push(LOWER.gamma + 0.05 * (upperGamma - LOWER.gamma));
  }
  if (spec.damped) start.push(LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi));
  const smoothingCount = start.length;
  const guess = initialStateGuess(y, period, spec.trend, spec.season);
  const free = start.length + guess.length;
  if (free >= n - 1) return null;
  const par0 = Float64Array.from([...start, ...guess]);

  const work = etsWork(m);
  const admissibleScratch = admissibleWork(m);
  const full = new Float64Array(stateLength(spec, m));
  const params: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const unpack = (par: ArrayLike<number>): boolean => {
    let j = 0;
    params.alpha = par[j++];
    params.beta = hasTrend ? par[j++] : 0;
    params.gamma = seasonal ? par[j++] : 0;
    params.phi = spec.damped ? par[j++] : 1;
    for (let k = 0; k < guess.length; k++) full[k] = par[smoothingCount + k];
    if (seasonal) {
      // The last seasonal state completes the cycle's sum (0, or m for multiplicative seasons).
      const s0 = hasTrend ? 2 : 1;
      let sum = 0;
      for (let k = s0; k < full.length - 1; k++) sum += full[k];
      full[full.length - 1] = (spec.season === 'M' ? m : 0) - sum;
    }
    return true;
  };
  const objective = (par: Float64Array): number => {
    unpack(par);
    const { alpha, beta, gamma, phi } = params;
    if (!withinUsualBounds(spec, alpha, beta, gamma, phi)) return Infinity;
    if (!admissible(spec, m, alpha, beta, gamma, phi, admissibleScratch)) return Infinity;
    if (spec.season === 'M') {
      for (let k = hasTrend ? 2 : 1; k < full.length; k++) if (full[k] < 0) return Infinity;
    }
    let lik = etsLikelihood(y, spec, m, params, full, work);
    // ets caps a near-perfect fit and rejects a broken one.
    if (lik < -1e10) lik = -1e10;
    if (Number.isNaN(lik)) return Infinity;
    return lik;
  };
  if (!Number.isFinite(objective(par0))) return null;
  const best = nelderMead(objective, par0);
  if (!best) return null;
  return evaluateEts(y, spec, period, paramsOf(spec, best.x), completeState(spec, m, best.x.subarray(smoothingCount)), free, best.evaluations);
}

function paramsOf(spec: EtsSpec, par: ArrayLike<number>): EtsParams {
  let j = 0;
  const alpha = par[j++];
  const beta = spec.trend !== 'N' ? par[j++] : 0;
  const gamma = spec.season !== 'N' ? par[j++] : 0;
  const phi = spec.damped ? par[j++] : 1;
  return { alpha, beta, gamma, phi };
}

/** Appends the last seasonal state, fixed by the others. */
function completeState(spec: EtsSpec, m: number, free: ArrayLike<number>): Float64Array {
  const full = new Float64Array(stateLength(spec, m));
  full.set(Array.from(free));
  if (spec.season !== 'N') {
    const s0 = spec.trend !== 'N' ? 2 : 1;
    let sum = 0;
    for (let k = s0; k < full.length - 1; k++) sum += full[k];
    full[full.length - 1] = (spec.season === 'M' ? m : 0) - sum;
  }
  return full;
}

/**
 * The fit's statistics at given parameters and initial state (all m seasonal states), as ets
 * computes them after optimising; also how a reference fit is checked independently of any
 * optimiser. `free` is the number of estimated quantities other than the variance.
 */
export function evaluateEts(
  y: ArrayLike<number>,
  spec: EtsSpec,
  period: number,
  params: EtsParams,
  initialState: Float64Array,
  free = freeParameterCount(spec, period),
  evaluations = 0,
): EtsFit {
  const n = y.length;
  const m = spec.season === 'N' ? 1 : period;
  const residuals = new Float64Array(n);
  const fitted = new Float64Array(n);
  const finalState = new Float64Array(initialState.length);
  const lik = etsLikelihood(y, spec, m, params, initialState, etsWork(m), { residuals, fitted, finalState });
  const k = free + 1;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += residuals[i] * residuals[i];
  return {
    spec,
    name: etsName(spec),
    period: m,
    params: { ...params },
    initialState,
    finalState,
    loglik: -0.5 * lik,
    aic: lik + 2 * k,
    aicc: lik + 2 * k + (2 * k * (k + 1)) / (n - k - 1),
    bic: lik + Math.log(n) * k,
    sigma2: sse / (n - free),
    parameterCount: k,
    residuals,
    fitted,
    evaluations,
  };
}

/** Smoothing parameters plus initial states less the one the seasonal sum fixes. */
export function freeParameterCount(spec: EtsSpec, period: number): number {
  const smoothing = 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? 1 : 0) + (spec.damped ? 1 : 0);
  const states = 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? period - 1 : 0);
  return smoothing + states;
}
