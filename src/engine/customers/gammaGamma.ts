/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Hardie's note
 * 025), fitted as `lifetimes` GammaGammaFitter does (lifetimes/fitters/gamma_gamma_fitter.py):
 *
 *   ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(xm+v)
 *
 * with x = repeat frequency and m = mean repeat spend, only for customers with x > 0 (the model is
 * about repeat transactions); objective −Σ wℓ / Σ w + penalizer · Σ params² over log-parameters from
 * 0.1 each, minimised by BFGS with the exact gradient. On CDNOW's 946 repeat buyers: p 6.25, q 3.74, v 15.44.
 */
import { distinctGroups, itemsByGroup } from './distinct';
import { minimizeBfgsSteps, runSteps, type Objective } from './minimize';
import { digamma, lgamma } from './special';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** γ in Fader & Hardie's notation, `v` in lifetimes. */
  readonly v: number;
}

export interface GammaGammaData {
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  /** Σ wᵢ ℓᵢ over the customers used (frequency > 0). */
  readonly logLikelihood: number;
  /** Customers (patterns) used: those with frequency > 0 and positive spend. */
  readonly used: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(v) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
}

export interface GammaGammaFitOptions {
  readonly penalizer?: number;
  readonly initialLogParams?: readonly number[];
}

export function fitGammaGamma(data: GammaGammaData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  return runSteps(fitGammaGammaSteps(data, options));
}

/**
 * The repeat buyers laid out by distinct frequency: the objective's only per-buyer work is
 * ln(xm + v) and 1/(xm + v), summed per frequency; everything else is a sum per frequency.
 */
interface RepeatBuyers {
  /** How many buyers the fit uses (frequency > 0, spend > 0, weight > 0). */
  readonly count: number;
  readonly distinctX: Float64Array;
  /** Buyers of distinct frequency k are `[offsets[k], offsets[k + 1])` of `xmByX` and `wByX`. */
  readonly offsets: Int32Array;
  readonly xmByX: Float64Array;
  readonly wByX: Float64Array;
  /** Per distinct frequency: Σ w and Σ w ln m over its buyers. */
  readonly weightOfX: Float64Array;
  readonly logMOfX: Float64Array;
  /** Every weight is 1 (no weights given): the inner loop skips the multiplications. */
  readonly unitWeights: boolean;
}

function repeatBuyers(data: GammaGammaData): RepeatBuyers {
  // Customers without repeat purchases carry no spend information in this model: lifetimes' examples
  // fit on summary[summary.frequency > 0], and its input check rejects non-positive spend.
  const { frequency, monetary, weights } = data;
  const n = frequency.length;
  const used = new Uint8Array(n);
  for (let i = 0; i < n; i++) used[i] = frequency[i] > 0 && monetary[i] > 0 && (!weights || weights[i] > 0) ? 1 : 0;
  const groups = distinctGroups(frequency, undefined, used);
  const { offsets, items } = itemsByGroup(groups);
  const count = items.length;
  const distinctX = new Float64Array(groups.count);
  const weightOfX = new Float64Array(groups.count);
  const logMOfX = new Float64Array(groups.count);
  const xmByX = new Float64Array(count);
  const wByX = new Float64Array(count);
  for (let k = 0; k < groups.count; k++) {
    const x = frequency[groups.first[k]];
    distinctX[k] = x;
    for (let t = offsets[k]; t < offsets[k + 1]; t++) {
      const i = items[t];
      const w = weights ? weights[i] : 1;
      xmByX[t] = x * monetary[i];
      wByX[t] = w;
      weightOfX[k] += w;
      logMOfX[k] += w * Math.log(monetary[i]);
    }
  }
  return { count, distinctX, offsets, xmByX, wByX, weightOfX, logMOfX, unitWeights: !weights };
}

/**
 * The fit's objective over log-parameters (−Σ wℓ / Σ w + penalty) and its gradient, for the property
 * test to hold against the plain per-buyer sum at any point.
 */
export function gammaGammaObjective(data: GammaGammaData, penalizer = 0): Objective {
  return groupedObjective(usedBuyers(data), penalizer);
}

/** The repeat buyers of `data`; throws when there are none (the model is about repeat purchases). */
function usedBuyers(data: GammaGammaData): RepeatBuyers {
  const buyers = repeatBuyers(data);
  if (buyers.count === 0) throw new RangeError('Gamma-Gamma needs customers with repeat purchases');
  return buyers;
}

function groupedObjective(buyers: RepeatBuyers, penalizer: number): Objective {
  const totalWeight = buyers.weightOfX.reduce((a, w) => a + w, 0);
  return (theta, gradient) => {
    const [p, q, v] = [Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2])];
    const { ll, dp, dq, dv } = logLikelihoodSums(buyers, p, q, v);
    gradient[0] = (-dp * p) / totalWeight + 2 * penalizer * p * p;
    gradient[1] = (-dq * q) / totalWeight + 2 * penalizer * q * q;
    gradient[2] = (-dv * v) / totalWeight + 2 * penalizer * v * v;
    return -ll / totalWeight + penalizer * (p * p + q * q + v * v);
  };
}

/** Σ wᵢ ℓᵢ over the buyers and its derivatives in p, q and v, summed per distinct frequency. */
function logLikelihoodSums(buyers: RepeatBuyers, p: number, q: number, v: number): { ll: number; dp: number; dq: number; dv: number } {
  const { offsets, xmByX, wByX, weightOfX, logMOfX, distinctX, unitWeights } = buyers;
  const lgQ = lgamma(q);
  const psiQ = digamma(q);
  const logV = Math.log(v);
  let ll = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  for (let k = 0; k < distinctX.length; k++) {
    // Σ w ln(xm + v) and Σ w / (xm + v) over this frequency's buyers.
    let sumLog = 0;
    let sumInv = 0;
    const end = offsets[k + 1];
    if (unitWeights) {
      for (let t = offsets[k]; t < end; t++) {
        const xmv = xmByX[t] + v;
        sumLog += Math.log(xmv);
        sumInv += 1 / xmv;
      }
    } else {
      for (let t = offsets[k]; t < end; t++) {
        const xmv = xmByX[t] + v;
        sumLog += wByX[t] * Math.log(xmv);
        sumInv += wByX[t] / xmv;
      }
    }
    const xk = distinctX[k];
    const px = p * xk;
    const weight = weightOfX[k];
    // Σ w ln x over the frequency's buyers.
    const logXOfX = weight * Math.log(xk);
    const psiPXQ = digamma(px + q);
    ll += weight * (lgamma(px + q) - lgamma(px) - lgQ + q * logV) + (px - 1) * logMOfX[k] + px * logXOfX - (px + q) * sumLog;
    dp += xk * (weight * (psiPXQ - digamma(px)) + logMOfX[k] + logXOfX - sumLog);
    dq += weight * (psiPXQ - psiQ + logV) - sumLog;
    dv += (weight * q) / v - (px + q) * sumInv;
  }
  return { ll, dp, dq, dv };
}

/**
 * fitGammaGamma as steps, one per BFGS iteration. Every term but ln(xm + v) depends on a buyer's
 * frequency or on the sum of their fixed ln m, so the objective sums those per distinct frequency
 * once, and per evaluation makes one pass over the buyers for Σ ln(xm + v) and
 * Σ 1/(xm + v) per frequency (one Math.log per buyer: 6 ms for 505,708 buyers, against 40 ms for the
 * per-buyer sum). The sums are the per-buyer objective's, regrouped, so value and gradient agree
 * with it to rounding; the property tests hold them to it at any point, and the fitted parameters
 * where the data determine them. The log-likelihood reported is the same sums' at the estimate.
 */
export function* fitGammaGammaSteps(data: GammaGammaData, options: GammaGammaFitOptions = {}): Generator<number, GammaGammaFit> {
  const buyers = usedBuyers(data);
  const objective = groupedObjective(buyers, options.penalizer ?? 0);
  const result = yield* minimizeBfgsSteps(objective, options.initialLogParams ?? [0.1, 0.1, 0.1], { gradientTolerance: 1e-7 });
  const [p, q, v] = Array.from(result.x, Math.exp);
  const params = { p, q, v };
  return { params, logLikelihood: logLikelihoodSums(buyers, p, q, v).ll, used: buyers.count, iterations: result.iterations, converged: result.converged };
}

/**
 * E(spend per transaction | x, m): a weighted mean of the customer's own mean spend and the
 * population mean v·p/(q−1), the customer's weight px / (px + q − 1) growing with their repeat count
 * (conditional_expected_average_profit; for x = 0 it is the population mean).
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const individualWeight = (p * x) / (p * x + q - 1);
  const populationMean = (v * p) / (q - 1);
  return (1 - individualWeight) * populationMean + individualWeight * m;
}
