/**
 * Sample size, power and minimum detectable effect of a two-sided two-proportion test with equal arms.
 * Two forms are offered, and each is checked against its own reference:
 *   arcsine  Cohen's h = 2·asin√p₂ − 2·asin√p₁; power = Φ(h√(n/2) − z) + Φ(−h√(n/2) − z), both tails,
 *            as R `pwr.2p.test` and statsmodels `NormalIndPower` with `proportion_effectsize`;
 *   pooled   the normal approximation of R `power.prop.test` (strict = FALSE):
 *            n = (z_{1−α/2}·√(2p̄q̄) + z_{1−β}·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2.
 * n is units per arm before rounding; the designer rounds it up.
 */
import { normalCdf, normalQuantile } from '../stats/distributions';

export type PowerMethod = 'arcsine' | 'pooled';

export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
}

/** Power of the two-sided test with n units per arm. */
export function proportionPower(p1: number, p2: number, n: number, alpha: number, method: PowerMethod): number {
  const z = normalQuantile(1 - alpha / 2);
  if (method === 'arcsine') {
    const shift = Math.abs(cohensH(p1, p2)) * Math.sqrt(n / 2);
    return normalCdf(shift - z) + normalCdf(-shift - z);
  }
  const pbar = (p1 + p2) / 2;
  const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return normalCdf((Math.sqrt(n) * Math.abs(p2 - p1) - z * Math.sqrt(2 * pbar * (1 - pbar))) / spread);
}

/** Units per arm (not rounded) for the given power; null when p1 = p2 or a rate is outside (0, 1). */
export function proportionSampleSize(p1: number, p2: number, alpha: number, power: number, method: PowerMethod): number | null {
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || p1 === p2) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  if (method === 'pooled') {
    const pbar = (p1 + p2) / 2;
    const n = (za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / (p2 - p1);
    return n * n;
  }
  // Start from the one-tail closed form, then solve the two-tail power equation (the far tail adds a
  // little power, so the exact n is slightly smaller).
  const h = Math.abs(cohensH(p1, p2));
  let hi = 2 * ((za + zb) / h) ** 2;
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (proportionPower(p1, p2, mid, alpha, 'arcsine') < power) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The smallest test rate above `p1` that n units per arm detect with the given power (the minimum
 * detectable effect is this less p1); null when even a rate near 1 is not detectable.
 */
export function minimumDetectableRate(p1: number, n: number, alpha: number, power: number, method: PowerMethod): number | null {
  if (!(p1 > 0 && p1 < 1) || !(n > 0)) return null;
  let lo = p1;
  let hi = 1 - 1e-12;
  if (proportionPower(p1, hi, n, alpha, method) < power) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (proportionPower(p1, mid, n, alpha, method) < power) lo = mid;
    else hi = mid;
  }
  return hi;
}
