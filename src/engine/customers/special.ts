/**
 * Special functions for the CLV likelihoods. The models need log Γ, ψ and the Gauss hypergeometric
 * 2F1 at arguments where the plain functions overflow (Γ(200) ≈ 4e372), so everything here works in
 * log space.
 */

// Lanczos approximation, g = 7, n = 9 (the coefficient set used by Numerical Recipes 3rd ed. and
// many libraries): |relative error| of Γ below 2e-15 for Re(x) ≥ 0.5. Written as the shortest
// decimals that round-trip to the same doubles.
const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/** log |Γ(x)|. Reflection below ½ keeps the Lanczos sum in its accurate range. */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log B(a, b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/**
 * Digamma ψ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series (truncation error
 * below 1e-15 there). The fitters use it for analytic gradients of the log-likelihoods.
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** log(eᵃ + eᵇ) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

const SERIES_EPSILON = 1e-16;
const SERIES_MAX_TERMS = 1_000_000;

/**
 * log ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1 — the range the BG/NBD expectations need.
 *
 * Summed after Euler's transformation ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z): in the BG/NBD
 * the plain series has a = r + x, b = b + x, c = a + b + x − 1, whose terms first grow like (x·z)ⁿ and
 * overflow for frequent buyers, while after the transformation c − a and c − b no longer grow with x
 * and the terms shrink from the start. lifetimes switches to the same identity when scipy's hyp2f1
 * overflows. Convergence is geometric in z; z → 1 costs ~ 37 / (1 − z) terms.
 */
export function log2F1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  const a2 = c - a;
  const b2 = c - b;
  // Past n > |a2| + |b2| the term ratio is below z·(1 + small) and falling, so the tail after a
  // term is bounded by term / (1 − z).
  const settle = Math.abs(a2) + Math.abs(b2);
  const tailFactor = 1 / (1 - z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    term *= (((a2 + n) * (b2 + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || (n > settle && Math.abs(term) * tailFactor <= SERIES_EPSILON * Math.abs(sum))) break;
  }
  return (c - a - b) * Math.log1p(-z) + Math.log(sum);
}
