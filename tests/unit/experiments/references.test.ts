/**
 * The test designer's statistics against R (pwr, prop.test, power.prop.test, t.test, lm) and
 * scipy/statsmodels on fixed inputs (tests/fixtures/experiments/reference.{R,py} and their JSON).
 * Tolerances: p-values and intervals 1e-9 absolute (1e-9 relative for p below 1e-6); sample sizes
 * equal after rounding up, and within 1e-6 relative of statsmodels' root (R's pwr solves n by
 * uniroot at its default tolerance of about 1e-4, so within 1e-3 absolute of it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  diffInDiff,
  meanSampleSize,
  minimumDetectableRate,
  normalUpper,
  orderValueSpread,
  proportionPower,
  proportionSampleSize,
  tQuantile,
  tUpper,
  twoProportionTest,
  welchTest,
} from '../../../src/engine/experiments';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reference JSON written by R and Python
const read = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/experiments/${name}`, import.meta.url), 'utf8'));
const R = read('reference-r.json');
const PY = read('reference-py.json');

/** Absolute tolerance, relative for values below 1e-6 (far-tail p-values). */
function close(actual: number, expected: number, tol = 1e-9): void {
  const scale = Math.min(1, Math.abs(expected) / 1e-6);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * (scale < 1 ? Math.abs(expected) : 1));
}

function summary(xs: number[]): { mean: number; sd: number; n: number } {
  const s = orderValueSpread(xs)!;
  return { mean: s.mean, sd: s.sd, n: s.n };
}

describe('distribution tails', () => {
  it('normal and t tails match scipy, t quantiles match R qt', () => {
    for (const [z, p] of PY.tails.normalUpper) close(normalUpper(z), p, 1e-13);
    for (const [t, df, p] of PY.tails.tUpper) close(tUpper(t, df), p, 1e-13);
    for (const [p, df, q] of R.tQuantiles) close(tQuantile(p, df), q, 1e-12);
  });
});

describe('two-proportion z test', () => {
  it('matches prop.test(correct = FALSE): χ² = z², p and the interval of the difference', () => {
    for (const r of R.propTests) {
      const res = twoProportionTest(r);
      close(res.z * res.z, r.chisq, 1e-9);
      close(res.p, r.p);
      close(res.differenceLow, r.differenceLow);
      close(res.differenceHigh, r.differenceHigh);
    }
  });
  it('matches statsmodels: z, p and the relative lift interval by the log (delta) method', () => {
    for (const r of PY.propTests) {
      const res = twoProportionTest(r);
      close(res.z, r.z);
      close(res.p, r.p);
      close(res.relativeLow!, r.relativeLow);
      close(res.relativeHigh!, r.relativeHigh);
      close(res.differenceLow, r.differenceLow);
    }
  });
});

describe('sample size, power and minimum detectable effect', () => {
  it('arcsine form: pwr.2p.test and statsmodels NormalIndPower give the same units per arm', () => {
    for (const [i, r] of R.sampleSizes.entries()) {
      const n = proportionSampleSize(r.p1, r.p2, r.alpha, r.power, 'arcsine')!;
      expect(Math.ceil(n)).toBe(Math.ceil(r.arcsine));
      expect(Math.abs(n - r.arcsine)).toBeLessThan(1e-3);
      const py = PY.sampleSizes[i];
      expect(Math.ceil(n)).toBe(Math.ceil(py.n));
      expect(Math.abs(n - py.n) / py.n).toBeLessThan(1e-6);
    }
  });
  it('pooled form: power.prop.test', () => {
    for (const r of R.sampleSizes) {
      const n = proportionSampleSize(r.p1, r.p2, r.alpha, r.power, 'pooled')!;
      expect(Math.ceil(n)).toBe(Math.ceil(r.pooled));
      expect(Math.abs(n - r.pooled) / r.pooled).toBeLessThan(1e-8);
    }
  });
  it('power for a given n matches pwr.2p.test and power.prop.test', () => {
    for (const r of R.powers) {
      close(proportionPower(r.p1, r.p2, r.n, r.alpha, 'arcsine'), r.arcsine, 1e-12);
      close(proportionPower(r.p1, r.p2, r.n, r.alpha, 'pooled'), r.pooled, 1e-12);
    }
  });
  it('the minimum detectable rate matches R solved for p2', () => {
    for (const r of R.mdes) {
      close(minimumDetectableRate(r.p1, r.n, r.alpha, r.power, 'arcsine')!, r.arcsineRate, 1e-10);
      close(minimumDetectableRate(r.p1, r.n, r.alpha, r.power, 'pooled')!, r.pooledRate, 1e-8);
    }
  });
  it('order value: units per arm match statsmodels NormalIndPower with effect size δ/sd', () => {
    for (const r of PY.meanSizes) {
      const n = meanSampleSize(r.delta, r.sd, r.alpha, r.power)!;
      expect(Math.ceil(n)).toBe(Math.ceil(r.n));
      expect(Math.abs(n - r.n) / r.n).toBeLessThan(1e-6);
    }
  });
});

describe('Welch t test', () => {
  it('matches R t.test(var.equal = FALSE): t, Welch–Satterthwaite df, p and interval', () => {
    const w = R.welch;
    const res = welchTest(summary(w.control), summary(w.test))!;
    close(res.difference, w.difference);
    close(res.t, w.t);
    close(res.df, w.df, 1e-9);
    close(res.p, w.p);
    close(res.low, w.low);
    close(res.high, w.high);
  });
  it('matches scipy ttest_ind(equal_var = False), and the order spread matches numpy', () => {
    const w = PY.welch;
    const c = summary(w.control);
    close(c.mean, w.controlMean, 1e-9);
    close(c.sd, w.controlSd, 1e-9);
    const res = welchTest(c, summary(w.test))!;
    close(res.t, w.t);
    close(res.df, w.df);
    close(res.p, w.p);
    close(res.low, w.low);
    close(res.high, w.high);
  });
});

describe('difference in differences', () => {
  it('matches lm(y ~ group + month + treated) on the 2 × T panel', () => {
    const d = R.did;
    const res = diffInDiff(d.test, d.control, d.firstPost);
    if (typeof res === 'string') throw new Error(res);
    close(res.estimate, d.estimate);
    close(res.se, d.se);
    close(res.t, d.t);
    expect(res.df).toBe(d.df);
    expect(Math.abs(res.p - d.p) / d.p).toBeLessThan(1e-9);
    close(res.low, d.low);
    close(res.high, d.high);
  });
  it('refuses when there are not enough months', () => {
    expect(diffInDiff([1, 2], [1, 1], 1)).toBe('tooFewMonths');
    expect(diffInDiff([1, null, 3, 4], [1, 1, null, 1], 3)).toBe('tooFewMonths');
  });
});
