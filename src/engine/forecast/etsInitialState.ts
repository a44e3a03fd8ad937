import type { SeasonType, TrendType } from './etsModel';

/**
 * Starting values for the initial states, computed as forecast::ets does (its `initstate`), so the
 * optimiser starts where R's starts and lands where R's lands. The optimiser then estimates these
 * states together with the smoothing parameters; the last seasonal state is not free but fixed by
 * the seasonal states summing to 0 (additive) or m (multiplicative), so it is left out here.
 *
 * Seasonal starting values come from a classical decomposition when there are three full cycles,
 * otherwise from a regression on a linear trend and one Fourier pair; the level (and trend) from
 * the first max(10, 2m) seasonally adjusted observations.
 */
export function initialStateGuess(y: ArrayLike<number>, period: number, trend: TrendType, season: SeasonType): Float64Array {
  const n = y.length;
  let seasonal: Float64Array | null = null;
  let adjusted: Float64Array;
  let m = 1;
  let guesses: number[] = [];
  if (season !== 'N') {
    m = period;
    seasonal = n < 3 * m ? fourierDetrend(y, m, season) : decomposeSeasonal(y, m, season);
    // s₀ … s_{m−2} in ets's order: the seasonal figure of observations m, m−1, …, 2.
    for (let k = m - 1; k >= 1; k--) guesses.push(seasonal[k]);
    adjusted = new Float64Array(n);
    if (season === 'A') {
      for (let t = 0; t < n; t++) adjusted[t] = y[t] - seasonal[t];
    } else {
      // Multiplicative indices must stay positive; ets floors them at 0.01 and rescales.
      guesses = guesses.map((v) => Math.max(v, 0.01));
      const sum = guesses.reduce((a, v) => a + v, 0);
      if (sum > m) {
        const denom = guesses.reduce((a, v) => a + v + 0.01, 0);
        guesses = guesses.map((v) => v / denom);
      }
      for (let t = 0; t < n; t++) adjusted[t] = y[t] / Math.max(seasonal[t], 0.01);
    }
  } else {
    adjusted = Float64Array.from(y);
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  const head: number[] = [];
  if (trend === 'N') {
    let sum = 0;
    for (let t = 0; t < maxn; t++) sum += adjusted[t];
    head.push(sum / maxn);
  } else {
    const { intercept, slope } = lineFit(adjusted, maxn);
    let l0 = intercept;
    let b0 = slope;
    // Keep ℓ₀ + b₀ away from zero, where a multiplicative error would divide by nothing.
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 0.001;
      b0 *= 1 - 0.001;
    }
    head.push(l0, b0);
  }
  return Float64Array.from([...head, ...guesses]);
}

/** Least-squares line through (1, v₀) … (k, v_{k−1}). */
function lineFit(v: ArrayLike<number>, k: number): { intercept: number; slope: number } {
  const tMean = (k + 1) / 2;
  let vMean = 0;
  for (let t = 0; t < k; t++) vMean += v[t];
  vMean /= k;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < k; t++) {
    const dt = t + 1 - tMean;
    sxy += dt * (v[t] - vMean);
    sxx += dt * dt;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: vMean - slope * tMean, slope };
}

/**
 * R's decompose(): a centred moving average of one cycle (2×m for even m) as the trend, the
 * detrended values averaged by position in the cycle, centred to mean 0 (additive) or 1.
 * Positions count from the first observation, not the calendar.
 */
function decomposeSeasonal(y: ArrayLike<number>, m: number, season: SeasonType): Float64Array {
  const n = y.length;
  const weights = m % 2 === 0 ? [0.5, ...Array<number>(m - 1).fill(1), 0.5].map((w) => w / m) : Array<number>(m).fill(1 / m);
  const half = Math.floor(weights.length / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - (weights.length - 1 - half); t++) {
    let trend = 0;
    for (let j = 0; j < weights.length; j++) trend += weights[j] * y[t + half - j];
    sums[t % m] += season === 'A' ? y[t] - trend : y[t] / trend;
    counts[t % m] += 1;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = sums[i] / counts[i];
    mean += figure[i];
  }
  mean /= m;
  for (let i = 0; i < m; i++) figure[i] = season === 'A' ? figure[i] - mean : figure[i] / mean;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = figure[t % m];
  return out;
}

/**
 * For fewer than three cycles: regress y on 1, t, sin(2πt/m), cos(2πt/m) and take the seasonal
 * figure as y minus (or over) the fitted intercept and trend alone, as ets does. Fourier terms that
 * vanish at this period (sin for m = 2) are dropped.
 */
function fourierDetrend(y: ArrayLike<number>, m: number, season: SeasonType): Float64Array {
  const n = y.length;
  const columns: ((t: number) => number)[] = [() => 1, (t) => t, (t) => Math.cos((2 * Math.PI * t) / m)];
  if (m > 2) columns.push((t) => Math.sin((2 * Math.PI * t) / m));
  const coef = leastSquares(
    Array.from({ length: n }, (_, i) => columns.map((c) => c(i + 1))),
    Array.from(y),
  );
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const base = coef[0] + coef[1] * (t + 1);
    out[t] = season === 'A' ? y[t] - base : y[t] / base;
  }
  return out;
}

/** Ordinary least squares by Householder QR (small, dense, well-conditioned designs). */
function leastSquares(rows: number[][], rhs: number[]): number[] {
  const n = rows.length;
  const p = rows[0].length;
  const a = rows.map((r) => r.slice());
  const b = rhs.slice();
  for (let k = 0; k < p; k++) {
    let norm = 0;
    for (let i = k; i < n; i++) norm += a[i][k] * a[i][k];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = a[k][k] > 0 ? -norm : norm;
    const v = new Float64Array(n);
    v[k] = a[k][k] - alpha;
    for (let i = k + 1; i < n; i++) v[i] = a[i][k];
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < p; j++) {
      let dot = 0;
      for (let i = k; i < n; i++) dot += v[i] * a[i][j];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) a[i][j] -= f * v[i];
    }
    let dot = 0;
    for (let i = k; i < n; i++) dot += v[i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) b[i] -= f * v[i];
  }
  const x = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < p; j++) s -= a[k][j] * x[j];
    x[k] = a[k][k] === 0 ? 0 : s / a[k][k];
  }
  return x;
}
