/**
 * Student's t for the regression's intervals: the app's one implementation (stats/distributions.ts),
 * under the names the elasticity code reads best with.
 */
export { incompleteBeta } from '../stats/distributions';
import { tQuantile, tUpper } from '../stats/distributions';

/** P(T ≤ t) for T ~ Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  // The left tail directly, not 1 − (1 − tail): it keeps its precision far out.
  return t < 0 ? tUpper(-t, df) : 1 - tUpper(t, df);
}

/** The p-quantile of Student's t with `df` > 0 degrees of freedom (0 < p < 1). */
export const studentTQuantile = tQuantile;
