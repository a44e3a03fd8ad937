/**
 * Two-proportion z test on observed counts (control A, test B): the pooled z and p of R's
 * `prop.test(correct = FALSE)` (χ² = z²), the unpooled Wald interval of the difference that
 * `prop.test` reports, and an interval of the relative lift B/A − 1 by the delta method on the log of
 * the ratio (Katz), as statsmodels' `confint_proportions_2indep(compare = 'ratio', method = 'log')`.
 */
import { normalQuantile, normalUpper } from '../stats/distributions';

export interface ProportionCounts {
  /** Conversions and units (visitors, customers) of the control arm. */
  controlConversions: number;
  controlUnits: number;
  testConversions: number;
  testUnits: number;
}

export interface ProportionTestResult {
  controlRate: number;
  testRate: number;
  /** testRate − controlRate. */
  difference: number;
  /** testRate / controlRate − 1; null when the control rate is 0. */
  relativeLift: number | null;
  /** Pooled z (the sign of the difference). */
  z: number;
  /** Two-sided p-value of the pooled z test. */
  p: number;
  /** Interval of the difference (unpooled standard error). */
  differenceLow: number;
  differenceHigh: number;
  /** Interval of the relative lift (delta method on log ratio); null when either arm has no conversions. */
  relativeLow: number | null;
  relativeHigh: number | null;
  confidence: number;
}

export type CountsProblem = 'units' | 'conversions' | 'noVariation';

/** Why the counts cannot be tested, or null when they can. */
export function countsProblem(c: ProportionCounts): CountsProblem | null {
  const whole = [c.controlUnits, c.testUnits, c.controlConversions, c.testConversions].every((v) => Number.isInteger(v) && v >= 0);
  if (!whole || c.controlUnits < 1 || c.testUnits < 1) return 'units';
  if (c.controlConversions > c.controlUnits || c.testConversions > c.testUnits) return 'conversions';
  const pooled = (c.controlConversions + c.testConversions) / (c.controlUnits + c.testUnits);
  if (pooled === 0 || pooled === 1) return 'noVariation';
  return null;
}

export function twoProportionTest(c: ProportionCounts, confidence = 0.95): ProportionTestResult {
  const { controlConversions: x1, controlUnits: n1, testConversions: x2, testUnits: n2 } = c;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const z = diff / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const p = Math.min(1, 2 * normalUpper(Math.abs(z)));
  const q = normalQuantile(1 - (1 - confidence) / 2);
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  // prop.test clips the interval of a difference of proportions to [−1, 1].
  const differenceLow = Math.max(-1, diff - q * se);
  const differenceHigh = Math.min(1, diff + q * se);
  let relativeLow: number | null = null;
  let relativeHigh: number | null = null;
  if (x1 > 0 && x2 > 0) {
    const logRatio = Math.log(p2 / p1);
    const seLog = Math.sqrt(1 / x2 - 1 / n2 + 1 / x1 - 1 / n1);
    relativeLow = Math.exp(logRatio - q * seLog) - 1;
    relativeHigh = Math.exp(logRatio + q * seLog) - 1;
  }
  return {
    controlRate: p1,
    testRate: p2,
    difference: diff,
    relativeLift: p1 > 0 ? p2 / p1 - 1 : null,
    z,
    p,
    differenceLow,
    differenceHigh,
    relativeLow,
    relativeHigh,
    confidence,
  };
}
