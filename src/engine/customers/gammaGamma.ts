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
 * Repeat buyers' frequency, mean spend and weight, and the same buyers laid out by distinct
 * frequency: the objective's only per-buyer work is ln(xm + v) and 1/(xm + v), summed per frequency.
 */
interface RepeatBuyers {
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly w: Float64Array;
  readonly logX: Float64Array;
  readonly logM: Float64Array;
  readonly xm: Float64Array;
  /** Index of each buyer's frequency in `distinctX`. */
  readonly xIndex: Int32Array;
  readonly distinctX: Float64Array;
  /** Buyers of distinct frequency k are `[offsets[k], offsets[k + 1])` of `xmByX` and `wByX`. */
  readonly offsets: Int32Array;
  readonly xmByX: Float64Array;
  readonly wByX: Float64Array;
  /** Per distinct frequency: Σ w, Σ w ln m and Σ w ln x over its buyers. */
  readonly weightOfX: Float64Array;
  readonly logMOfX: Float64Array;
  readonly logXOfX: Float64Array;
  /** Every weight is 1 (no weights given): the inner loop skips the multiplications. */
  readonly unitWeights: boolean;
}

function repeatBuyers(data: GammaGammaData): RepeatBuyers {
  // Customers without repeat purchases carry no spend information in this model: lifetimes' examples
  // fit on summary[summary.frequency > 0], and its input check rejects non-positive spend.
  const { frequency, monetary, weights } = data;
  const n = frequency.length;
  const used = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (frequency[i] > 0 && monetary[i] > 0 && (!weights || weights[i] > 0)) {
      used[i] = 1;
      count++;
    }
  }
  const x = new Float64Array(count);
  const m = new Float64Array(count);
  const w = new Float64Array(count);
  for (let i = 0, j = 0; i < n; i++) {
    if (!used[i]) continue;
    x[j] = frequency[i];
    m[j] = monetary[i];
    w[j++] = weights ? weights[i] : 1;
  }
  const groups = distinctGroups(x);
  const { offsets, items } = itemsByGroup(groups);
  // Plain loops: TypedArray map and from with a callback are several times slower at this size.
  const logX = new Float64Array(count);
  const logM = new Float64Array(count);
  const xm = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    logX[j] = Math.log(x[j]);
    logM[j] = Math.log(m[j]);
    xm[j] = x[j] * m[j];
  }
  const weightOfX = new Float64Array(groups.count);
  const logMOfX = new Float64Array(groups.count);
  const logXOfX = new Float64Array(groups.count);
  const distinctX = new Float64Array(groups.count);
  const xmByX = new Float64Array(count);
  const wByX = new Float64Array(count);
  for (let k = 0; k < groups.count; k++) {
    distinctX[k] = x[groups.first[k]];
    for (let t = offsets[k]; t < offsets[k + 1]; t++) {
      const j = items[t];
      xmByX[t] = xm[j];
      wByX[t] = w[j];
      weightOfX[k] += w[j];
      logMOfX[k] += w[j] * logM[j];
      logXOfX[k] += w[j] * logX[j];
    }
  }
  return {
    x,
    m,
    w,
    logX,
    logM,
    xm,
    xIndex: groups.group,
    distinctX,
    offsets,
    xmByX,
    wByX,
    weightOfX,
    logMOfX,
    logXOfX,
    unitWeights: !data.weights,
  };
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
  if (buyers.x.length === 0) throw new RangeError('Gamma-Gamma needs customers with repeat purchases');
  return buyers;
}

function groupedObjective(buyers: RepeatBuyers, penalizer: number): Objective {
  const { offsets, xmByX, wByX, weightOfX, logMOfX, logXOfX, distinctX, unitWeights } = buyers;
  let totalWeight = 0;
  for (let k = 0; k < weightOfX.length; k++) totalWeight += weightOfX[k];
  const nx = distinctX.length;
  return (theta: Float64Array, gradient: Float64Array): number => {
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const v = Math.exp(theta[2]);
    const lgQ = lgamma(q);
    const psiQ = digamma(q);
    const logV = Math.log(v);
    let ll = 0;
    let dp = 0;
    let dq = 0;
    let dv = 0;
    for (let k = 0; k < nx; k++) {
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
      const psiPXQ = digamma(px + q);
      ll += weight * (lgamma(px + q) - lgamma(px) - lgQ + q * logV) + (px - 1) * logMOfX[k] + px * logXOfX[k] - (px + q) * sumLog;
      dp += xk * (weight * (psiPXQ - digamma(px)) + logMOfX[k] + logXOfX[k] - sumLog);
      dq += weight * (psiPXQ - psiQ + logV) - sumLog;
      dv += (weight * q) / v - (px + q) * sumInv;
    }
    gradient[0] = (-dp * p) / totalWeight + 2 * penalizer * p * p;
    gradient[1] = (-dq * q) / totalWeight + 2 * penalizer * q * q;
    gradient[2] = (-dv * v) / totalWeight + 2 * penalizer * v * v;
    return -ll / totalWeight + penalizer * (p * p + q * q + v * v);
  };
}

/**
 * fitGammaGamma as steps, one per BFGS iteration. Every term but ln(xm + v) depends on a buyer's
 * frequency or on sums of their fixed ln m and ln x, so the objective sums those per distinct
 * frequency once, and per evaluation makes one pass over the buyers for Σ ln(xm + v) and
 * Σ 1/(xm + v) per frequency (one Math.log per buyer: 6 ms for 505,708 buyers, against 40 ms for the
 * per-buyer sum). The sums are the per-buyer objective's, regrouped, so value and gradient agree
 * with it to rounding; the property tests hold them to it at any point, and the fitted parameters
 * where the data determine them.
 */
export function* fitGammaGammaSteps(data: GammaGammaData, options: GammaGammaFitOptions = {}): Generator<number, GammaGammaFit> {
  const buyers = usedBuyers(data);
  const objective = groupedObjective(buyers, options.penalizer ?? 0);
  const result = yield* minimizeBfgsSteps(objective, options.initialLogParams ?? [0.1, 0.1, 0.1], { gradientTolerance: 1e-7 });
  const [p, q, v] = Array.from(result.x, Math.exp);
  const params = { p, q, v };
  return { params, logLikelihood: logLikelihoodSum(params, buyers), used: buyers.x.length, iterations: result.iterations, converged: result.converged };
}

/** Σ wᵢ ℓᵢ: gammaGammaLogLikelihood per buyer, its lnΓ terms looked up per distinct frequency. */
function logLikelihoodSum(params: GammaGammaParams, buyers: RepeatBuyers): number {
  const { p, q, v } = params;
  const lgQ = lgamma(q);
  const logV = Math.log(v);
  const lgPXQ = buyers.distinctX.map((x) => lgamma(p * x + q));
  const lgPX = buyers.distinctX.map((x) => lgamma(p * x));
  let sum = 0;
  for (let i = 0; i < buyers.x.length; i++) {
    const k = buyers.xIndex[i];
    const px = p * buyers.x[i];
    sum += buyers.w[i] * (lgPXQ[k] - lgPX[k] - lgQ + q * logV + (px - 1) * buyers.logM[i] + px * buyers.logX[i] - (px + q) * Math.log(buyers.xm[i] + v));
  }
  return sum;
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
