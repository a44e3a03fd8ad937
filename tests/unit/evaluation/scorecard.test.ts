import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScorecard, isBlockingProblem, ragStatus, scoreChannels } from '../../../src/engine/evaluation/scorecard';
import { ALL_METRICS } from '../../../src/engine/metrics';
import type { ScorecardKpi } from '../../../src/engine/types';

function kpi(id: string, extra: Partial<ScorecardKpi> = {}): ScorecardKpi {
  return { id, metric: 'roi', weight: 100, direction: 'higher', normalisation: 'minmax', ...extra };
}

describe('weights', () => {
  it('refuses weights that do not sum to 100, but still fills the cells', () => {
    const r = scoreChannels([kpi('a', { weight: 60 }), kpi('b', { weight: 30 })], [[1, 2], [3, 4]]);
    expect(r.problems).toEqual([{ code: 'weightsSum', sum: 90 }]);
    expect(r.scores).toEqual([null, null]);
    expect(r.ranks).toEqual([null, null]);
    expect(r.order).toEqual([]);
    expect(r.cells[0].map((c) => c.normalised)).toEqual([0, 100]);
  });

  it('accepts decimal weights that sum to 100 up to rounding', () => {
    const kpis = [kpi('a', { weight: 33.3 }), kpi('b', { weight: 33.3 }), kpi('c', { weight: 33.4 })];
    const r = scoreChannels(kpis, [[1, 2], [1, 2], [1, 2]]);
    expect(r.problems).toEqual([]);
    expect(r.scores[0]).toBe(0);
    expect(r.scores[1]).toBeCloseTo(100, 12);
  });

  it('reports negative and non-finite weights instead of a misleading sum', () => {
    const r = scoreChannels([kpi('a', { weight: -10 }), kpi('b', { weight: Number.NaN }), kpi('c', { weight: 110 })], [[1], [1], [1]]);
    expect(r.problems).toEqual([
      { code: 'weightInvalid', kpiId: 'a', weight: -10 },
      { code: 'weightInvalid', kpiId: 'b', weight: Number.NaN },
    ]);
    expect(r.scores).toEqual([null]);
  });

  it('reports an empty scorecard and a values matrix of the wrong shape', () => {
    expect(scoreChannels([], []).problems).toEqual([{ code: 'noKpis' }]);
    const r = scoreChannels([kpi('a', { weight: 50 }), kpi('b', { weight: 50 })], [[1, 2, 3], [1, 2]]);
    expect(r.problems).toEqual([{ code: 'valuesShape', kpiId: 'b', expected: 3, actual: 2 }]);
    expect(r.cells[1][2]).toMatchObject({ value: null, missing: true });
    expect(r.scores).toEqual([null, null, null]);
    expect(scoreChannels([kpi('a')], [[1], [2]]).problems).toEqual([{ code: 'valuesShape', kpiId: null, expected: 1, actual: 2 }]);
  });

  it('flags duplicate KPI ids without blocking the scores', () => {
    const r = scoreChannels([kpi('a', { weight: 50 }), kpi('a', { weight: 50 })], [[1, 3], [1, 3]]);
    expect(r.problems).toEqual([{ code: 'duplicateKpi', kpiId: 'a' }]);
    expect(r.scores).toEqual([0, 100]);
  });
});

describe('min–max normalisation', () => {
  it('maps the worst channel to 0 and the best to 100 in both directions', () => {
    const higher = scoreChannels([kpi('a')], [[10, 20, 30]]);
    expect(higher.cells[0].map((c) => c.normalised)).toEqual([0, 50, 100]);
    expect(higher.scores).toEqual([0, 50, 100]);
    expect(higher.ranks).toEqual([3, 2, 1]);
    const lower = scoreChannels([kpi('a', { direction: 'lower' })], [[10, 20, 30]]);
    expect(lower.cells[0].map((c) => c.normalised)).toEqual([100, 50, 0]);
    expect(lower.ranks).toEqual([1, 2, 3]);
  });

  it('gives every channel 100 when all values are equal, and a single channel 100', () => {
    expect(scoreChannels([kpi('a')], [[7, 7, 7]]).scores).toEqual([100, 100, 100]);
    expect(scoreChannels([kpi('a', { direction: 'lower' })], [[-3, -3]]).scores).toEqual([100, 100]);
    const one = scoreChannels([kpi('a', { weight: 40 }), kpi('b', { weight: 60, direction: 'lower' })], [[-5], [1e9]]);
    expect(one.scores).toEqual([100]);
    expect(one.ranks).toEqual([1]);
  });

  it('scores a missing value 0, flags it and leaves it out of min and max', () => {
    const r = scoreChannels([kpi('a', { weight: 50 }), kpi('b', { weight: 50 })], [[null, 2, 4, Number.NaN], [1, 1, 1, 1]]);
    expect(r.cells[0].map((c) => c.missing)).toEqual([true, false, false, true]);
    expect(r.cells[0].map((c) => c.normalised)).toEqual([0, 0, 100, 0]);
    expect(r.cells[0][3].value).toBeNull();
    expect(r.scores).toEqual([50, 50, 100, 50]);
    expect(r.ranks).toEqual([2, 2, 1, 2]);
  });

  it('leaves out a KPI nobody has a value for, says so, and shares its weight out in proportion', () => {
    const r = scoreChannels([kpi('a', { weight: 50 }), kpi('b', { weight: 30 }), kpi('c', { weight: 20 })], [[null, null], [1, 2], [4, 2]]);
    expect(r.problems).toEqual([{ code: 'kpiUndefined', kpiId: 'a', weight: 50 }]);
    // b and c keep their 3 : 2 ratio and make up 100 %: 60 % and 40 %.
    expect(r.weights).toEqual([0, 60, 40]);
    // By hand: channel 0 is worst on b (0) and best on c (100) → 40; channel 1 the other way → 60.
    expect(r.scores).toEqual([40, 60]);
    expect(r.cells[0].every((c) => c.missing && c.normalised === 0)).toBe(true);
  });

  it('reports the channels a KPI has no value for', () => {
    const r = scoreChannels([kpi('a', { weight: 50 }), kpi('b', { weight: 50 })], [[null, 2, null], [1, 2, 3]]);
    expect(r.problems).toEqual([{ code: 'valuesMissing', kpiId: 'a', channels: [0, 2] }]);
    expect(r.weights).toEqual([50, 50]);
  });

  it('refuses to score when every KPI with weight is undefined', () => {
    const r = scoreChannels([kpi('a', { weight: 100 }), kpi('b', { weight: 0 })], [[null, null], [1, 2]]);
    expect(r.problems).toContainEqual({ code: 'nothingToScore' });
    expect(r.scores).toEqual([null, null]);
    expect(isBlockingProblem({ code: 'nothingToScore' })).toBe(true);
    expect(isBlockingProblem({ code: 'kpiUndefined', kpiId: 'a', weight: 10 })).toBe(false);
  });
});

describe('target normalisation', () => {
  it('higher is better: value / target, capped at 100 and floored at 0', () => {
    const r = scoreChannels([kpi('a', { normalisation: 'target', target: 200 })], [[100, 200, 300, 0, -5]]);
    expect(r.cells[0].map((c) => c.normalised)).toEqual([50, 100, 100, 0, 0]);
  });

  it('lower is better: target / value, and a value at or below zero meets any positive target', () => {
    const r = scoreChannels([kpi('a', { direction: 'lower', normalisation: 'target', target: 0.2 })], [[0.4, 0.2, 0.1, 0, -0.1, 0.8]]);
    expect(r.cells[0].map((c) => c.normalised)).toEqual([50, 100, 100, 100, 100, 25]);
  });

  it('refuses a missing, zero or negative target', () => {
    const kpis = [
      kpi('none', { weight: 25, normalisation: 'target' }),
      kpi('zero', { weight: 25, normalisation: 'target', target: 0 }),
      kpi('neg', { weight: 25, normalisation: 'target', target: -1 }),
      kpi('nan', { weight: 25, normalisation: 'target', target: Number.NaN }),
    ];
    const r = scoreChannels(kpis, [[1], [1], [1], [1]]);
    expect(r.problems).toEqual([
      { code: 'targetMissing', kpiId: 'none' },
      { code: 'targetNotPositive', kpiId: 'zero', target: 0 },
      { code: 'targetNotPositive', kpiId: 'neg', target: -1 },
      { code: 'targetMissing', kpiId: 'nan' },
    ]);
    expect(r.cells.map((row) => row[0].normalised)).toEqual([null, null, null, null]);
    expect(r.scores).toEqual([null]);
  });

  it('a target KPI ignores a channel without a value, unlike min–max', () => {
    const r = scoreChannels([kpi('a', { normalisation: 'target', target: 10 })], [[5, null]]);
    expect(r.scores).toEqual([50, 0]);
    expect(r.cells[0][1].missing).toBe(true);
  });
});

describe('weighted score and ranks', () => {
  it('adds weight × normalised score over the KPIs (worked by hand)', () => {
    // ROI (40, higher, min–max): 0.1, 0.3, 0.5 → 0, 50, 100
    // cost ratio (60, lower, target 0.25): 0.5, 0.25, 0.3125 → 50, 100, 80
    const kpis = [
      kpi('roi', { weight: 40 }),
      kpi('cost', { metric: 'costRatio', weight: 60, direction: 'lower', normalisation: 'target', target: 0.25 }),
    ];
    const r = scoreChannels(kpis, [[0.1, 0.3, 0.5], [0.5, 0.25, 0.3125]]);
    expect(r.scores[0]).toBeCloseTo(30, 12);
    expect(r.scores[1]).toBeCloseTo(80, 12);
    expect(r.scores[2]).toBeCloseTo(88, 12);
    expect(r.ranks).toEqual([3, 2, 1]);
    expect(r.order).toEqual([2, 1, 0]);
  });

  it('uses competition ranking: ties share a rank and the next rank skips', () => {
    const r = scoreChannels([kpi('a')], [[10, 5, 5, 0, 5]]);
    expect(r.ranks).toEqual([1, 2, 2, 5, 2]);
    expect(r.order).toEqual([0, 1, 2, 4, 3]);
  });

  it('treats scores equal up to rounding as a tie', () => {
    // 0.1 + 0.2 ≠ 0.3 in floating point; both channels score the same on paper.
    const kpis = [kpi('a', { weight: 50 }), kpi('b', { weight: 50 })];
    const r = scoreChannels(kpis, [[0.1 + 0.2, 0.3, 0], [1, 1, 0]]);
    expect(r.ranks).toEqual([1, 1, 3]);
  });
});

describe('RAG status and alerts', () => {
  const higher = { direction: 'higher' as const, red: 0, green: 1 };
  const lower = { direction: 'lower' as const, red: 0.35, green: 0.25 };

  it('higher is better: below red is red, at or above green is green, between is amber', () => {
    expect([-0.01, 0, 0.5, 1, 2].map((v) => ragStatus(higher, v))).toEqual(['red', 'amber', 'amber', 'green', 'green']);
  });

  it('lower is better: above red is red, at or below green is green', () => {
    expect([0.36, 0.35, 0.3, 0.25, 0.1].map((v) => ragStatus(lower, v))).toEqual(['red', 'amber', 'amber', 'green', 'green']);
  });

  it('with one threshold uses two colours, with none gives no status', () => {
    expect([-1, 0, 5].map((v) => ragStatus({ direction: 'higher', red: 0 }, v))).toEqual(['red', 'green', 'green']);
    expect([0.5, 1, 5].map((v) => ragStatus({ direction: 'higher', green: 1 }, v))).toEqual(['amber', 'green', 'green']);
    expect([0.5, 0.3].map((v) => ragStatus({ direction: 'lower', red: 0.35 }, v))).toEqual(['red', 'green']);
    expect(ragStatus({ direction: 'higher' }, 3)).toBeNull();
    expect(ragStatus(higher, null)).toBeNull();
  });

  it('lets red win over contradictory thresholds and reports them', () => {
    const k = kpi('a', { red: 10, green: 5 });
    const r = scoreChannels([k], [[7, 12, 3]]);
    expect(r.problems).toEqual([{ code: 'thresholdOrder', kpiId: 'a', red: 10, green: 5 }]);
    expect(r.cells[0].map((c) => c.status)).toEqual(['red', 'green', 'red']);
    expect(r.scores).toEqual([44.44444444444444, 100, 0]);
  });

  it('reports a non-finite threshold and ignores it', () => {
    const r = scoreChannels([kpi('a', { red: Number.NaN, green: 1 })], [[0.5]]);
    expect(r.problems).toEqual([{ code: 'thresholdInvalid', kpiId: 'a', threshold: 'red' }]);
    expect(r.cells[0][0].status).toBe('amber');
    expect(r.alerts).toEqual([]);
  });

  it('raises an alert for every red cell, channel by channel, and none for missing values', () => {
    const kpis = [
      kpi('roi', { weight: 50, red: 0, green: 1 }),
      kpi('cost', { metric: 'costRatio', weight: 50, direction: 'lower', red: 0.35 }),
    ];
    const r = scoreChannels(kpis, [[-0.2, 0.5, null], [0.4, 0.3, 0.9]]);
    expect(r.alerts).toEqual([
      { channelIndex: 0, kpiId: 'roi', value: -0.2, threshold: 0 },
      { channelIndex: 0, kpiId: 'cost', value: 0.4, threshold: 0.35 },
      { channelIndex: 2, kpiId: 'cost', value: 0.9, threshold: 0.35 },
    ]);
    expect(r.cells[0][2].status).toBeNull();
  });

  it('still raises alerts while the weights are wrong', () => {
    const r = scoreChannels([kpi('roi', { weight: 10, red: 0 })], [[-1]]);
    expect(r.scores).toEqual([null]);
    expect(r.alerts).toEqual([{ channelIndex: 0, kpiId: 'roi', value: -1, threshold: 0 }]);
  });
});

describe('default scorecard', () => {
  it('has valid weights summing to 100, unique stable ids and known metrics', () => {
    const { kpis } = defaultScorecard();
    expect(kpis.reduce((s, k) => s + k.weight, 0)).toBe(100);
    expect(kpis.map((k) => k.id)).toEqual(['kpi-roi', 'kpi-contribution', 'kpi-cost-ratio', 'kpi-growth', 'kpi-cac']);
    for (const k of kpis) expect(ALL_METRICS).toContain(k.metric);
    expect(kpis.find((k) => k.metric === 'costRatio')).toMatchObject({ direction: 'lower', red: 0.35 });
    expect(kpis.find((k) => k.metric === 'cac')?.direction).toBe('lower');
    expect(kpis.find((k) => k.metric === 'roi')).toMatchObject({ direction: 'higher', red: 0, green: 1 });
  });

  it('returns fresh objects each call', () => {
    const a = defaultScorecard();
    a.kpis[0].weight = 0;
    expect(defaultScorecard().kpis[0].weight).toBe(30);
  });

  it('scores a plain matrix without problems', () => {
    const { kpis } = defaultScorecard();
    const r = scoreChannels(kpis, kpis.map(() => [1, 2]));
    expect(r.problems).toEqual([]);
    // Channel 1 is better on the higher KPIs (30 + 25 + 15) and worse on the lower ones.
    expect(r.scores).toEqual([30, 70]);
  });
});

describe('properties', () => {
  const cell = fc.oneof(fc.constant(null), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
  const matrix = fc.integer({ min: 1, max: 6 }).chain((channels) =>
    fc.array(fc.array(cell, { minLength: channels, maxLength: channels }), { minLength: 1, maxLength: 5 }),
  );
  const kpisFor = (rows: number, seed: number): ScorecardKpi[] => {
    const base = Math.floor(100 / rows);
    return Array.from({ length: rows }, (_, k) =>
      kpi(`k${k}`, {
        weight: k === 0 ? 100 - base * (rows - 1) : base,
        direction: (seed >> k) & 1 ? 'lower' : 'higher',
        normalisation: (seed >> (k + 5)) & 1 ? 'target' : 'minmax',
        target: 1 + k,
      }),
    );
  };

  it('keeps every normalised value and score within 0–100 and ranks in score order', () => {
    fc.assert(
      fc.property(matrix, fc.nat(1023), (values, seed) => {
        const r = scoreChannels(kpisFor(values.length, seed), values);
        // Missing values are reported, not errors; with every weighted KPI missing there is no score.
        expect(r.problems.filter((p) => p.code !== 'kpiUndefined' && p.code !== 'valuesMissing' && p.code !== 'nothingToScore')).toEqual([]);
        if (r.problems.some((p) => p.code === 'nothingToScore')) return;
        expect(r.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(100, 9);
        for (const row of r.cells) for (const c of row) expect(c.normalised).toBeGreaterThanOrEqual(0);
        for (const row of r.cells) for (const c of row) expect(c.normalised).toBeLessThanOrEqual(100);
        const scores = r.scores as number[];
        for (const s of scores) expect(s).toBeGreaterThanOrEqual(-1e-9);
        for (const s of scores) expect(s).toBeLessThanOrEqual(100 + 1e-9);
        expect(Math.min(...(r.ranks as number[]))).toBe(1);
        for (let i = 0; i < scores.length; i++) {
          for (let j = 0; j < scores.length; j++) {
            if (scores[i] > scores[j] + 1e-9) expect(r.ranks[i]).toBeLessThan(r.ranks[j] as number);
          }
        }
      }),
    );
  });

  it('never lowers a channel’s own KPI score when its value improves', () => {
    fc.assert(
      fc.property(matrix, fc.nat(1023), fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true }), (values, seed, pick, step) => {
        const kpis = kpisFor(values.length, seed);
        const c = pick % values[0].length;
        const k = pick % values.length;
        if (values[k][c] === null) return;
        const better = values.map((row) => [...row]);
        better[k][c] = (values[k][c] as number) + (kpis[k].direction === 'higher' ? step : -step);
        const before = scoreChannels(kpis, values).cells[k][c].normalised as number;
        const after = scoreChannels(kpis, better).cells[k][c].normalised as number;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
    );
  });
});
