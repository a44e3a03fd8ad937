import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { rollup } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { byChannelOption, MIX_MAX_SERIES, mixByPeriodOption } from '../../../src/ui/charts/planCharts';

const money = { currency: 'CNY', locale: 'en' };

interface Series { name: string; data: number[] }
interface Option { series: Series[]; tooltip: { formatter: (p: unknown) => string }; xAxis: { data: string[] } }

describe('chart options', () => {
  it('groups small channels so that the stack still adds up to the plan total', () => {
    const plan = generateSyntheticPlan({ channels: 30, periods: 24, seed: 9 });
    const result = computePlan(plan);
    const opt = mixByPeriodOption(plan, result, 'quarter', money) as unknown as Option;
    expect(opt.series).toHaveLength(MIX_MAX_SERIES);
    const total = rollup(plan, result, 'total', 'quarter');
    opt.xAxis.data.forEach((_, b) => {
      expect(opt.series.reduce((a, s) => a + s.data[b], 0)).toBe(total.flows.netRevenue[b]);
    });
    const bars = byChannelOption(plan, result, money) as unknown as Option;
    expect(bars.series[0].data.reduce((a, v) => a + v, 0)).toBe(rollup(plan, result, 'total', 'all').flows.netRevenue[0]);
  });

  it('escapes channel names in the HTML tooltip', () => {
    const plan = generateSyntheticPlan({ channels: 2, periods: 12, seed: 1 });
    plan.channels[0].name = '<img src=x onerror=alert(1)>';
    const opt = mixByPeriodOption(plan, computePlan(plan), 'month', money) as unknown as Option;
    const html = opt.tooltip.formatter([{ seriesName: plan.channels[0].name, name: 'Jan <b>', value: 100, color: 'red;background:url(x)' }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Jan &lt;b&gt;');
    expect(html).not.toContain('url(x)');
  });
});
