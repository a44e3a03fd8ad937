import type { Distribution } from '../types';

/**
 * Distributions of an uncertain driver, given by its P10 (`low`) and P90 (`high`) (docs/model.md#monte-carlo).
 *
 * How each shape is derived from P10/P90 (z = Φ⁻¹(0.9) = 1.2815515655446004):
 *
 *   uniform     on [a, b] with a = low − (high − low)/8, b = high + (high − low)/8: the range is 1.25
 *               times wider than P10–P90, so 10 % of the mass lies below low and 10 % above high.
 *   triangular  symmetric, mode m = (low + high)/2, support [m − h, m + h]. Below the mode the CDF is
 *               (x − m + h)² / (2h²); it equals 0.1 at low when h − (m − low) = h·√0.2, so
 *               h = (high − low) / (2·(1 − √0.2)) ≈ 0.9045·(high − low).
 *   normal      mean (low + high)/2, σ = (high − low) / (2z). Unbounded: values outside the driver's
 *               range are brought back by the driver's clamp (rates 0–1, money ≥ 0).
 *   lognormal   ln X normal with mean μ = (ln low + ln high)/2 and σ = (ln high − ln low)/(2z), so the
 *               median is √(low·high). Needs low > 0 (checked by uncertaintyIssues).
 *
 * Every shape is sampled by its inverse CDF: x = quantile(spec, u) with u uniform on (0, 1), so one
 * uniform number makes one draw and the draws of a seed are fixed by the uniforms alone.
 * A range with low = high is a constant (every quantile is low).
 */
export interface DistributionSpec {
  distribution: Distribution;
  /** P10. */
  low: number;
  /** P90. */
  high: number;
}

/** Φ⁻¹(0.9): the normal quantile that P90 sits at. */
export const Z90 = 1.2815515655446004;
/** Half-width of the symmetric triangular distribution per unit of (high − low). */
export const TRIANGULAR_HALF_WIDTH = 1 / (2 * (1 - Math.sqrt(0.2)));

/** Numeric codes of the shapes, for the typed arrays of a prepared Monte Carlo model. */
export const DIST_UNIFORM = 0;
export const DIST_TRIANGULAR = 1;
export const DIST_NORMAL = 2;
export const DIST_LOGNORMAL = 3;

export function distributionCode(d: Distribution): number {
  switch (d) {
    case 'uniform':
      return DIST_UNIFORM;
    case 'triangular':
      return DIST_TRIANGULAR;
    case 'normal':
      return DIST_NORMAL;
    case 'lognormal':
      return DIST_LOGNORMAL;
  }
}

/**
 * Parameters of each shape, in the form the sampler uses (p1, p2):
 *   uniform     a, b − a           (x = a + (b − a)·u)
 *   triangular  m, h               (mode and half-width of the support)
 *   normal      mean, σ
 *   lognormal   μ, σ of ln X
 */
export interface DistributionParams {
  code: number;
  p1: number;
  p2: number;
}

export function distributionParams(spec: DistributionSpec): DistributionParams {
  const { low, high } = spec;
  const w = high - low;
  switch (spec.distribution) {
    case 'uniform':
      return { code: DIST_UNIFORM, p1: low - w / 8, p2: w * 1.25 };
    case 'triangular':
      return { code: DIST_TRIANGULAR, p1: (low + high) / 2, p2: w * TRIANGULAR_HALF_WIDTH };
    case 'normal':
      return { code: DIST_NORMAL, p1: (low + high) / 2, p2: w / (2 * Z90) };
    case 'lognormal': {
      const ll = Math.log(low);
      const lh = Math.log(high);
      return { code: DIST_LOGNORMAL, p1: (ll + lh) / 2, p2: (lh - ll) / (2 * Z90) };
    }
  }
}

/** Quantile from numeric parameters; the Monte Carlo inner loop calls this directly. */
export function quantileFromParams(code: number, p1: number, p2: number, p: number): number {
  switch (code) {
    case DIST_UNIFORM:
      return p1 + p2 * p;
    case DIST_TRIANGULAR:
      // CDF below the mode (x − m + h)²/(2h²) = p  →  x = m − h + h·√(2p); symmetric above it.
      return p <= 0.5 ? p1 - p2 + p2 * Math.sqrt(2 * p) : p1 + p2 - p2 * Math.sqrt(2 * (1 - p));
    case DIST_NORMAL:
      return p2 === 0 ? p1 : p1 + p2 * inverseNormal(p);
    default:
      return p2 === 0 ? Math.exp(p1) : Math.exp(p1 + p2 * inverseNormal(p));
  }
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of a driver's distribution; quantile(spec, 0.1) = low and
 * quantile(spec, 0.9) = high up to rounding. For a lognormal it is NaN when low ≤ 0.
 */
export function quantile(spec: DistributionSpec, p: number): number {
  if (spec.low === spec.high) return spec.low;
  const { code, p1, p2 } = distributionParams(spec);
  return quantileFromParams(code, p1, p2, p);
}

/** Draws one value from a uniform u in (0, 1) by the inverse CDF. */
export function sample(spec: DistributionSpec, u: number): number {
  return quantile(spec, u);
}

/**
 * Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS241 (PPND16, Applied Statistics 37
 * (1988) 477–484): rational approximations with a relative error of about 1e-16. −∞ at 0, +∞ at 1,
 * NaN outside [0, 1]. Split in two so the common central branch stays small enough to be inlined
 * into the Monte Carlo loop.
 */
export function inverseNormal(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  const q = p - 0.5;
  return q * q <= NORMAL_SPLIT ? normalCentral(q) : normalTail(p, q);
}

/** AS241's |p − 0.5| ≤ 0.425, as (p − 0.5)² ≤ 0.180625. */
export const NORMAL_SPLIT = 0.180625;

/** Φ⁻¹(0.5 + q) for q² ≤ 0.180625. */
export function normalCentral(q: number): number {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
        13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.3871328727963666080)) /
    (((((((5226.4952788528545610 * r + 28729.085735721942674) * r + 39307.895800092710610) * r + 21213.794301586595867) * r +
      5394.1960214247511077) * r + 687.18700749205790830) * r + 42.313330701600911252) * r + 1)
  );
}

/** Φ⁻¹(p) in the tails (q = p − 0.5, q² > 0.180625). */
export function normalTail(p: number, q: number): number {
  let r = q < 0 ? p : 1 - p;
  if (r === 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.76949722146069140550) * r + 4.63033784615654529590) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
        6.89767334985100004550e-1) * r + 1.67638483018380384940) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
        2.96560571828504891230e-1) * r + 1.78482653991729133580) * r + 5.46378491116411436990) * r + 6.65790464350110377720) /
      (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
        1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1);
  }
  return q < 0 ? -x : x;
}


