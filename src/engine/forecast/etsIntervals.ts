import type { EtsFit } from './etsFit';
import { etsPointForecast } from './etsModel';

/**
 * Forecast mean and variance h steps ahead, analytically for every model the engine selects
 * (Hyndman et al. 2008, ch. 6; the three classes forecast::forecast.ets uses):
 *  - class 1, additive error with additive or no trend and season: Var = σ²(1 + Σ_{j<h} c_j²),
 *    c_j = w'F^{j−1}g;
 *  - class 2, multiplicative error with additive or no trend and season: a recursion on the
 *    second moments built on the same c_j;
 *  - class 3, multiplicative error and season: the moment recursion of the level/trend block and
 *    the seasonal block (Kronecker form), whose mean also differs slightly from the point forecast.
 * No simulation is needed. Two places where forecast 8.20 departs from the book and the engine
 * follows the book: with no trend, its class 1 puts γ on the second seasonal state (the variance at
 * horizons m, 2m, … differs); its class 3 leaves φ out of the damped level (see class3). See
 * docs/model.md#forecasting.
 */
export interface ForecastMoments {
  mean: Float64Array;
  variance: Float64Array;
}

export function etsForecastMoments(fit: EtsFit, h: number): ForecastMoments {
  const { spec } = fit;
  if (spec.error === 'M' && spec.season === 'M') return class3(fit, h);
  const mean = etsPointForecast(spec, fit.period, fit.params, fit.finalState, h);
  const c = impulseWeights(fit, h);
  const sigma2 = fit.sigma2;
  const variance = new Float64Array(h);
  if (spec.error === 'A') {
    let acc = 0;
    for (let i = 0; i < h; i++) {
      variance[i] = sigma2 * (1 + acc);
      acc += c[i] * c[i];
    }
    return { mean, variance };
  }
  // Class 2: θ₁ = μ₁², θ_j = μ_j² + σ² Σ_{i<j} c_i² θ_{j−i}; Var = (1 + σ²)θ − μ².
  const theta = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let s = 0;
    for (let i = 0; i < j; i++) s += c[i] * c[i] * theta[j - 1 - i];
    theta[j] = mean[j] * mean[j] + sigma2 * s;
    variance[j] = (1 + sigma2) * theta[j] - mean[j] * mean[j];
  }
  return { mean, variance };
}

/**
 * c_j = w'F^{j−1}g for j = 1 … h: how an error today moves the forecast j steps on. Level α, a
 * (damped) trend β(φ + … + φ^j), and γ once per whole cycle.
 */
function impulseWeights(fit: EtsFit, h: number): Float64Array {
  const { spec, params } = fit;
  const phi = spec.damped ? params.phi : 1;
  const m = fit.period;
  const c = new Float64Array(h);
  let phiSum = 0;
  let phiPow = 1;
  for (let j = 1; j <= h; j++) {
    phiPow *= phi;
    phiSum += phiPow;
    let v = params.alpha;
    if (spec.trend !== 'N') v += params.beta * phiSum;
    if (spec.season !== 'N' && j % m === 0) v += params.gamma;
    c[j - 1] = v;
  }
  return c;
}

/** A few nonzeros of a square matrix, for the Kronecker products of class 3. */
interface Sparse {
  dim: number;
  rows: number[];
  cols: number[];
  vals: number[];
}

function kron(a: number[][], b: number[][]): Sparse {
  const ra = a.length;
  const rb = b.length;
  const out: Sparse = { dim: ra * rb, rows: [], cols: [], vals: [] };
  for (let i = 0; i < ra; i++)
    for (let j = 0; j < ra; j++) {
      if (a[i][j] === 0) continue;
      for (let k = 0; k < rb; k++)
        for (let l = 0; l < rb; l++) {
          const v = a[i][j] * b[k][l];
          if (v === 0) continue;
          out.rows.push(i * rb + k);
          out.cols.push(j * rb + l);
          out.vals.push(v);
        }
    }
  return out;
}

function add(a: Sparse, b: Sparse): Sparse {
  return { dim: a.dim, rows: [...a.rows, ...b.rows], cols: [...a.cols, ...b.cols], vals: [...a.vals, ...b.vals] };
}

/** S · D · Tᵀ for sparse S, T and dense D (row-major dim × dim). */
function sandwich(s: Sparse, d: Float64Array, t: Sparse): Float64Array {
  const n = s.dim;
  const sd = new Float64Array(n * n);
  for (let k = 0; k < s.vals.length; k++) {
    const r = s.rows[k] * n;
    const c = s.cols[k] * n;
    const v = s.vals[k];
    for (let j = 0; j < n; j++) sd[r + j] += v * d[c + j];
  }
  const out = new Float64Array(n * n);
  for (let k = 0; k < t.vals.length; k++) {
    const r = t.rows[k];
    const c = t.cols[k];
    const v = t.vals[k];
    for (let i = 0; i < n; i++) out[i * n + r] += sd[i * n + c] * v;
  }
  return out;
}

/**
 * Class 3 (M,N,M), (M,A,M), (M,Ad,M): the forecast is the product of a level/trend part and a
 * seasonal part; their joint second moments M (mean outer product) and V (covariance of vec M)
 * follow linear recursions in Kronecker form (Hyndman et al. 2008, §6.3).
 */
function class3(fit: EtsFit, h: number): ForecastMoments {
  const { spec, params } = fit;
  const sigma2 = fit.sigma2;
  const m = fit.period;
  const p1 = spec.trend === 'N' ? 1 : 2;
  const phi = spec.damped ? params.phi : 1;
  // Level/trend block: y's level part is ℓ + φb, and both states move by it (times α or β) with
  // the error. forecast 8.20 writes these with 1 in place of the first φ, which is exact only for
  // an undamped trend; its damped forecast mean is then (ℓ + b)·s one step ahead.
  const F1 = p1 === 1 ? [[1]] : [[1, phi], [0, phi]];
  const G1 = p1 === 1 ? [[params.alpha]] : [[params.alpha, params.alpha * phi], [params.beta, params.beta * phi]];
  const H1 = p1 === 1 ? [1] : [1, phi];
  // Seasonal block: F2 rotates the cycle; G2 feeds the error to s₁ through the state s_m.
  const F2: number[][] = Array.from({ length: m }, () => Array<number>(m).fill(0));
  F2[0][m - 1] = 1;
  for (let i = 1; i < m; i++) F2[i][i - 1] = 1;
  const G2: number[][] = Array.from({ length: m }, () => Array<number>(m).fill(0));
  G2[0][m - 1] = params.gamma;
  const x = fit.finalState;
  // M = x₁ x₂ᵀ (p1 × m), kept as vec(M) column-major, which is what the Kronecker forms act on.
  const dim = p1 * m;
  let vecM: Float64Array = new Float64Array(dim);
  for (let j = 0; j < m; j++) for (let i = 0; i < p1; i++) vecM[j * p1 + i] = x[i] * x[p1 + j];
  let V: Float64Array = new Float64Array(dim * dim);
  const F21 = kron(F2, F1);
  const G21 = kron(G2, G1);
  const K = add(kron(G2, F1), kron(F2, G1));
  // H21 = H2 ⊗ H1 takes the last seasonal column of M, weighted over the level/trend rows.
  const pick: number[] = [];
  for (let i = 0; i < p1; i++) pick.push((m - 1) * p1 + i);
  const weight = (a: number) => H1[a - (m - 1) * p1];
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const mat = (a: number[][]): Sparse => kron([[1]], a);
  const F1s = mat(F1);
  const G1s = mat(G1);
  const F2s = mat(F2);
  const G2s = mat(G2);
  for (let step = 0; step < h; step++) {
    let mu = 0;
    for (const i of pick) mu += weight(i) * vecM[i];
    let hv = 0;
    for (const a of pick) for (const b of pick) hv += weight(a) * weight(b) * V[a * dim + b];
    mean[step] = mu;
    variance[step] = (1 + sigma2) * hv + sigma2 * mu * mu;
    // V ← F V Fᵀ + σ²(F V Gᵀ + G V Fᵀ + K (V + vecM vecMᵀ) Kᵀ + σ² G (3V + 2 vecM vecMᵀ) Gᵀ)
    const outer = new Float64Array(dim * dim);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) outer[a * dim + b] = vecM[a] * vecM[b];
    const vPlus = new Float64Array(dim * dim);
    const v3 = new Float64Array(dim * dim);
    for (let k = 0; k < dim * dim; k++) {
      vPlus[k] = V[k] + outer[k];
      v3[k] = 3 * V[k] + 2 * outer[k];
    }
    const fvf = sandwich(F21, V, F21);
    const fvg = sandwich(F21, V, G21);
    const gvf = sandwich(G21, V, F21);
    const kvk = sandwich(K, vPlus, K);
    const gvg = sandwich(G21, v3, G21);
    const next = new Float64Array(dim * dim);
    for (let k = 0; k < dim * dim; k++) next[k] = fvf[k] + sigma2 * (fvg[k] + gvf[k] + kvk[k] + sigma2 * gvg[k]);
    V = next;
    // M ← F1 M F2ᵀ + σ² G1 M G2ᵀ
    vecM = nextMean(vecM, p1, m, F1s, F2s, G1s, G2s, sigma2);
  }
  return { mean, variance };
}

/** F1 M F2ᵀ + σ² G1 M G2ᵀ for M (p1 × m) held column-major in vecM. */
function nextMean(vecM: Float64Array, p1: number, m: number, F1: Sparse, F2: Sparse, G1: Sparse, G2: Sparse, sigma2: number): Float64Array {
  const out = new Float64Array(p1 * m);
  const apply = (A: Sparse, B: Sparse, w: number) => {
    // (A M Bᵀ)[i, j] = Σ A[i,k] M[k,l] B[j,l]
    for (let a = 0; a < A.vals.length; a++)
      for (let b = 0; b < B.vals.length; b++) {
        const i = A.rows[a];
        const k = A.cols[a];
        const j = B.rows[b];
        const l = B.cols[b];
        out[j * p1 + i] += w * A.vals[a] * vecM[l * p1 + k] * B.vals[b];
      }
  };
  apply(F1, F2, 1);
  apply(G1, G2, sigma2);
  return out;
}
