import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitHill, MAX_HALFSAT_RATIO, SHAPE_MIN } from '../../../src/engine/calibration';
import { curveTraffic } from '../../../src/engine/curve';
import { mulberry32 } from '../../../src/engine/random';
import type { CurvePoint, ResponseCurve } from '../../../src/engine/types';

const hill = (max: number, halfSat: number, shape: number): ResponseCurve => ({ type: 'hill', max, halfSat, shape });

/** Standard normal draws (Box–Muller) from a seeded generator. */
function gaussian(seed: number): () => number {
  const next = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** n points with spends evenly spread over [lo, hi] × halfSat (whole minor units), outcome × (1 + noise·z). */
function points(truth: ResponseCurve, n: number, lo: number, hi: number, noise = 0, seed = 1): CurvePoint[] {
  const z = gaussian(seed);
  return Array.from({ length: n }, (_, i) => {
    const spend = Math.round(truth.halfSat * (lo + ((hi - lo) * i) / (n - 1)));
    return { spend, outcome: Math.max(0, curveTraffic(truth, spend) * (1 + noise * z())) };
  });
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('fitHill: recovering known curves', () => {
  const truths: [string, ResponseCurve][] = [
    ['concave', hill(8_000, 30_000_000, 0.8)],
    ['linear-ish start', hill(20_000, 1_000_000, 1)],
    ['S-shaped', hill(50_000, 2_000_000, 1.5)],
    ['steep S', hill(120_000, 500_000, 3)],
  ];

  for (const [name, truth] of truths) {
    it(`exact points give the parameters back (${name})`, () => {
      const r = fitHill(points(truth, 12, 0.1, 5));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.curve.type).toBe('hill');
      expect(rel(r.curve.max, truth.max)).toBeLessThan(1e-6);
      expect(Math.abs(r.curve.halfSat - truth.halfSat)).toBeLessThanOrEqual(1);
      expect(Math.abs(r.curve.shape - truth.shape)).toBeLessThan(1e-6);
      expect(r.r2).toBeGreaterThan(1 - 1e-12);
      expect(r.rmse).toBeLessThan(1e-6 * truth.max);
      expect(r.iterations).toBeGreaterThan(0);
    });
  }

  it('three exact points are enough', () => {
    const truth = hill(20_000, 1_000_000, 1.5);
    const r = fitHill([300_000, 1_000_000, 2_000_000].map((spend) => ({ spend, outcome: curveTraffic(truth, spend) })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(rel(r.curve.max, truth.max)).toBeLessThan(1e-6);
    expect(r.curve.halfSat).toBe(truth.halfSat);
    expect(r.curve.shape).toBeCloseTo(1.5, 6);
  });

  it('a point at zero spend is fine (the curve passes through the origin)', () => {
    const truth = hill(20_000, 1_000_000, 2);
    const r = fitHill([{ spend: 0, outcome: 0 }, ...points(truth, 6, 0.2, 3)]);
    expect(r.ok && Math.abs(r.curve.shape - 2) < 1e-6).toBe(true);
  });

  // 5 % multiplicative noise, 100 points over 0.05–5 × halfSat, ten seeds each.
  for (const truth of [hill(50_000, 2_000_000, 1.5), hill(120_000, 500_000, 2), hill(3_000, 80_000_000, 1.2)]) {
    it(`5 % noise: max and halfSat within 10 %, shape within 0.2, R² > 0.95 (shape ${truth.shape})`, () => {
      for (let seed = 1; seed <= 10; seed++) {
        const r = fitHill(points(truth, 100, 0.05, 5, 0.05, seed));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(rel(r.curve.max, truth.max)).toBeLessThan(0.1);
        expect(rel(r.curve.halfSat, truth.halfSat)).toBeLessThan(0.1);
        expect(Math.abs(r.curve.shape - truth.shape)).toBeLessThan(0.2);
        expect(r.r2).toBeGreaterThan(0.95);
      }
    });
  }

  it('5 % noise on a concave curve: parameters are looser, but the curve over the observed range is close', () => {
    // For s < 1 max and halfSat trade off strongly (docs/model.md#curve-calibration: fit quality shown); what must hold is the
    // prediction inside the data.
    const truth = hill(8_000, 30_000_000, 0.8);
    for (let seed = 1; seed <= 10; seed++) {
      const r = fitHill(points(truth, 100, 0.05, 5, 0.05, seed));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(Math.abs(r.curve.shape - truth.shape)).toBeLessThan(0.2);
      for (let x = 0.05; x <= 5; x += 0.05) {
        const s = x * truth.halfSat;
        expect(Math.abs(curveTraffic(r.curve, s) - curveTraffic(truth, s))).toBeLessThan(0.05 * truth.max);
      }
    }
  });

  it('does not depend on the units of spend and outcome', () => {
    const pts = points(hill(50_000, 2_000_000, 1.5), 30, 0.1, 4, 0.05, 7);
    const a = fitHill(pts);
    const b = fitHill(pts.map((p) => ({ spend: p.spend * 100, outcome: p.outcome * 1000 })));
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(rel(b.curve.max, a.curve.max * 1000)).toBeLessThan(1e-6);
    expect(Math.abs(b.curve.halfSat - a.curve.halfSat * 100)).toBeLessThanOrEqual(100);
    expect(Math.abs(b.curve.shape - a.curve.shape)).toBeLessThan(1e-6);
    expect(Math.abs(b.r2 - a.r2)).toBeLessThan(1e-6);
  });

  it('keeps the shape inside (0.1, shapeMax]', () => {
    const steep = fitHill(points(hill(1_000, 1_000_000, 6), 20, 0.3, 3, 0.01, 3), { shapeMax: 2 });
    expect(steep.ok).toBe(true);
    if (steep.ok) expect(steep.curve.shape).toBeLessThanOrEqual(2);
    const flat = fitHill(points(hill(1_000, 1_000_000, 0.05), 20, 0.001, 1000), {});
    if (flat.ok) expect(flat.curve.shape).toBeGreaterThan(SHAPE_MIN);
    else expect(flat.reason).toBe('notIdentifiable');
    expect(() => fitHill([], { shapeMax: 0.1 })).toThrow(RangeError);
    expect(() => fitHill([], { shapeMax: 11 })).toThrow(RangeError);
  });

  it('returns a smooth line over 0 … 1.2 × the largest spend for charting', () => {
    const pts = points(hill(20_000, 1_000_000, 1.5), 10, 0.1, 3, 0.03, 2);
    const r = fitHill(pts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fitted).toHaveLength(101);
    expect(r.fitted[0]).toEqual({ spend: 0, predicted: 0 });
    expect(r.fitted[100].spend).toBeCloseTo(1.2 * 3_000_000, 6);
    for (const f of r.fitted) expect(f.predicted).toBe(curveTraffic(r.curve, f.spend));
    for (let i = 1; i < r.fitted.length; i++) expect(r.fitted[i].predicted).toBeGreaterThanOrEqual(r.fitted[i - 1].predicted);
    expect(Number.isSafeInteger(r.curve.halfSat)).toBe(true);
  });

  it('fits the PyMC-Marketing example: true contributions against adstocked spend', () => {
    // The example's contributions lie on 1000 · 3 · logistic(4 · adstock(x1)); a Hill curve is close
    // but not equal (the logistic is not a Hill curve), so the fit is good, not exact.
    const rows = readFileSync(new URL('../../fixtures/calibration/pymc_mmm_example_52w.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const x1 = rows.map((r) => Number(r[1]));
    const w = Array.from({ length: 8 }, (_, i) => 0.4 ** i);
    const sw = w.reduce((s, v) => s + v, 0);
    const adstock = x1.map((_, t) => w.reduce((s, wi, i) => s + (t - i >= 0 ? (wi / sw) * x1[t - i] : 0), 0));
    // x1 read as a spend index of ¥10,000 per unit; minor units (fen)
    const pts = rows.map((r, t) => ({ spend: Math.round(adstock[t] * 1_000_000), outcome: Number(r[5]) }));
    const r = fitHill(pts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.r2).toBeGreaterThan(0.99);
    expect(r.curve.max).toBeGreaterThan(2_500);
    expect(r.curve.max).toBeLessThan(4_500);
  });
});

describe('fitHill: refusals', () => {
  const truth = hill(20_000, 1_000_000, 1.5);

  it('tooFewPoints: fewer than 3 points, or fewer than 3 different spends', () => {
    expect(fitHill([])).toMatchObject({ ok: false, reason: 'tooFewPoints' });
    const two = fitHill(points(truth, 2, 0.5, 2));
    expect(two).toMatchObject({ ok: false, reason: 'tooFewPoints' });
    if (!two.ok) expect(two.problem).toEqual({ code: 'fit.tooFewPoints', params: { count: 2 } });
    const twoLevels = fitHill([
      { spend: 100, outcome: 5 },
      { spend: 100, outcome: 6 },
      { spend: 200, outcome: 9 },
      { spend: 200, outcome: 8 },
    ]);
    expect(twoLevels).toMatchObject({ ok: false, reason: 'tooFewPoints', problem: { code: 'fit.tooFewSpendLevels', params: { count: 2 } } });
  });

  it('noSpendVariation: every point at the same spend', () => {
    const r = fitHill([1, 2, 3].map((o) => ({ spend: 500_000, outcome: o * 1000 })));
    expect(r).toMatchObject({ ok: false, reason: 'noSpendVariation' });
  });

  it('noOutcomeVariation: every outcome equal (zeros included)', () => {
    expect(fitHill([1, 2, 3].map((s) => ({ spend: s * 1000, outcome: 700 })))).toMatchObject({ ok: false, reason: 'noOutcomeVariation' });
    expect(fitHill([1, 2, 3].map((s) => ({ spend: s * 1000, outcome: 0 })))).toMatchObject({ ok: false, reason: 'noOutcomeVariation' });
  });

  it('invalidPoints: non-finite or negative values, or not points at all', () => {
    const good = points(truth, 5, 0.2, 3);
    for (const bad of [
      { spend: Number.NaN, outcome: 1 },
      { spend: 1, outcome: Number.POSITIVE_INFINITY },
      { spend: -1, outcome: 1 },
      { spend: 1, outcome: -0.5 },
      { spend: '100', outcome: 1 },
      null,
    ]) {
      const r = fitHill([...good, bad as unknown as CurvePoint]);
      expect(r).toMatchObject({ ok: false, reason: 'invalidPoints' });
      if (!r.ok) expect(r.problem.params).toEqual({ point: 6 });
    }
    expect(fitHill('nope' as unknown as CurvePoint[])).toMatchObject({ ok: false, reason: 'invalidPoints' });
  });

  it('notIdentifiable: all spends far below the half-saturation point (max and halfSat trade off)', () => {
    // spends up to 2 % of halfSat: the curve looks like max·(s/h)^k there, any (max, h) pair on a ridge fits
    for (const seed of [1, 2, 3]) {
      const r = fitHill(points(hill(20_000, 50_000_000, 1.2), 12, 0.002, 0.02, 0.03, seed));
      expect(r).toMatchObject({ ok: false, reason: 'notIdentifiable' });
      if (!r.ok) expect(['fit.farBelowHalfSat', 'fit.mayBeFarBelow']).toContain(r.problem.code);
      if (!r.ok) expect(r.advice?.code).toBe('fit.advice.higherSpend');
    }
    // noise-free too: nothing in the data says where the curve bends
    const exact = fitHill(points(hill(20_000, 50_000_000, 1.2), 12, 0.001, 0.01));
    expect(exact).toMatchObject({ ok: false, reason: 'notIdentifiable' });
    expect(MAX_HALFSAT_RATIO).toBe(10);
  });

  it('notIdentifiable: all spends far beyond the half-saturation point (the outcome is flat)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = fitHill(points(hill(20_000, 10_000, 1.5), 12, 50, 500, 0.01, seed));
      expect(r).toMatchObject({ ok: false, reason: 'notIdentifiable' });
    }
    // and the message names the cause
    const flat = fitHill(points(hill(20_000, 10_000, 1.5), 12, 50, 500, 0.01, 2));
    expect(flat).toMatchObject({ ok: false, reason: 'notIdentifiable' });
    if (!flat.ok) expect(['fit.farBeyondHalfSat', 'fit.mayBeFarBeyond']).toContain(flat.problem.code);
    if (!flat.ok) expect(flat.advice?.code).toBe('fit.advice.lowerSpend');
  });

  it('notIdentifiable: outcomes that fall as spend rises', () => {
    const r = fitHill([1, 2, 3, 4].map((s) => ({ spend: s * 100_000, outcome: 10_000 - s * 1000 })));
    expect(r).toMatchObject({ ok: false, reason: 'notIdentifiable' });
    if (!r.ok) expect(r.problem.code).toBe('fit.notRising');
  });

  it('notIdentifiable: a few scattered points over a short range', () => {
    const r = fitHill(points(hill(20_000, 1_000_000, 0.7), 6, 0.2, 1.5, 0.05, 42));
    expect(r).toMatchObject({ ok: false, reason: 'notIdentifiable' });
    if (!r.ok) expect(r.problem.code).toBe('fit.tooScattered');
  });
});
