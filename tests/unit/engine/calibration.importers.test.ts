import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitHillToLogistic, fromMeridian, fromPymcHill, fromRobyn, type ConversionResult } from '../../../src/engine/calibration';
import { curveTraffic } from '../../../src/engine/curve';
import { mulberry32 } from '../../../src/engine/random';
import type { ResponseCurve } from '../../../src/engine/types';

/** A fixture CSV (no quoted fields) as rows of named numbers. */
function csv(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(new URL(`../../fixtures/calibration/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], Number(v)])));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function curveOf(r: ConversionResult): { curve: ResponseCurve; exact: ResponseCurve } {
  expect(r.ok, r.ok ? '' : r.problem.code).toBe(true);
  if (!r.ok) throw new Error(r.problem.code);
  return r;
}

/**
 * The conversion test: the tool's own formula (written as the tool writes it) against curveTraffic
 * with the converted curve, at the same spend (major units → minor units), to 1e-9 relative. The
 * rounded curve (halfSat in whole minor units) differs by at most shape · 0.5 / halfSat relative.
 */
function expectSameCurve(tool: (spendMajor: number) => number, r: ConversionResult, minorPerMajor: number, spendsMajor: number[]): void {
  const { curve, exact } = curveOf(r);
  expect(curve.type).toBe('hill');
  expect(Number.isSafeInteger(curve.halfSat)).toBe(true);
  for (const s of spendsMajor) {
    const theirs = tool(s);
    const ours = curveTraffic(exact, s * minorPerMajor);
    expect(Math.abs(ours - theirs), `spend ${s}: ${ours} vs ${theirs}`).toBeLessThanOrEqual(1e-9 * Math.abs(theirs));
    const rounded = curveTraffic(curve, s * minorPerMajor);
    expect(Math.abs(rounded - theirs)).toBeLessThanOrEqual(((exact.shape * 0.5) / exact.halfSat) * 1.01 * Math.abs(theirs) + 1e-300);
  }
}

/** Spends over 0.1 … 10 × a half-saturation point, and some uneven ones. */
const spread = (h: number) => [0.1, 0.25, 0.5, 0.9, 1, 1.1, 2, 3.7, 10].map((f) => f * h);

describe('Robyn: coef · x^α / (x^α + γ_trans^α), γ_trans = (1 − γ)·min + γ·max', () => {
  // Robyn, transformation.R: gammaTrans from the range of x; x_scurve <- x**alpha / (x**alpha + gammaTrans**alpha)
  const robyn = (alpha: number, gamma: number, coef: number, xs: number[]) => {
    const gammaTrans = (1 - gamma) * Math.min(...xs) + gamma * Math.max(...xs);
    return (x: number) => coef * (x ** alpha / (x ** alpha + gammaTrans ** alpha));
  };
  const tv = csv('robyn_simulated_52w.csv').map((r) => r.tv_S);

  for (const [alpha, gamma, coef] of [
    [0.8, 0.3, 1_250_000],
    [2.2, 0.65, 480_000.5],
    [1, 0.01, 3],
  ]) {
    it(`matches Robyn on the simulated TV spend range (α ${alpha}, γ ${gamma})`, () => {
      const tool = robyn(alpha, gamma, coef, tv);
      const r = fromRobyn({ alpha, gamma, coef, spendMin: Math.min(...tv), spendMax: Math.max(...tv), currency: 'CNY' });
      expectSameCurve(tool, r, 100, [...tv.filter((x) => x > 0), ...spread(curveOf(r).exact.halfSat / 100)]);
      expect(curveOf(r).curve.shape).toBe(alpha);
      expect(curveOf(r).curve.max).toBe(coef);
    });
  }

  it('with geometric adstock θ: the steady state of Robyn’s adstock at a constant spend', () => {
    const [alpha, gamma, coef, theta] = [1.7, 0.4, 900_000, 0.6];
    const range = [1_000, 250_000];
    const tool = robyn(alpha, gamma, coef, range);
    // adstock_geometric: x_decayed[t] = x[t] + θ · x_decayed[t − 1]; run it to its steady state
    const steady = (x: number) => {
      let d = 0;
      for (let t = 0; t < 200; t++) d = x + theta * d;
      return tool(d);
    };
    const r = fromRobyn({ alpha, gamma, coef, spendMin: range[0], spendMax: range[1], theta, currency: 'USD' });
    expectSameCurve(steady, r, 100, spread(curveOf(r).exact.halfSat / 100));
  });

  it('converts spend into the plan currency’s minor units and the outcome into traffic', () => {
    const base = { alpha: 1.3, gamma: 0.5, coef: 1_000_000, spendMin: 0, spendMax: 20_000 };
    expect(curveOf(fromRobyn({ ...base, currency: 'JPY' })).exact.halfSat).toBe(10_000);
    expect(curveOf(fromRobyn({ ...base, currency: 'CNY' })).exact.halfSat).toBe(1_000_000);
    expect(curveOf(fromRobyn({ ...base, currency: 'KWD' })).exact.halfSat).toBe(10_000_000);
    // revenue model → visits: divide by revenue per visit
    const tool = robyn(1.3, 0.5, 1_000_000 / 80, [0, 20_000]);
    expectSameCurve(tool, fromRobyn({ ...base, currency: 'CNY', outcomePerTraffic: 80 }), 100, spread(10_000));
  });

  it('refuses invalid input', () => {
    const base = { alpha: 1.3, gamma: 0.5, coef: 1_000, spendMin: 0, spendMax: 20_000, currency: 'CNY' };
    for (const bad of [
      { alpha: 0 },
      { alpha: Number.NaN },
      { gamma: 1.2 },
      { gamma: -0.1 },
      { coef: -1 },
      { coef: Number.POSITIVE_INFINITY },
      { spendMin: -5 },
      { spendMax: 10, spendMin: 20 },
      { spendMax: 0 }, // inflexion 0
      { theta: 1 },
      { alpha: 12 }, // beyond the planner's shape range
      { currency: 'XX' },
      { outcomePerTraffic: 0 },
    ]) {
      const r = fromRobyn({ ...base, ...bad } as typeof base);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.problem.code).toMatch(/^import\./);
    }
  });
});

describe('Meridian: β · 1 / (1 + (m / ec)^(−slope)) on media scaled by its median', () => {
  const rows = csv('meridian_national_52w.csv');
  const impressions = rows.map((r) => r.Channel0_impression);
  const spend = rows.map((r) => r.Channel0_spend);
  // Meridian divides media by the median of its non-zero values (national model: population 1)
  const mediaScale = median(impressions.filter((x) => x > 0));
  const costPerImpression = spend.reduce((s, v) => s + v, 0) / impressions.reduce((s, v) => s + v, 0);
  const kpiStd = (() => {
    const k = rows.map((r) => r.conversions);
    const m = k.reduce((s, v) => s + v, 0) / k.length;
    return Math.sqrt(k.reduce((s, v) => s + (v - m) ** 2, 0) / k.length);
  })();
  // adstock_hill.py: _hill(media, ec, slope) = 1 / (1 + (media / ec)^(-slope)), times β, in KPI standard deviations
  const meridian = (ec: number, slope: number, beta: number) => (spendMajor: number) =>
    beta * kpiStd * (1 / (1 + (spendMajor / costPerImpression / mediaScale / ec) ** -slope));

  for (const [ec, slope, beta] of [
    [0.8, 1, 0.35],
    [1.6, 2.4, 0.12],
    [0.3, 0.7, 1.1],
  ]) {
    it(`matches Meridian on the simulated national channel (ec ${ec}, slope ${slope})`, () => {
      const r = fromMeridian({ ec, slope, beta, kpiScale: kpiStd, mediaScale, spendPerUnit: costPerImpression, currency: 'USD' });
      expectSameCurve(meridian(ec, slope, beta), r, 100, [...spend, ...spread(curveOf(r).exact.halfSat / 100)]);
    });
  }

  it('normalised adstock: a steady spend adstocks to itself, so the curve is the steady state', () => {
    // Meridian's geometric adstock: weights α^i, i = 0 … maxLag, divided by their sum
    const [alpha, maxLag] = [0.7, 8];
    const w = Array.from({ length: maxLag + 1 }, (_, i) => alpha ** i);
    const adstocked = (x: number) => w.reduce((s, wi) => s + wi * x, 0) / w.reduce((s, wi) => s + wi, 0);
    const tool = meridian(0.8, 1.8, 0.3);
    const r = fromMeridian({ ec: 0.8, slope: 1.8, beta: 0.3, kpiScale: kpiStd, mediaScale, spendPerUnit: costPerImpression, currency: 'USD' });
    expectSameCurve((s) => tool(adstocked(s)), r, 100, spread(curveOf(r).exact.halfSat / 100));
  });

  it('takes the maximum response directly instead of β', () => {
    const a = curveOf(fromMeridian({ ec: 1, slope: 2, maxResponse: 5_000, mediaScale: 1_000, currency: 'EUR' }));
    expect(a.exact).toEqual({ type: 'hill', max: 5_000, halfSat: 100_000, shape: 2 });
    const b = curveOf(fromMeridian({ ec: 1, slope: 2, beta: 5_000, mediaScale: 1_000, currency: 'EUR' }));
    expect(b.exact).toEqual(a.exact);
  });

  it('refuses invalid input', () => {
    const base = { ec: 1, slope: 2, beta: 0.5, mediaScale: 1_000, currency: 'USD' };
    for (const bad of [
      { ec: 0 },
      { slope: -1 },
      { mediaScale: Number.NaN },
      { beta: undefined },
      { maxResponse: 10 },
      { beta: undefined, maxResponse: 10, kpiScale: 3 },
      { beta: -0.1 },
      { kpiScale: 0 },
      { spendPerUnit: -2 },
      { ec: 1e-30 }, // half-saturation below one cent
    ]) {
      const r = fromMeridian({ ...base, ...bad } as typeof base);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('PyMC-Marketing: HillSaturation = β · (1 − κ^s / (κ^s + x^s)) on x = channel / max', () => {
  const rows = csv('pymc_mmm_example_52w.csv');
  // hill_function(x, slope, kappa) = 1 - kappa**slope / (kappa**slope + x**slope), on scaled data
  const pymc = (slope: number, kappa: number, beta: number, channelScale: number, targetScale: number, spendPerUnit: number) => (spendMajor: number) => {
    const x = spendMajor / spendPerUnit / channelScale;
    return targetScale * beta * (1 - kappa ** slope / (kappa ** slope + x ** slope));
  };
  const channelScale = Math.max(...rows.map((r) => r.x1));
  const targetScale = 6_500;

  for (const [slope, kappa, beta] of [
    [1, 0.4, 0.6],
    [2.5, 0.25, 0.3],
    [0.6, 1.3, 1.1],
  ]) {
    it(`matches PyMC-Marketing (slope ${slope}, kappa ${kappa})`, () => {
      const r = fromPymcHill({ slope, kappa, beta, channelScale, targetScale, spendPerUnit: 10_000, currency: 'CNY' });
      expectSameCurve(pymc(slope, kappa, beta, channelScale, targetScale, 10_000), r, 100, [
        ...rows.map((row) => row.x1 * 10_000),
        ...spread(curveOf(r).exact.halfSat / 100),
      ]);
    });
  }

  it('refuses invalid input', () => {
    const base = { slope: 1, kappa: 0.5, beta: 1, channelScale: 1, targetScale: 1, currency: 'USD' };
    for (const bad of [{ slope: 0 }, { kappa: -1 }, { beta: Number.NaN }, { channelScale: 0 }, { targetScale: Number.NEGATIVE_INFINITY }, { spendPerUnit: 0 }, { currency: 'usd' }]) {
      expect(fromPymcHill({ ...base, ...bad } as typeof base).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('PyMC-Marketing’s logistic saturation fitted with a Hill curve (the example data)', () => {
  const rows = csv('pymc_mmm_example_52w.csv');
  // logistic_saturation(x, lam) = (1 - exp(-lam * x)) / (1 + exp(-lam * x))
  const logistic = (x: number, lam: number) => (1 - Math.exp(-lam * x)) / (1 + Math.exp(-lam * x));
  const adstock = (xs: number[], alpha: number, lMax = 8) => {
    const w = Array.from({ length: lMax }, (_, i) => alpha ** i);
    const sw = w.reduce((s, v) => s + v, 0);
    return xs.map((_, t) => w.reduce((s, wi, i) => s + (t - i >= 0 ? (wi / sw) * xs[t - i] : 0), 0));
  };
  const channels = [
    { name: 'x1', alpha: 0.4, lambda: 4, beta: 3 },
    { name: 'x2', alpha: 0.2, lambda: 3, beta: 2 },
  ];

  it('the example’s headers and numbers are what the conversion assumes (λ 4 / 3, β 3 / 2, ×1000)', () => {
    for (const c of channels) {
      const ad = adstock(rows.map((r) => r[c.name]), c.alpha);
      rows.forEach((r, t) => {
        expect(Math.abs(logistic(ad[t], c.lambda) - r[`${c.name}_adstock_saturated`])).toBeLessThan(1e-12);
        expect(Math.abs(1000 * c.beta * r[`${c.name}_adstock_saturated`] - r[`contrib_${c.name}`])).toBeLessThan(1e-9);
      });
    }
  });

  for (const c of channels) {
    it(`${c.name}: reports its largest error, and the Hill curve stays within it (data and random spends)`, () => {
      // the generating process used x as given (channelScale 1) and scaled the outcome ×1000; we read one
      // unit of x as $10,000
      const spendMax = Math.max(...rows.map((r) => r[c.name]));
      const r = fitHillToLogistic(c.lambda, c.beta, 1, 1000, spendMax, { currency: 'USD', spendPerUnit: 10_000 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const tool = (spendMinor: number) => 1000 * c.beta * logistic(spendMinor / 1_000_000, c.lambda);
      expect(r.maxError).toBeGreaterThan(0);
      expect(r.maxRelativeError).toBeCloseTo(r.maxError / (1000 * c.beta), 12);
      expect(r.maxRelativeError).toBeLessThan(0.03);
      expect(r.r2).toBeGreaterThan(0.998);
      const top = spendMax * 1_000_000;
      const next = mulberry32(11);
      let seen = 0;
      for (let i = 0; i <= 5000; i++) {
        const s = i < 1000 ? next() * top : ((i - 1000) / 4000) * top;
        const gap = Math.abs(curveTraffic(r.curve, s) - tool(s));
        expect(gap).toBeLessThanOrEqual(r.maxError * (1 + 1e-9));
        seen = Math.max(seen, gap);
      }
      expect(seen).toBeGreaterThan(0.999 * r.maxError); // the reported maximum is attained, not padded
      expect(Math.abs(curveTraffic(r.curve, r.maxErrorAt) - tool(r.maxErrorAt))).toBeCloseTo(r.maxError, 9);
      // the example's own weeks: steady-state reading of the true contribution at the adstocked spend
      const ad = adstock(rows.map((row) => row[c.name]), c.alpha);
      rows.forEach((row, t) => {
        expect(Math.abs(curveTraffic(r.curve, ad[t] * 1_000_000) - row[`contrib_${c.name}`])).toBeLessThanOrEqual(r.maxError * (1 + 1e-9));
      });
    });
  }

  it('a concave-only fit (shapeMax 1) is allowed and costs accuracy', () => {
    const free = fitHillToLogistic(4, 3, 1, 1000, 1, { currency: 'USD', spendPerUnit: 10_000 });
    const concave = fitHillToLogistic(4, 3, 1, 1000, 1, { currency: 'USD', spendPerUnit: 10_000, shapeMax: 1 });
    expect(free.ok && concave.ok).toBe(true);
    if (!free.ok || !concave.ok) return;
    expect(free.curve.shape).toBeGreaterThan(1); // the best Hill approximation of this logistic is S-shaped
    expect(concave.curve.shape).toBeLessThanOrEqual(1);
    expect(concave.maxError).toBeGreaterThan(free.maxError);
  });

  it('refuses invalid input', () => {
    const o = { currency: 'USD' };
    expect(fitHillToLogistic(0, 3, 1, 1000, 1, o).ok).toBe(false);
    expect(fitHillToLogistic(4, Number.NaN, 1, 1000, 1, o).ok).toBe(false);
    expect(fitHillToLogistic(4, 3, -1, 1000, 1, o).ok).toBe(false);
    expect(fitHillToLogistic(4, 3, 1, 0, 1, o).ok).toBe(false);
    expect(fitHillToLogistic(4, 3, 1, 1000, 0, o).ok).toBe(false);
    expect(fitHillToLogistic(4, 3, 1, 1000, 1, { currency: 'USD', gridPoints: 3 }).ok).toBe(false);
    expect(fitHillToLogistic(4, 3, 1, 1000, 1, { currency: '???' }).ok).toBe(false);
  });
});
