/**
 * The exponential smoothing state-space models of Hyndman, Koehler, Ord & Snyder (2008), in the
 * parameterisation of R's forecast::ets: error A/M, trend N/A (optionally damped), season N/A/M.
 * The recursion is written in terms of the observation, so the state update is the same for
 * additive and multiplicative errors; only the error (and so the likelihood) differs.
 *
 * State vector x = (ℓ, b?, s₁ … s_m): s₁ is the newest seasonal state and s_m the one that applies
 * to the next observation, as in ets's `states` matrix.
 */

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  damped: boolean;
  season: SeasonType;
}

/** Smoothing parameters; β, γ and φ are ignored where the model has no such component. */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  /** 1 for an undamped trend. */
  phi: number;
}

/** The model's short name as ets prints it without punctuation: "ANN", "MAdM". */
export function etsName(spec: EtsSpec): string {
  return `${spec.error}${spec.trend}${spec.damped ? 'd' : ''}${spec.season}`;
}

/** Parses a short name ("MAdM"); null when it is not one of the models the engine fits. */
export function parseEtsName(name: string): EtsSpec | null {
  const m = /^([AM])([NA])(d?)([NAM])$/.exec(name);
  if (!m || (m[2] === 'N' && m[3] === 'd')) return null;
  return { error: m[1] as ErrorType, trend: m[2] as TrendType, damped: m[3] === 'd', season: m[4] as SeasonType };
}

/** Length of the state vector: level, trend if any, m seasonal states if seasonal. */
export function stateLength(spec: EtsSpec, period: number): number {
  return 1 + (spec.trend === 'N' ? 0 : 1) + (spec.season === 'N' ? 0 : period);
}

// ets's guards against division by a vanishing state (etscalc.c): a state this small is treated as
// zero and the ratio replaced by a huge number, which the likelihood then rejects.
const TOL = 1e-10;
const HUGE = 1e10;

/** Reusable buffers, so the optimiser's thousands of likelihood calls allocate nothing. */
export interface EtsWork {
  season: Float64Array;
}

export function etsWork(period: number): EtsWork {
  return { season: new Float64Array(Math.max(1, period)) };
}

/** Optional outputs of a pass over the data. */
export interface EtsTrace {
  /** One-step errors: y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative). */
  residuals?: Float64Array;
  fitted?: Float64Array;
  /** The state after the last observation, laid out as the initial state. */
  finalState?: Float64Array;
}

/**
 * Runs the model over y from initial state x0 and returns −2 log-likelihood up to a constant, as
 * ets reports it: n·log(Σe²) + 2·Σlog|ŷ| (the second term for multiplicative errors only). R's
 * `loglik` is −½ of this. NaN when the recursion breaks down.
 *
 * The seasonal states live in a ring (`work.season`), so a step costs the same for any period.
 */
export function etsLikelihood(
  y: ArrayLike<number>,
  spec: EtsSpec,
  period: number,
  p: EtsParams,
  x0: ArrayLike<number>,
  work: EtsWork,
  trace?: EtsTrace,
): number {
  const n = y.length;
  const hasTrend = spec.trend !== 'N';
  // Small integers rather than the letters: this loop runs millions of times per fit.
  const season = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const m = season === 0 ? 1 : period;
  const multError = spec.error === 'M';
  const alpha = p.alpha;
  const gamma = p.gamma;
  const phi = hasTrend && spec.damped ? p.phi : hasTrend ? 1 : 0;
  const betaOverAlpha = hasTrend ? p.beta / alpha : 0;
  const residuals = trace?.residuals;
  const fitted = trace?.fitted;
  let l = x0[0];
  let b = hasTrend ? x0[1] : 0;
  const s = work.season;
  const s0 = hasTrend ? 2 : 1;
  // Ring: logical s_j (1-based) is s[(head + j − 1) mod m]; the next seasonal state to apply is s_m.
  let head = 0;
  if (season !== 0) for (let j = 0; j < m; j++) s[j] = x0[s0 + j];
  let sse = 0;
  let logSum = 0;
  // Σlog|ŷ| as the log of a running product, taken when the product leaves a safe range: one
  // logarithm per dozens of observations instead of one each.
  let product = 1;
  for (let i = 0; i < n; i++) {
    const phib = phi * b;
    const q = l + phib;
    const last = head === 0 ? m - 1 : head - 1;
    const yi = y[i];
    let f: number;
    let pp: number;
    let sOld = 0;
    if (season === 0) {
      f = q;
      pp = yi;
    } else if (season === 1) {
      sOld = s[last];
      f = q + sOld;
      pp = yi - sOld;
    } else {
      sOld = s[last];
      f = q * sOld;
      pp = Math.abs(sOld) < TOL ? HUGE : yi / sOld;
    }
    const e = multError ? (yi - f) / f : yi - f;
    if (residuals) residuals[i] = e;
    if (fitted) fitted[i] = f;
    sse += e * e;
    if (multError) {
      product *= Math.abs(f);
      if (!(product < 1e150 && product > 1e-150)) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    const lNew = q + alpha * (pp - q);
    if (hasTrend) b = phib + betaOverAlpha * (lNew - l - phib);
    // New season: the oldest state is replaced by the newest, which becomes s₁.
    if (season !== 0) {
      const t = season === 1 ? yi - q : Math.abs(q) < TOL ? HUGE : yi / q;
      s[last] = sOld + gamma * (t - sOld);
      head = last;
    }
    l = lNew;
  }
  if (trace?.finalState) {
    const out = trace.finalState;
    out[0] = l;
    if (hasTrend) out[1] = b;
    if (season !== 0) for (let j = 0; j < m; j++) out[s0 + j] = s[(head + j) % m];
  }
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * (logSum + Math.log(product));
  return lik;
}

/**
 * Point forecasts h steps ahead from a state: ℓ + φ_h·b (φ_h = φ + … + φ^h) combined with the
 * seasonal state of the month ahead. For the multiplicative-error, multiplicative-season models the
 * forecast mean differs slightly (see etsIntervals.ts); this is the point forecast.
 */
export function etsPointForecast(spec: EtsSpec, period: number, p: EtsParams, state: ArrayLike<number>, h: number): Float64Array {
  const out = new Float64Array(h);
  const hasTrend = spec.trend !== 'N';
  const phi = spec.damped ? p.phi : 1;
  const m = spec.season === 'N' ? 1 : period;
  const s0 = hasTrend ? 2 : 1;
  let phiSum = 0;
  let phiPow = 1;
  for (let i = 0; i < h; i++) {
    phiPow *= phi;
    phiSum += phiPow;
    const trendPart = state[0] + (hasTrend ? phiSum * state[1] : 0);
    // Month i+1 ahead uses s_{m − (i mod m)} (1-based), the state laid down a whole cycle earlier.
    const sj = s0 + m - 1 - (i % m);
    out[i] = spec.season === 'N' ? trendPart : spec.season === 'A' ? trendPart + state[sj] : trendPart * state[sj];
  }
  return out;
}
