import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { contributionByChannel, contributionWaterfall, COMPARE_KPIS, kpiTable } from '../../../src/ui/compare/compareModel';
import { deltaInPoints, deltaTone } from '../../../src/ui/metricDirection';

describe('scenario comparison', () => {
  const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed: 11 });
  const more = structuredClone(plan);
  more.channels[1].drivers.spend.base *= 2;
  const items = [
    { id: null, name: 'Baseline', result: computePlan(plan) },
    { id: 'x', name: 'More', result: computePlan(more) },
  ];

  it('gives zero deltas against itself and consistent deltas against the other', () => {
    const table = kpiTable(plan, items, 0);
    expect(table).toHaveLength(COMPARE_KPIS.length);
    const spend = table[COMPARE_KPIS.indexOf('spend')];
    expect(spend[0].delta).toBe(0);
    expect(spend[1].delta).toBe((spend[1].value ?? 0) - (spend[0].value ?? 0));
    expect(spend[1].deltaPct).toBeCloseTo((spend[1].delta ?? 0) / (spend[0].value ?? 1), 12);
  });

  it('walks the waterfall from the reference total to the scenario total', () => {
    const [from, to] = contributionByChannel(plan, items);
    const steps = contributionWaterfall(plan.channels, from, to, 'Start', 'End');
    const start = steps[0].up;
    const end = steps[steps.length - 1].up;
    const moved = steps.slice(1, -1).reduce((a, s) => a + s.up - s.down, 0);
    expect(start + moved).toBe(end);
    expect(end).toBe(to.reduce((a, v) => a + v, 0));
    // Only the channel whose spend changed moves.
    expect(steps.slice(1, -1).map((s) => s.label)).toEqual([plan.channels[1].name]);
  });
});

describe('what a change means', () => {
  const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed: 11 });
  const costly = structuredClone(plan);
  // Less conversion: fewer new customers for the same spend, so CAC rises and ROI falls.
  for (const ch of costly.channels) ch.drivers.conversion.base *= 0.8;
  const items = [
    { id: null, name: 'Baseline', result: computePlan(plan) },
    { id: 'x', name: 'Costly', result: computePlan(costly) },
  ];
  const table = kpiTable(plan, items, 0);
  const row = (m: (typeof COMPARE_KPIS)[number]) => table[COMPARE_KPIS.indexOf(m)][1];

  it('colours a rising CAC and a falling ROI as bad, and leaves spend uncoloured', () => {
    expect(row('cac').delta).toBeGreaterThan(0);
    expect(row('cac').tone).toBe('bad');
    expect(row('roi').delta).toBeLessThan(0);
    expect(row('roi').tone).toBe('bad');
    expect(row('netRevenue').tone).toBe('bad');
    expect(row('spend').tone).toBe('neutral');
    expect(deltaTone('cac', -1)).toBe('good');
    expect(deltaTone('costRatio', 0.01)).toBe('bad');
    expect(deltaTone('contribution', 1)).toBe('good');
    expect(deltaTone('spend', 1)).toBe('neutral');
  });

  it('gives ratios a difference in points and no relative change', () => {
    const roi = row('roi');
    const base = table[COMPARE_KPIS.indexOf('roi')][0].value ?? 0;
    expect(roi.delta).toBeCloseTo((roi.value ?? 0) - base, 12);
    expect(roi.deltaPct).toBeNull();
    expect(row('costRatio').deltaPct).toBeNull();
    expect(deltaInPoints('roi') && deltaInPoints('costRatio') && deltaInPoints('revenueShare')).toBe(true);
    expect(deltaInPoints('cac') || deltaInPoints('roas') || deltaInPoints('netRevenue')).toBe(false);
    expect(row('cac').deltaPct).toBeCloseTo((row('cac').delta ?? 0) / (table[COMPARE_KPIS.indexOf('cac')][0].value ?? 1), 12);
  });
});
