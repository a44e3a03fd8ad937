import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdProbabilityAlive,
  bgnbdProbabilityOfNPurchases,
  fitBgNbd,
  type BgNbdParams,
} from '../../../src/engine/customers/bgnbd';
import { dayFromCivil } from '../../../src/engine/customers/calendar';
import { clvPatterns, clvSummary } from '../../../src/engine/customers/clvSummary';
import { column, loadCdnowSample, loadNumericCsv } from './fixtures';

const cdnow = loadNumericCsv('cdnow_customers_summary.csv');
const data = { frequency: column(cdnow, 'frequency'), recency: column(cdnow, 'recency'), T: column(cdnow, 'T') };
const fit = fitBgNbd(data);
const published: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD fit on the CDNOW sample summary (weeks)', () => {
  it('reproduces Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4', () => {
    expect(fit.converged).toBe(true);
    // lifetimes: npt.assert_array_almost_equal(expected, params, decimal=3) → |Δ| < 1.5e-3.
    expect(Math.abs(fit.params.r - 0.243)).toBeLessThan(1.5e-3);
    expect(Math.abs(fit.params.alpha - 4.414)).toBeLessThan(1.5e-3);
    expect(Math.abs(fit.params.a - 0.793)).toBeLessThan(1.5e-3);
    expect(Math.abs(fit.params.b - 2.426)).toBeLessThan(1.5e-3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('lands on the optimum lifetimes reports for this file', () => {
    // lifetimes docs/Quickstart.md, bgf.summary: r 0.242593, α 4.413532, a 0.792886, b 2.425752.
    // Independent cross-check of the log-likelihood: scipy Nelder–Mead on the same file and formula
    // (xatol 1e-10) reached −9582.425561 at r 0.24259291, α 4.41353118, a 0.79288625, b 2.42575366.
    expect(fit.params.r).toBeCloseTo(0.242593, 5);
    expect(fit.params.alpha).toBeCloseTo(4.413532, 4);
    expect(fit.params.a).toBeCloseTo(0.792886, 5);
    expect(fit.params.b).toBeCloseTo(2.425752, 4);
    expect(fit.logLikelihood).toBeCloseTo(-9582.425561, 5);
  });

  it('from the raw transactions (unrounded weeks) matches the R package CLVTools: r 0.2425945, α 4.4136019, a 0.7929199, b 2.4258881, LL −9582.429', () => {
    // The summary file rounds recency and T to 2 decimals; CLVTools' correctness tests fit the exact
    // values from the transaction log (estimation end 1997-09-30) — an independent implementation.
    const { tx } = loadCdnowSample();
    const summary = clvSummary(tx, { observationEndDay: dayFromCivil(1997, 9, 30), period: 'day', unit: 'weeks' });
    const exact = fitBgNbd(clvPatterns(summary));
    expect(exact.params.r).toBeCloseTo(0.2425945, 6);
    expect(exact.params.alpha).toBeCloseTo(4.4136019, 4);
    expect(exact.params.a).toBeCloseTo(0.7929199, 4);
    expect(exact.params.b).toBeCloseTo(2.4258881, 4);
    // Independent cross-check, tighter: scipy Nelder–Mead (xatol 1e-10) on the same exact summary
    // reached r 0.24259453, α 4.41360218, a 0.79292187, b 2.42590623, LL −9582.4292067.
    expect(exact.params.alpha).toBeCloseTo(4.41360218, 6);
    expect(exact.params.a).toBeCloseTo(0.79292187, 6);
    expect(exact.params.b).toBeCloseTo(2.42590623, 6);
    expect(exact.logLikelihood).toBeCloseTo(-9582.429, 3);
  });

  it('fits the same from distinct patterns with weights (lifetimes test_using_weights_col_gives_correct_results)', () => {
    const patterns = new Map<string, number>();
    for (let i = 0; i < data.frequency.length; i++) {
      const key = `${data.frequency[i]},${data.recency[i]},${data.T[i]}`;
      patterns.set(key, (patterns.get(key) ?? 0) + 1);
    }
    const keys = [...patterns.keys()].map((k) => k.split(',').map(Number));
    const weighted = fitBgNbd({
      frequency: keys.map((k) => k[0]),
      recency: keys.map((k) => k[1]),
      T: keys.map((k) => k[2]),
      weights: [...patterns.values()],
    });
    expect(keys.length).toBeLessThan(data.frequency.length);
    for (const p of ['r', 'alpha', 'a', 'b'] as const) expect(weighted.params[p]).toBeCloseTo(fit.params[p], 4);
    expect(weighted.logLikelihood).toBeCloseTo(fit.logLikelihood, 4);
  });

  it('a penalizer shrinks every parameter (lifetimes test_penalizer_term_will_shrink_coefs_to_0)', () => {
    const p1 = fitBgNbd(data, { penalizer: 0.1 }).params;
    const p2 = fitBgNbd(data, { penalizer: 10 }).params;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(p1[k]).toBeLessThan(fit.params[k]);
      expect(p2[k]).toBeLessThan(p1[k]);
    }
  });

  it('rescaling time gives the same P(alive) (lifetimes test_scaling_inputs_gives_same_or_similar_results)', () => {
    const scaled = fitBgNbd({ frequency: data.frequency, recency: data.recency.map((v) => v * 10), T: data.T.map((v) => v * 10) });
    expect(Math.abs(bgnbdProbabilityAlive(scaled.params, 1, 10, 20) - bgnbdProbabilityAlive(fit.params, 1, 1, 2))).toBeLessThan(1e-4);
    expect(Math.abs(bgnbdProbabilityAlive(scaled.params, 1, 20, 100) - bgnbdProbabilityAlive(fit.params, 1, 2, 10))).toBeLessThan(1e-4);
  });
});

describe('BG/NBD log-likelihood', () => {
  it('single customer x 200, tₓ 38, T 40 at r .25, α 4, a .8, b 2.5 is 100.7957 (lifetimes tests/test_beta_geo_model.py)', () => {
    // Both exponents of the mixture term are below −750 here: a direct log(exp + exp) gives −∞.
    expect(bgnbdLogLikelihood({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 200, 38, 40)).toBeCloseTo(100.7957, 3);
  });

  it('matches the formula worked by hand at r = α = a = b = 1', () => {
    const ones = { r: 1, alpha: 1, a: 1, b: 1 };
    // x = 0, T = 3: A₁ = A₂ = 0, only A₃ = −r ln(α + T) = −ln 4.
    expect(bgnbdLogLikelihood(ones, 0, 0, 3)).toBeCloseTo(-Math.log(4), 14);
    // x = 1, tₓ = 2, T = 5: A₁ = lnΓ(2) − lnΓ(1) = 0, A₂ = lnΓ(2)² − lnΓ(1) − lnΓ(3) = −ln 2,
    // e^A₃ = 6⁻², e^A₄ = (a / b) · 3⁻² → ℓ = −ln 2 + ln(1/36 + 1/9).
    expect(bgnbdLogLikelihood(ones, 1, 2, 5)).toBeCloseTo(-Math.log(2) + Math.log(1 / 36 + 1 / 9), 14);
  });
});

describe('BG/NBD predictions', () => {
  it('conditional expectation for x 2, tₓ 30.43, T 38.86, t 39 is 1.226 (Hardie’s spreadsheet, lifetimes test)', () => {
    expect(Math.abs(bgnbdConditionalExpectedPurchases(fit.params, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.001);
  });

  it('unconditional expectations match Hardie’s spreadsheet (lifetimes test, 3 decimals)', () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(bgnbdExpectedPurchases(fit.params, t) - expected[i])).toBeLessThan(1.5e-3));
  });

  it('P(N(t) = n) matches R BTYD at the published parameters (lifetimes test_probability_of_n_purchases_up_to_time_same_as_R_BTYD)', () => {
    expect(Math.abs(bgnbdProbabilityOfNPurchases(published, 2, 10) - 1.07869e-7)).toBeLessThan(1e-4);
    expect(bgnbdProbabilityOfNPurchases(published, 2, 10)).toBeCloseTo(1.07869e-7, 11);
    expect(bgnbdProbabilityOfNPurchases(published, 39, 0)).toBeCloseTo(0.5737864, 6);
    const pmf = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
    pmf.forEach((p, i) => expect(bgnbdProbabilityOfNPurchases(published, 30, 11 + i)).toBeCloseTo(p, 9));
  });

  it('P(alive): 1 without repeats, within [0, 1], 0 for a lapsed heavy buyer (lifetimes tests)', () => {
    expect(bgnbdProbabilityAlive(fit.params, 0, 1, 1)).toBe(1);
    for (let x = 0; x < 100; x += 10) {
      for (let tx = 0; tx < 100; tx += 10) {
        for (let T = tx; T < 100; T += 10) {
          const p = bgnbdProbabilityAlive(fit.params, x, tx, T);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(bgnbdProbabilityAlive(fit.params, 1000, 10, 100)).toBe(0);
  });

  it('ranks the CDNOW customers as the lifetimes Quickstart shows (t = 1 week)', () => {
    // docs/Quickstart.md: the five highest predicted purchases, from lifetimes' own fit
    // (r 0.242593, α 4.413532, a 0.792886, b 2.425752 — ~1e-4 from the optimum), printed to 6 decimals.
    const top: [number, number, number, number][] = [
      [18, 35.14, 35.86, 0.424877],
      [19, 34.0, 34.14, 0.474738],
      [17, 28.43, 28.86, 0.486526],
      [29, 37.71, 38.0, 0.662396],
      [26, 30.86, 31.0, 0.710623],
    ];
    for (const [x, tx, T, expected] of top) expect(bgnbdConditionalExpectedPurchases(fit.params, 1, x, tx, T)).toBeCloseTo(expected, 3);
    const lifetimesParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
    for (const [x, tx, T, expected] of top) expect(bgnbdConditionalExpectedPurchases(lifetimesParams, 1, x, tx, T)).toBeCloseTo(expected, 5);
  });

  it('conditional expectation is finite for heavy buyers and long horizons', () => {
    const e = bgnbdConditionalExpectedPurchases(fit.params, 520, 300, 38, 39);
    expect(Number.isFinite(e)).toBe(true);
    expect(e).toBeGreaterThan(0);
    // An active heavy buyer keeps buying at about their rate: ~300 purchases in 39 weeks → thousands in 10 years, discounted by dropout.
    expect(bgnbdConditionalExpectedPurchases(fit.params, 0, 3, 10, 20)).toBe(0);
  });
});
