/**
 * A valid way to look at a test more than once: group-sequential boundaries with Lan–DeMets
 * O'Brien–Fleming-type alpha spending (docs/model.md#tests-and-pilots). With K planned, equally
 * spaced looks (information fractions t_k = k/K), the two-sided α is spent as
 *
 *   α(t) = 2 · [2 − 2·Φ(z_{1−α/4}/√t)]
 *
 * (each side spends α/2 by the O'Brien–Fleming-type function 2 − 2·Φ(z_{1−a/2}/√t) with a = α/2, as
 * gsDesign's `sfLDOF` for a symmetric two-sided design) *
 * and the boundary c_k of look k is the |z| whose crossing probability at look k (not crossed
 * before, no true effect) is α(t_k) − α(t_{k−1}). The cumulative z statistic is the scaled partial
 * sum of independent increments, Z_k = S_k/√k with S_k = Σᵢ≤ₖ Nᵢ; the density of S_k on the paths
 * still running is carried from look to look by numerical integration on a grid (Armitage, McPherson
 * & Rowe 1969), so the boundaries are exact up to the grid. Checked against R (mvtnorm's pmvnorm with
 * the Miwa algorithm) and the published gsDesign boundaries.
 */
import { normalQuantile, normalUpper } from '../stats/distributions';

export interface SequentialLook {
  /** Look number, 1…K. */
  look: number;
  /** Share of the planned sample seen at this look. */
  fraction: number;
  /** Stop and call the test significant when |z| ≥ bound. */
  bound: number;
  /** The same bound as a two-sided nominal p: stop when p < nominalP. */
  nominalP: number;
  /** α spent up to and including this look. */
  spent: number;
}

/** Most looks the designer plans boundaries for (the integration costs grow with the square of the looks' span). */
export const MAX_SEQUENTIAL_LOOKS = 20;

/** Points per unit of S on the integration grid. */
const PER_UNIT = 24;

/** Lan–DeMets O'Brien–Fleming-type spending: two-sided α spent by information fraction t. */
export function obrienFlemingSpent(t: number, alpha: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  // Upper tail directly: at an early look the spent α is far below a double's resolution near 1.
  return 4 * normalUpper(normalQuantile(1 - alpha / 4) / Math.sqrt(t));
}

const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Simpson weights for n (odd) points spaced h. */
function simpson(n: number, h: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = ((i === 0 || i === n - 1 ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3;
  return w;
}

/** Boundaries for `looks` equally spaced looks at two-sided level `alpha`. */
export function obrienFlemingBounds(looks: number, alpha = 0.05): SequentialLook[] {
  const K = Math.max(1, Math.floor(looks));
  const out: SequentialLook[] = [];
  // Look 1: S_1 = Z_1 ~ N(0, 1).
  let spentBefore: number;
  let spent = obrienFlemingSpent(1 / K, alpha);
  const b = -normalQuantile(spent / 2);
  out.push({ look: 1, fraction: 1 / K, bound: b, nominalP: spent, spent });
  // Density of S_1 on the paths still running: |s| < b.
  let n = 2 * Math.ceil(b * PER_UNIT) + 1;
  let grid = Float64Array.from({ length: n }, (_, i) => -b + (2 * b * i) / (n - 1));
  let density = grid.map((s) => phi(s));
  let weights = simpson(n, (2 * b) / (n - 1));
  for (let k = 2; k <= K; k++) {
    spentBefore = spent;
    spent = obrienFlemingSpent(k / K, alpha);
    const target = spent - spentBefore;
    // Crossing probability at look k for an S-bound B, ∫ f(u)·[Φ(−B − u) + Φ(u − B)] du, decreasing in
    // B, and its slope −∫ f(u)·[φ(B + u) + φ(B − u)] du: Newton steps kept inside a shrinking bracket.
    const crossing = (B: number): { p: number; slope: number } => {
      let p = 0;
      let slope = 0;
      for (let i = 0; i < n; i++) {
        const w = weights[i] * density[i];
        p += w * (normalUpper(B + grid[i]) + normalUpper(B - grid[i]));
        slope -= w * (phi(B + grid[i]) + phi(B - grid[i]));
      }
      return { p, slope };
    };
    let lo = 0;
    let hi = 40 * Math.sqrt(k);
    let B = b * Math.sqrt(k);
    for (let it = 0; it < 100; it++) {
      const { p, slope } = crossing(B);
      if (p > target) lo = B;
      else hi = B;
      const step = slope < 0 ? B - (p - target) / slope : NaN;
      const next = step > lo && step < hi ? step : (lo + hi) / 2;
      if (Math.abs(next - B) <= 1e-12 * B) {
        B = next;
        break;
      }
      B = next;
    }
    const bound = B / Math.sqrt(k);
    out.push({ look: k, fraction: k / K, bound, nominalP: 2 * normalUpper(bound), spent });
    if (k === K) break;
    // Carry the density to look k: f_k(s) = ∫ f_{k−1}(u)·φ(s − u) du on |s| < B.
    const m = 2 * Math.ceil(B * PER_UNIT) + 1;
    const next = Float64Array.from({ length: m }, (_, j) => -B + (2 * B * j) / (m - 1));
    const nextDensity = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += weights[i] * density[i] * phi(next[j] - grid[i]);
      nextDensity[j] = v;
    }
    n = m;
    grid = next;
    density = nextDensity;
    weights = simpson(n, (2 * B) / (n - 1));
  }
  return out;
}
