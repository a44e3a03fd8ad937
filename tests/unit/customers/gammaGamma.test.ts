import { describe, expect, it } from 'vitest';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from '../../../src/engine/customers/gammaGamma';
import { column, loadNumericCsv } from './fixtures';

// lifetimes' load_cdnow_summary_data_with_monetary_value: ID, x (frequency), t_x, T, zbar (mean repeat spend).
const csv = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
const frequency = column(csv, 'x');
const monetary = column(csv, 'zbar');
const fit = fitGammaGamma({ frequency, monetary });

describe('Gamma-Gamma fit on CDNOW', () => {
  it('uses the 946 repeat buyers and reproduces p 6.25, q 3.74, γ 15.44 (Fader & Hardie note 025; lifetimes test)', () => {
    expect(fit.used).toBe(946);
    expect(fit.converged).toBe(true);
    // lifetimes: assert_array_almost_equal([6.25, 3.74, 15.44], params, decimal=2) → |Δ| < 1.5e-2.
    expect(Math.abs(fit.params.p - 6.25)).toBeLessThan(1.5e-2);
    expect(Math.abs(fit.params.q - 3.74)).toBeLessThan(1.5e-2);
    expect(Math.abs(fit.params.v - 15.44)).toBeLessThan(1.5e-2);
    // lifetimes docs print the fit as "p: 6.25, q: 3.74, v: 15.45" ({:.2f}).
    expect(fit.params.p.toFixed(2)).toBe('6.25');
    expect(fit.params.q.toFixed(2)).toBe('3.74');
    expect(fit.params.v.toFixed(2)).toBe('15.45');
  });

  it('reaches the maximum an independent optimiser finds', () => {
    // Cross-check: scipy Nelder–Mead started near the optimum (xatol 1e-11) on the same 946 rows
    // and formula: p 6.248804, q 3.744588, v 15.447744, log-likelihood −4055.9232435.
    expect(fit.params.p).toBeCloseTo(6.248804, 4);
    expect(fit.params.q).toBeCloseTo(3.744588, 5);
    expect(fit.params.v).toBeCloseTo(15.447744, 4);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9232435, 6);
  });

  it('gives the conditional expected spend lifetimes’ Quickstart prints for the first ten customers', () => {
    // docs/Quickstart.md, conditional_expected_average_profit(...).head(10) with lifetimes' own fit.
    const expected = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
    expected.forEach((value, i) => expect(gammaGammaExpectedSpend(fit.params, frequency[i], monetary[i])).toBeCloseTo(value, 4));
    // … and its mean over all 2,357 customers, 35.2529588256.
    let sum = 0;
    for (let i = 0; i < frequency.length; i++) sum += gammaGammaExpectedSpend(fit.params, frequency[i], monetary[i]);
    expect(sum / frequency.length).toBeCloseTo(35.2529588256, 4);
  });

  it('matches Hardie’s spreadsheet at p 6.25, q 3.74, γ 15.44 (lifetimes test_conditional_expected_average_profit)', () => {
    const hardie = { p: 6.25, q: 3.74, v: 15.44 };
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    expected.forEach((value, i) => expect(Math.abs(gammaGammaExpectedSpend(hardie, frequency[i], monetary[i]) - value)).toBeLessThan(0.1));
  });

  it('log-likelihood is a proper density in m (integrates to 1)', () => {
    // Independent of the fit: ∫ exp(ℓ(x, m)) dm over (0, ∞) must be 1 for any x (trapezoid on a log grid).
    const params = { p: 6.25, q: 3.74, v: 15.44 };
    for (const x of [1, 3, 10]) {
      let integral = 0;
      let previous = 0;
      let previousM = 0;
      for (let k = 0; k <= 20000; k++) {
        const m = Math.exp(-8 + (k * 16) / 20000);
        const density = Math.exp(gammaGammaLogLikelihood(params, x, m));
        if (k > 0) integral += ((density + previous) / 2) * (m - previousM);
        previous = density;
        previousM = m;
      }
      expect(integral).toBeCloseTo(1, 5);
    }
  });
});
