/**
 * Difference in differences of a regional pilot from monthly series: the test regions' total and the
 * control regions' total per month, months before and after the pilot starts. The estimate and its
 * standard error are those of OLS with group and month fixed effects on the 2 × T panel,
 *   y_{g,t} = α_g + γ_t + δ·(test_g · post_t) + ε,
 * which on two groups is the same as regressing the monthly gap d_t = y_test − y_control on an
 * intercept and the post dummy: δ = mean(d | post) − mean(d | pre), se² = s²·(1/T_pre + 1/T_post)
 * with s² the pooled variance of d within the two periods, T − 2 degrees of freedom (checked
 * against R `lm(y ~ factor(group) + factor(month) + treated)`). Months where either side has no
 * value are left out.
 */
import { tQuantile, tUpper } from '../stats/distributions';

export interface DidResult {
  estimate: number;
  se: number;
  df: number;
  t: number;
  p: number;
  low: number;
  high: number;
  /** The estimate over the test regions' pre-period mean; null when that is 0. */
  relative: number | null;
  preMonths: number;
  postMonths: number;
  confidence: number;
}

export type DidProblem = 'tooFewMonths';

export function diffInDiff(test: readonly (number | null)[], control: readonly (number | null)[], firstPost: number, confidence = 0.95): DidResult | DidProblem {
  const pre: number[] = [];
  const post: number[] = [];
  let testPre = 0;
  for (let t = 0; t < Math.min(test.length, control.length); t++) {
    const a = test[t];
    const b = control[t];
    if (a === null || b === null) continue;
    if (t < firstPost) {
      pre.push(a - b);
      testPre += a;
    } else post.push(a - b);
  }
  const df = pre.length + post.length - 2;
  if (pre.length < 1 || post.length < 1 || df < 1) return 'tooFewMonths';
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const mPre = mean(pre);
  const mPost = mean(post);
  const ss = pre.reduce((s, x) => s + (x - mPre) ** 2, 0) + post.reduce((s, x) => s + (x - mPost) ** 2, 0);
  const estimate = mPost - mPre;
  const se = Math.sqrt((ss / df) * (1 / pre.length + 1 / post.length));
  const t = estimate / se;
  const p = se > 0 ? Math.min(1, 2 * tUpper(Math.abs(t), df)) : estimate === 0 ? 1 : 0;
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  const basePre = testPre / pre.length;
  return {
    estimate,
    se,
    df,
    t,
    p,
    low: estimate - q * se,
    high: estimate + q * se,
    relative: basePre !== 0 ? estimate / basePre : null,
    preMonths: pre.length,
    postMonths: post.length,
    confidence,
  };
}
