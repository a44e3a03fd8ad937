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

  it('ranks the private community first and the loss-making live-stream last', () => {
    const { plan, result } = beautyScorecard();
    const rankOf = (id: string) => result.ranks[plan.channels.findIndex((c) => c.id === id)];
    expect(rankOf('ch-community')).toBe(1);
    expect(rankOf('ch-douyin-live')).toBe(4);
    expect(result.order.map((c) => plan.channels[c].id)).toEqual(['ch-community', 'ch-tmall', 'ch-stores', 'ch-douyin-live']);
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
