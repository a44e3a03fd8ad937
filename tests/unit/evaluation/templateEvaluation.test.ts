import { describe, expect, it } from 'vitest';
import { bcgInputs } from '../../../src/engine/evaluation/bcg';
import { defaultScorecard, scoreChannels } from '../../../src/engine/evaluation/scorecard';
import { computePlan } from '../../../src/engine/compute';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { MetricKey } from '../../../src/engine/types';

/**
 * The default scorecard on the beauty template, with values the way a caller would gather them:
 * plan totals per channel from the roll-up, growth from the BCG inputs (a whole-horizon bucket has
 * no year before it).
 */
function beautyScorecard() {
  const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
  const res = computePlan(plan);
  const totals = rollup(plan, res, 'channel', 'all');
  const growth = bcgInputs(plan, res, 'yoy').inputs.map((i) => i.growth);
  const { kpis } = defaultScorecard();
  const values = kpis.map((k) =>
    k.metric === 'growth' ? growth : plan.channels.map((_, c) => rollupValue(totals, k.metric as MetricKey, c, 0)),
  );
  return { plan, values, result: scoreChannels(kpis, values) };
}

describe('default scorecard on the beauty template', () => {
  it('scores every channel without problems or missing values', () => {
    const { result } = beautyScorecard();
    expect(result.problems).toEqual([]);
    for (const row of result.cells) for (const cell of row) expect(cell.missing).toBe(false);
    for (const s of result.scores) expect(s).toBeGreaterThanOrEqual(0);
    for (const s of result.scores) expect(s).toBeLessThanOrEqual(100);
  });

  it('ranks the flagship stores first, the private community second and the loss-making live-stream last', () => {
    const { plan, values, result } = beautyScorecard();
    // Min–max by hand: each KPI scaled to 0–100 across the four channels (lower is better for cost
    // ratio and CAC), weighted 30/25/20/15/10 and added up.
    const { kpis } = defaultScorecard();
    const byHand = plan.channels.map((_, c) =>
      kpis.reduce((sum, k, i) => {
        const row = values[i] as number[];
        const lo = Math.min(...row);
        const hi = Math.max(...row);
        const up = ((row[c] - lo) / (hi - lo)) * 100;
        return sum + (k.weight * (k.direction === 'higher' ? up : 100 - up)) / 100;
      }, 0),
    );
    result.scores.forEach((s, c) => expect(s).toBeCloseTo(byHand[c], 9));
    const rankOf = (id: string) => result.ranks[plan.channels.findIndex((c) => c.id === id)];
    expect(rankOf('ch-tmall')).toBe(1);
    expect(rankOf('ch-douyin-live')).toBe(4);
    expect(result.order.map((c) => plan.channels[c].id)).toEqual(['ch-tmall', 'ch-community', 'ch-stores', 'ch-douyin-live']);
  });

  it('alerts on the live-stream’s negative ROI with the value and the threshold', () => {
    const { plan, values, result } = beautyScorecard();
    const live = plan.channels.findIndex((c) => c.id === 'ch-douyin-live');
    expect(values[0][live]).toBeLessThan(0);
    expect(result.alerts).toContainEqual({ channelIndex: live, kpiId: 'kpi-roi', value: values[0][live], threshold: 0 });
    // Every alert is a red cell and every red cell an alert.
    const red = result.cells.flatMap((row) => row.filter((c) => c.status === 'red'));
    expect(result.alerts).toHaveLength(red.length);
  });
});
