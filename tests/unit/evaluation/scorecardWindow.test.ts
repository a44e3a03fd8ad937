import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { defaultScorecard, scoreChannels } from '../../../src/engine/evaluation/scorecard';
import { scorecardValues, undefinedReason, yearKeys } from '../../../src/engine/scorecardValues';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

function plan(periods: number) {
  return simplePlan([
    simpleChannel('a', { baseTraffic: { base: 10_000, growth: 0.01 } }),
    simpleChannel('b', { spend: { base: 3_000_000 } }),
    simpleChannel('c', { spend: { base: 0 }, fixedCost: { base: 0 } }),
  ], periods);
}

describe('scorecard KPIs undefined for the window', () => {
  it('flags year-on-year growth on a 12-month plan and shares its weight among the other KPIs', () => {
    const p = plan(12);
    const res = computePlan(p);
    const { kpis } = defaultScorecard();
    const window = { kind: 'year' as const, key: '2027' };
    const values = scorecardValues(p, res, kpis, window, []);
    const growth = kpis.findIndex((k) => k.metric === 'growth');
    expect(values[growth]).toEqual([null, null, null]);
    const r = scoreChannels(kpis, values);
    expect(r.problems).toContainEqual({ code: 'kpiUndefined', kpiId: 'kpi-growth', weight: 15 });
    // ROI 30, contribution 25, cost ratio 20, CAC 10: 85 in all, scaled to 100.
    expect(r.weights[growth]).toBe(0);
    kpis.forEach((k, i) => {
      if (i !== growth) expect(r.weights[i]).toBeCloseTo((k.weight * 100) / 85, 12);
    });
    // A score is the weighted sum with those weights: the best channel on every defined KPI would get 100.
    r.scores.forEach((s, c) => {
      const byHand = kpis.reduce((a, k, i) => a + (i === growth ? 0 : (r.weights[i] * (r.cells[i][c].normalised as number)) / 100), 0);
      expect(s).toBeCloseTo(byHand, 12);
    });
    expect(undefinedReason(p, res, 'growth', window)).toEqual({ kind: 'noEarlierYear', year: '2027' });
    expect(undefinedReason(p, res, 'growth', { kind: 'all' })).toEqual({ kind: 'wholePlan' });
  });

  it('scores growth in the second year of a 24-month plan, and flags it in the first', () => {
    const p = plan(24);
    const res = computePlan(p);
    const { kpis } = defaultScorecard();
    expect(yearKeys(p, res)).toEqual(['2027', '2028']);
    const second = scoreChannels(kpis, scorecardValues(p, res, kpis, { kind: 'year', key: '2028' }, []));
    expect(second.problems.filter((x) => x.code === 'kpiUndefined')).toEqual([]);
    expect(second.weights).toEqual(kpis.map((k) => k.weight));
    const first = scoreChannels(kpis, scorecardValues(p, res, kpis, { kind: 'year', key: '2027' }, []));
    expect(first.problems).toContainEqual({ code: 'kpiUndefined', kpiId: 'kpi-growth', weight: 15 });
  });

  it('reports a channel with no spend or fixed cost as missing ROI, with the reason', () => {
    const p = plan(12);
    const res = computePlan(p);
    const { kpis } = defaultScorecard();
    const r = scoreChannels(kpis, scorecardValues(p, res, kpis, { kind: 'year', key: '2027' }, []));
    // Channel c spends nothing and has no fixed cost: ROI is undefined for it alone (its CAC is 0).
    expect(r.problems).toContainEqual({ code: 'valuesMissing', kpiId: 'kpi-roi', channels: [2] });
    expect(r.problems.some((x) => x.code === 'valuesMissing' && x.kpiId === 'kpi-cac')).toBe(false);
    expect(undefinedReason(p, res, 'roi', { kind: 'all' })).toEqual({ kind: 'noSpendOrFixedCost' });
    expect(undefinedReason(p, res, 'cac', { kind: 'all' })).toEqual({ kind: 'noNewOrders' });
    expect(undefinedReason(p, res, 'custom:x', { kind: 'all' })).toEqual({ kind: 'formula' });
  });
});
