/**
 * Order value: Welch's t test on two arms' summary statistics (R `t.test(var.equal = FALSE)`), the
 * units per arm to detect a given difference, and the spread of order values from imported orders.
 */
import { normalCdf, normalQuantile, tQuantile, tUpper } from '../stats/distributions';

export interface ArmSummary {
  mean: number;
  /** Sample standard deviation (n − 1 divisor). */
  sd: number;
  n: number;
}

export interface WelchResult {
  /** test mean − control mean. */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  p: number;
  low: number;
  high: number;
  confidence: number;
}

export function welchTest(control: ArmSummary, test: ArmSummary, confidence = 0.95): WelchResult | null {
  if (!(control.n >= 2 && test.n >= 2)) return null;
  const v1 = (control.sd * control.sd) / control.n;
  const v2 = (test.sd * test.sd) / test.n;
  const se = Math.sqrt(v1 + v2);
  if (!(se > 0)) return null;
  const difference = test.mean - control.mean;
  const t = difference / se;
  const df = (v1 + v2) ** 2 / ((v1 * v1) / (control.n - 1) + (v2 * v2) / (test.n - 1));
  const p = Math.min(1, 2 * tUpper(Math.abs(t), df));
  const q = tQuantile(1 - (1 - confidence) / 2, df);
  return { difference, t, df, p, low: difference - q * se, high: difference + q * se, confidence };
}

/**
 * Units per arm (not rounded) to detect a difference `delta` in mean order value when order values
 * have standard deviation `sd` in both arms: the normal approximation n = 2·((z_{1−α/2} + z_{1−β})·sd/δ)²
 * refined to the two-tail power equation, as statsmodels `NormalIndPower` with effect size δ/sd.
 * (R `power.t.test` uses the noncentral t and asks for one or two more per arm at small n.)
 */
export function meanSampleSize(delta: number, sd: number, alpha: number, power: number): number | null {
  if (!(sd > 0) || !(Math.abs(delta) > 0)) return null;
  const d = Math.abs(delta) / sd;
  const za = normalQuantile(1 - alpha / 2);
  const powerAt = (n: number): number => {
    const shift = d * Math.sqrt(n / 2);
    return normalCdf(shift - za) + normalCdf(-shift - za);
  };
  let lo = 0;
  let hi = 2 * ((za + normalQuantile(power)) / d) ** 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (powerAt(mid) < power) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean, sample standard deviation and coefficient of variation of order values (one pass, Welford). */
export function orderValueSpread(amounts: ArrayLike<number>, keep?: (i: number) => boolean): (ArmSummary & { cv: number }) | null {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < amounts.length; i++) {
    if (keep && !keep(i)) continue;
    const x = amounts[i];
    if (!Number.isFinite(x)) continue;
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  if (n < 2 || !(mean > 0)) return null;
  const sd = Math.sqrt(m2 / (n - 1));
  return { n, mean, sd, cv: sd / mean };
}
