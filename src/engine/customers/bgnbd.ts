/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"), fitted by maximum
 * likelihood as the Python `lifetimes` BetaGeoFitter does (lifetimes/fitters/beta_geo_fitter.py):
 *
 *  - per customer, with x = frequency, tₓ = recency, T = age (see clvSummary.ts):
 *      A₁ = lnΓ(r+x) − lnΓ(r) + r ln α
 *      A₂ = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *      A₃ = −(r+x) ln(α+T)
 *      A₄ = ln a − ln(b + max(x,1) − 1) − (r+x) ln(α+tₓ)
 *      ℓ = A₁ + A₂ + ln(e^A₃ + [x>0] e^A₄)
 *    — the last term through log-sum-exp here: lifetimes' np.log(np.exp(A₃) + …) underflows to −∞
 *    for very frequent buyers (e.g. x = 200, where both exponents are below −750);
 *  - objective: −Σ wᵢℓᵢ / Σ wᵢ + penalizer · Σ params², over log-parameters, starting at 0.1 each;
 *  - time rescaled so the largest T is 1 while fitting (`_scale_time`), α scaled back after;
 *  - scipy BFGS with the exact gradient, tol 1e-7.
 *
 * On the CDNOW sample summary this gives Fader, Hardie & Lee's r = 0.243, α = 4.414, a = 0.793,
 * b = 2.426 and log-likelihood −9582.4.
 */
import { minimizeBfgsSteps, runSteps } from './minimize';
import { bgnbdExpectedRepeatPurchases } from './bgnbdExpectation';
import { distinctGroups } from './distinct';
import { digamma, lbeta, lgamma, logAddExp } from './special';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** frequency / recency / T per customer (or per distinct pattern, with weights = customers per pattern). */
export interface BgNbdData {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

export interface BgNbdFitOptions {
  /** L2 penalty on the parameters (lifetimes' penalizer_coef); default 0. */
  readonly penalizer?: number;
  /** Starting log-parameters [ln r, ln α, ln a, ln b] in the scaled time unit; default 0.1 each, as lifetimes. */
  readonly initialLogParams?: readonly number[];
}

export interface BgNbdFit {
  readonly params: BgNbdParams;
  /** Σ wᵢ ℓᵢ at the estimate, in the data's own time unit. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** ℓ for one customer: log-likelihood of (x, tₓ, T). */
export function bgnbdLogLikelihood(params: BgNbdParams, x: number, recency: number, T: number): number {
  const { r, alpha, a, b } = params;
  const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x <= 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
  return a1 + a2 + logAddExp(a3, a4);
}

/** The data's distinct frequencies, ages and recencies, each pattern pointing at its own. */
interface DistinctInputs {
  readonly xIndex: Int32Array;
  readonly x: Float64Array;
  readonly tIndex: Int32Array;
  readonly T: Float64Array;
  readonly rIndex: Int32Array;
  readonly recency: Float64Array;
}

function distinctInputs(data: BgNbdData): DistinctInputs {
  const values = (source: ArrayLike<number>) => {
    const groups = distinctGroups(source);
    return { index: groups.group, values: Float64Array.from(groups.first, (i) => source[i]) };
  };
  const x = values(data.frequency);
  const T = values(data.T);
  const recency = values(data.recency);
  return { xIndex: x.index, x: x.values, tIndex: T.index, T: T.values, rIndex: recency.index, recency: recency.values };
}

/**
 * Mean negative log-likelihood (+ penalty) over log-parameters, with its exact gradient.
 *
 * Every lnΓ and ψ term depends on the frequency alone and every ln(α + ·) on T or on recency alone,
 * so they are computed once per distinct value and looked up per pattern; a pattern then costs one
 * exponential, a log1p and a division for the mixture term and both its weights (three exponentials
 * before: a million customers' 373,592 patterns fit in 470 ms instead of 790). The expressions and
 * their order are those of the plain per-pattern sum (bgnbdLogLikelihood and its derivatives, with
 * the weights as above), so the value is the same to the last bit.
 */
function objective(data: BgNbdData, d: DistinctInputs, scale: number, penalizer: number) {
  const n = data.frequency.length;
  const weights = Float64Array.from({ length: n }, (_, i) => (data.weights ? data.weights[i] : 1));
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weights[i];
  const nx = d.x.length;
  // Per distinct frequency: the x-only part of ℓ and of each derivative.
  const llX = new Float64Array(nx);
  const drX = new Float64Array(nx);
  const daX = new Float64Array(nx);
  const dbX = new Float64Array(nx);
  const logBX1 = new Float64Array(nx);
  const bX1 = new Float64Array(nx);
  const rxOf = new Float64Array(nx);
  // Per distinct T and recency: α + t and its log, in the scaled unit.
  const alphaT = new Float64Array(d.T.length);
  const logAT = new Float64Array(d.T.length);
  const alphaR = new Float64Array(d.recency.length);
  const logAR = new Float64Array(d.recency.length);
  return (theta: Float64Array, gradient: Float64Array): number => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const a = Math.exp(theta[2]);
    const b = Math.exp(theta[3]);
    const lgR = lgamma(r);
    const psiR = digamma(r);
    const lgAB = lgamma(a + b);
    const psiAB = digamma(a + b);
    const lgB = lgamma(b);
    const psiB = digamma(b);
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const rOverAlpha = r / alpha;
    for (let k = 0; k < nx; k++) {
      const x = d.x[k];
      const rx = r + x;
      const psiABX = digamma(a + b + x);
      rxOf[k] = rx;
      llX[k] = lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
      drX[k] = digamma(rx) - psiR + logAlpha;
      daX[k] = psiAB - psiABX;
      dbX[k] = psiAB + digamma(b + x) - psiB - psiABX;
      bX1[k] = b + x - 1;
      logBX1[k] = Math.log(b + x - 1);
    }
    for (let k = 0; k < d.T.length; k++) {
      alphaT[k] = alpha + d.T[k] * scale;
      logAT[k] = Math.log(alphaT[k]);
    }
    for (let k = 0; k < d.recency.length; k++) {
      alphaR[k] = alpha + d.recency[k] * scale;
      logAR[k] = Math.log(alphaR[k]);
    }
    let ll = 0;
    let dr = 0;
    let dAlpha = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const k = d.xIndex[i];
      const t = d.tIndex[i];
      const rx = rxOf[k];
      const a3 = -rx * logAT[t];
      if (!(d.x[k] > 0)) {
        // No repeat purchase: ℓ's last term is A₃ alone (w₄ = 0), written as the general case reads then.
        const w3 = Math.exp(a3 - a3);
        ll += w * (llX[k] + a3);
        dr += w * (drX[k] - w3 * logAT[t] - 0);
        dAlpha += w * (rOverAlpha - (w3 * rx) / alphaT[t] - 0);
        da += w * (daX[k] + 0 / a);
        db += w * (dbX[k] - 0);
        continue;
      }
      const j = d.rIndex[i];
      const a4 = logA - logBX1[k] - rx * logAR[j];
      // ln(e^A₃ + e^A₄) and the weights of its two branches, ∂ ln(e^A₃ + e^A₄) = w₃ ∂A₃ + w₄ ∂A₄,
      // from one exponential: with e = e^(min − max) the larger branch weighs 1 / (1 + e), the
      // smaller e / (1 + e). The sum is logAddExp(A₃, A₄) to the bit; the weights are exp(A − sum)
      // to rounding, which would take two more exponentials. Written out here: as a function call it
      // took 40 % more time.
      const e = Math.exp(-Math.abs(a3 - a4));
      const larger = 1 / (1 + e);
      const tail = (a3 > a4 ? a3 : a4) + Math.log1p(e);
      const w3 = a3 > a4 ? larger : e * larger;
      const w4 = a3 > a4 ? e * larger : larger;
      ll += w * (llX[k] + tail);
      dr += w * (drX[k] - w3 * logAT[t] - w4 * logAR[j]);
      dAlpha += w * (rOverAlpha - (w3 * rx) / alphaT[t] - (w4 * rx) / alphaR[j]);
      da += w * (daX[k] + w4 / a);
      db += w * (dbX[k] - w4 / bX1[k]);
    }
    // d/dθ = p · d/dp for p = e^θ; the penalty Σp² adds 2p² per parameter.
    gradient[0] = (-dr * r) / totalWeight + 2 * penalizer * r * r;
    gradient[1] = (-dAlpha * alpha) / totalWeight + 2 * penalizer * alpha * alpha;
    gradient[2] = (-da * a) / totalWeight + 2 * penalizer * a * a;
    gradient[3] = (-db * b) / totalWeight + 2 * penalizer * b * b;
    return -ll / totalWeight + penalizer * (r * r + alpha * alpha + a * a + b * b);
  };
}

/**
 * Maximum-likelihood fit. Cost is linear in the rows given: pass distinct patterns with weights
 * (`clvPatterns`) for large bases — a million customers' 370 k patterns fit in about 1 s (20 BFGS
 * steps of three exponentials and a log per pattern).
 */
export function fitBgNbd(data: BgNbdData, options: BgNbdFitOptions = {}): BgNbdFit {
  return runSteps(fitBgNbdSteps(data, options));
}

/** fitBgNbd as steps, one per BFGS iteration (to be cancellable between them). */
export function* fitBgNbdSteps(data: BgNbdData, options: BgNbdFitOptions = {}): Generator<number, BgNbdFit> {
  let maxT = 0;
  for (let i = 0; i < data.T.length; i++) maxT = Math.max(maxT, data.T[i]);
  if (!(maxT > 0)) throw new RangeError('BG/NBD needs at least one customer with T > 0');
  const scale = 1 / maxT;
  const inputs = distinctInputs(data);
  const f = objective(data, inputs, scale, options.penalizer ?? 0);
  const result = yield* minimizeBfgsSteps(f, options.initialLogParams ?? [0.1, 0.1, 0.1, 0.1], { gradientTolerance: 1e-7 });
  const [r, alphaScaled, a, b] = Array.from(result.x, Math.exp);
  const params = { r, alpha: alphaScaled / scale, a, b };
  return { params, logLikelihood: logLikelihoodSum(params, data, inputs), iterations: result.iterations, converged: result.converged };
}

/** Σ wᵢ ℓᵢ: bgnbdLogLikelihood per pattern, its terms looked up per distinct frequency, T and recency. */
function logLikelihoodSum(params: BgNbdParams, data: BgNbdData, d: DistinctInputs): number {
  const { r, alpha, a, b } = params;
  const a12 = Float64Array.from(d.x, (x) => lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + (lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)));
  const logABX = Float64Array.from(d.x, (x) => Math.log(a) - Math.log(b + x - 1));
  const logAT = Float64Array.from(d.T, (T) => Math.log(alpha + T));
  const logAR = Float64Array.from(d.recency, (recency) => Math.log(alpha + recency));
  let sum = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = data.weights ? data.weights[i] : 1;
    if (w === 0) continue;
    const k = d.xIndex[i];
    const x = d.x[k];
    const a3 = -(r + x) * logAT[d.tIndex[i]];
    const ll = x <= 0 ? a12[k] + a3 : a12[k] + logAddExp(a3, logABX[k] - (r + x) * logAR[d.rIndex[i]]);
    sum += w * ll;
  }
  return sum;
}

/** ln of the odds "dropped out at the last purchase" : "still alive" (lifetimes' `log_div`). */
function logDeathOdds(params: BgNbdParams, x: number, recency: number, T: number): number {
  const { r, alpha, a, b } = params;
  return (r + x) * Math.log((alpha + T) / (alpha + recency)) + Math.log(a / (b + Math.max(x, 1) - 1));
}

/** P(alive | x, tₓ, T) — 1 without repeat purchases (Fader, Hardie & Lee, note 021). */
export function bgnbdProbabilityAlive(params: BgNbdParams, x: number, recency: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + Math.exp(logDeathOdds(params, x, recency, T)));
}

/**
 * Expected repeat purchases in (T, T + t] given (x, tₓ, T) — equation (10) of FHL 2005, lifetimes'
 * conditional_expected_number_of_purchases_up_to_time: P(alive) times the expectation of a customer
 * whose rate and dropout follow their posteriors, Gamma(r + x, α + T) and Beta(a, b + x). Evaluated
 * as a positive series (bgnbdExpectation.ts), finite wherever the parameters are, a + b < 1 and a = 1
 * included.
 */
export function bgnbdConditionalExpectedPurchases(params: BgNbdParams, t: number, x: number, recency: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  return bgnbdProbabilityAlive(params, x, recency, T) * bgnbdExpectedRepeatPurchases(r + x, alpha + T, a, b + x, t);
}

/** Expected repeat purchases in (0, t] of a new customer — equation (9), expected_number_of_purchases_up_to_time. */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  return bgnbdExpectedRepeatPurchases(r, alpha, a, b, t);
}

/** P(N(t) = n): probability of exactly n repeat purchases in (0, t] — equation (8), probability_of_n_purchases_up_to_time. */
export function bgnbdProbabilityOfNPurchases(params: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = params;
  const logQ = Math.log(alpha / (alpha + t));
  const logP = Math.log(t / (alpha + t));
  const lbAB = lbeta(a, b);
  const first = Math.exp(lbeta(a, b + n) - lbAB + lgamma(r + n) - lgamma(r) - lgamma(n + 1) + r * logQ + n * logP);
  if (n === 0) return first;
  let finiteSum = 0;
  for (let j = 0; j < n; j++) finiteSum += Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + j * logP);
  return first + Math.exp(lbeta(a + 1, b + n - 1) - lbAB) * (1 - Math.exp(r * logQ) * finiteSum);
}
