/**
 * Why looking at p every day and stopping at the first p < α is wrong: with no true effect, the
 * chance that at least one of K equally spaced looks crosses the fixed-horizon bound is far above α
 * (Armitage, McPherson & Rowe 1969: 8.3 % at 2 looks, 14.2 % at 5, 19.3 % at 10, 24.8 % at 20 for
 * α = 5 %). The rate is simulated here from the z statistic's Brownian path: after look k of K
 * the cumulative z is Σᵢ₌₁ᵏ Nᵢ / √k with independent standard normal increments.
 */
import { mulberry32 } from '../random';
import { normalQuantile } from '../stats/distributions';

/** Share of null experiments that a test reading p at each of `looks` looks would call significant. */
export function peekingFalsePositiveRate(looks: number, alpha = 0.05, paths = 40_000, seed = 20261206): number {
  const k = Math.max(1, Math.floor(looks));
  if (k === 1) return alpha;
  const bound = normalQuantile(1 - alpha / 2);
  const u = mulberry32(seed);
  let hits = 0;
  for (let path = 0; path < paths; path++) {
    let sum = 0;
    for (let look = 1; look <= k; look++) {
      // Box–Muller; one normal per draw keeps the stream simple.
      sum += Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
      if (Math.abs(sum) / Math.sqrt(look) > bound) {
        hits++;
        break;
      }
    }
  }
  return hits / paths;
}
