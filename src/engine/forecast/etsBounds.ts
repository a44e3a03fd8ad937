import type { EtsSpec } from './etsModel';

/**
 * The parameter space ets searches by default (bounds = "both"): the "usual" box
 * 0.0001 ≤ β ≤ α ≤ 0.9999, 0.0001 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98, and inside it only the
 * "admissible" region where the model forgets its past (Hyndman et al. 2008, ch. 10).
 */
export const LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;

export function withinUsualBounds(spec: EtsSpec, alpha: number, beta: number, gamma: number, phi: number): boolean {
  if (alpha < LOWER.alpha || alpha > UPPER.alpha) return false;
  if (spec.trend !== 'N' && (beta < LOWER.beta || beta > alpha || beta > UPPER.beta)) return false;
  if (spec.damped && (phi < LOWER.phi || phi > UPPER.phi)) return false;
  if (spec.season !== 'N' && (gamma < LOWER.gamma || gamma > 1 - alpha || gamma > UPPER.gamma)) return false;
  return true;
}

/**
 * The admissible region: for non-seasonal models closed-form inequalities; for seasonal ones the
 * roots of the characteristic polynomial
 *   z^{m+1} + (α+β−φ) z^m + (α+β−αφ)(z^{m−1} + … + z²) + (α+β−αφ+γ−1) z + φ(1−α−γ)
 * must lie within the unit circle. ets allows a modulus up to 1 + 1e−10 — an undamped seasonal
 * model always has a root on the circle — so the test asks that every root of p((1 + 1e−10)·z)
 * lie strictly inside, which the Schur–Cohn recursion answers without finding the roots.
 */
export function admissible(spec: EtsSpec, period: number, alpha: number, beta: number, gamma: number, phi: number, work?: AdmissibleWork): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (spec.season === 'N' || period <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (spec.trend !== 'N' && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const m = period;
  const b = spec.trend === 'N' ? 0 : beta;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  const w = work && work.a.length >= m + 2 ? work : admissibleWork(m);
  // Coefficients by rising power: c[k] multiplies z^k.
  const c = w.a;
  const inner = alpha + b - alpha * phi;
  c[0] = phi * (1 - alpha - gamma);
  c[1] = inner + gamma - 1;
  for (let k = 2; k < m; k++) c[k] = inner;
  c[m] = alpha + b - phi;
  c[m + 1] = 1;
  let degree = m + 1;
  if (b === 0 && phi === 1) {
    // Without trend the polynomial has the root z = 1 exactly, and for small α and γ a second one
    // close to it; dividing the exact one out keeps the test from drowning in that near-double
    // root (where it would reject points ets accepts).
    for (let k = degree - 1; k >= 1; k--) c[k] += c[k + 1];
    for (let k = 0; k < degree; k++) c[k] = c[k + 1];
    degree -= 1;
  }
  // Scale z by 1 + 1e−10: roots up to that modulus count as inside, as in ets.
  const scale = 1 + 1e-10;
  let r = 1;
  for (let k = 1; k <= degree; k++) {
    r *= scale;
    c[k] *= r;
  }
  return schurCohn(c, w.b, degree);
}

/** Scratch space for the admissibility test, so the optimiser's calls allocate nothing. */
export interface AdmissibleWork {
  a: Float64Array;
  b: Float64Array;
}

export function admissibleWork(period: number): AdmissibleWork {
  return { a: new Float64Array(period + 2), b: new Float64Array(period + 2) };
}

/**
 * Schur–Cohn: p (coefficients by rising power) has every root strictly inside the unit circle iff
 * |p(0)| < |leading coefficient| and the same holds for (p*(0)·p(z) − p(0)·p*(z))/z, where p* is p
 * with its coefficients reversed; each step lowers the degree by one.
 */
export function rootsInsideUnitCircle(coefficients: Float64Array): boolean {
  const n = coefficients.length;
  return schurCohn(Float64Array.from(coefficients), new Float64Array(n), n - 1);
}

/** In place over `c` (degree `degree`), with `t` as scratch of the same length. */
function schurCohn(c: Float64Array, t: Float64Array, degree: number): boolean {
  let cur = c;
  let nxt = t;
  for (let deg = degree; deg >= 1; deg--) {
    const lead = cur[deg];
    const ratio = cur[0] / lead;
    if (!(Math.abs(ratio) < 1)) return false;
    // Divided by the new leading coefficient lead·(1 − ratio²), keeping magnitudes near 1.
    const norm = 1 / (lead * (1 - ratio * ratio));
    for (let k = 0; k < deg; k++) nxt[k] = (cur[k + 1] - ratio * cur[deg - 1 - k]) * norm;
    const swap = cur;
    cur = nxt;
    nxt = swap;
  }
  return true;
}
