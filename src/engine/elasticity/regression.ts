/**
 * The log-log least-squares fit behind every elasticity, as a within (fixed-effects) regression:
 * each group (a product) has its own intercept, and one slope is shared. With one group this is
 * plain OLS with an intercept. By the Frisch–Waugh–Lovell theorem the slope, its residuals and
 * therefore its classical and HC0/HC1 variances equal those of the regression with one dummy per
 * group; the tests check this against R's lm with factor dummies and sandwich::vcovHC.
 */
import { studentTQuantile } from './studentT';

export interface WithinFit {
  slope: number;
  /** The intercept when there is one group. */
  intercept: number | null;
  classicalSe: number;
  /** HC1: n / (n − k) · Σ x̃²e² / (Σ x̃²)², k = groups + 1. */
  robustSe: number;
  df: number;
  /** t(0.975, df). */
  t975: number;
}

/**
 * Fits y = a_g + b·x. `starts` holds where each group starts in x and y (and its end, last);
 * null when the slope is not identified (no variation of x within groups) or no degree of freedom is left.
 */
export function fitWithin(x: Float64Array, y: Float64Array, starts: readonly number[]): WithinFit | null {
  const n = starts[starts.length - 1];
  const groups = starts.length - 1;
  const k = groups + 1;
  const df = n - k;
  if (df < 1) return null;
  const xd = new Float64Array(n);
  const yd = new Float64Array(n);
  let xMean0 = 0;
  let yMean0 = 0;
  for (let g = 0; g < groups; g++) {
    const s = starts[g];
    const e = starts[g + 1];
    let mx = 0;
    let my = 0;
    for (let i = s; i < e; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= e - s;
    my /= e - s;
    // A second pass removes the rounding of the first mean (the data's spread can be tiny next to its level).
    let cx = 0;
    let cy = 0;
    for (let i = s; i < e; i++) {
      cx += x[i] - mx;
      cy += y[i] - my;
    }
    mx += cx / (e - s);
    my += cy / (e - s);
    if (g === 0) {
      xMean0 = mx;
      yMean0 = my;
    }
    for (let i = s; i < e; i++) {
      xd[i] = x[i] - mx;
      yd[i] = y[i] - my;
    }
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += xd[i] * xd[i];
    sxy += xd[i] * yd[i];
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  let sse = 0;
  let meat = 0;
  for (let i = 0; i < n; i++) {
    const r = yd[i] - slope * xd[i];
    sse += r * r;
    meat += xd[i] * xd[i] * r * r;
  }
  return {
    slope,
    intercept: groups === 1 ? yMean0 - slope * xMean0 : null,
    classicalSe: Math.sqrt(sse / df / sxx),
    robustSe: Math.sqrt(((n / df) * meat) / (sxx * sxx)),
    df,
    t975: studentTQuantile(0.975, df),
  };
}
