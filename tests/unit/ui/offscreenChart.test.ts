import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { rollup } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { formatMoney } from '../../../src/i18n/format';
import { byChannelOption, mixByPeriodOption } from '../../../src/ui/charts/planCharts';
import { axisTooltip } from '../../../src/ui/charts/offscreen/axisTooltip';
import { forWorker } from '../../../src/ui/charts/offscreen/offscreenChart';
import { fromPortable, NotPortable, toPortable } from '../../../src/ui/charts/offscreen/portableOption';
import type { EChartsCoreOption } from '../../../src/ui/charts/echarts';

const money = { currency: 'CNY', locale: 'zh-CN' };

interface Axis { axisLabel: { formatter: (v: number) => string } }
interface Option { series: { name: string; data: number[] }[]; xAxis: { data: string[] }; yAxis: Axis; tooltip: Record<string, unknown> }

function planOptions() {
  const plan = generateSyntheticPlan({ channels: 20, periods: 24, seed: 5 });
  const result = computePlan(plan);
  return { plan, result, mix: mixByPeriodOption(plan, result, 'month', money), byChannel: byChannelOption(plan, result, money) };
}

/** What the worker receives: the option as the page sends it, through a structured clone. */
const sent = (o: EChartsCoreOption): EChartsCoreOption => fromPortable(structuredClone(toPortable(forWorker(o))));

describe('chart options sent to the chart worker', () => {
  it('arrive with every number and name, and axis labels that read as on the page', () => {
    const { mix, byChannel } = planOptions();
    for (const option of [mix, byChannel]) {
      const page = option as unknown as Option;
      const worker = sent(option) as unknown as Option;
      expect(worker.series.map((s) => [s.name, s.data])).toEqual(page.series.map((s) => [s.name, s.data]));
      expect(worker.xAxis.data).toEqual(page.xAxis.data);
      for (const v of [0, 1234.5, -98765, 2e5, 3.4e7, 1.2e9]) expect(worker.yAxis.axisLabel.formatter(v)).toBe(page.yAxis.axisLabel.formatter(v));
      expect(worker.yAxis.axisLabel.formatter(2e5)).toBe(formatMoney(2e5, 'CNY', 'zh-CN', true));
    }
  });

  it('leave the tooltip to the page: the worker draws the axis pointer only, and no ARIA', () => {
    const { mix } = planOptions();
    const worker = sent({ ...mix, aria: { enabled: true } }) as unknown as Option & { aria?: unknown };
    expect(worker.tooltip).toMatchObject({ trigger: 'axis', showContent: false });
    expect(worker.tooltip.formatter).toBeUndefined();
    expect(worker.aria).toBeUndefined();
  });

  it('refuse an option with a function that has no recipe (its chart draws on the page instead)', () => {
    const { mix } = planOptions();
    const odd = { ...mix, xAxis: { ...(mix.xAxis as object), axisLabel: { formatter: (v: string) => v.toUpperCase() } } };
    expect(() => toPortable(forWorker(odd))).toThrow(NotPortable);
    expect(() => toPortable(forWorker(odd))).toThrow(/option\.xAxis\.axisLabel\.formatter/);
  });
});

describe('the tooltip the page draws for a worker-drawn chart', () => {
  it('lists each channel of the month with its net revenue, as the stack adds up', () => {
    const { plan, result, mix } = planOptions();
    const page = mix as unknown as Option;
    const tip = axisTooltip(mix, 3, {});
    expect(tip?.title).toBe(page.xAxis.data[3]);
    expect(tip?.rows.map((r) => r.name)).toEqual(page.series.map((s) => s.name));
    expect(tip?.rows.map((r) => r.value)).toEqual(page.series.map((s) => formatMoney(s.data[3], 'CNY', 'zh-CN')));
    // The figures are the plan's: the month's rows add up to its total net revenue.
    const total = rollup(plan, result, 'total', 'month').flows.netRevenue[3];
    expect(page.series.reduce((a, s) => a + s.data[3], 0)).toBeCloseTo(total, 6);
  });

  it('leaves out what the legend hides, and has nothing off the axis', () => {
    const { byChannel } = planOptions();
    const page = byChannel as unknown as Option;
    const all = axisTooltip(byChannel, 0, {});
    const hidden = axisTooltip(byChannel, 0, { [page.series[0].name]: false });
    expect(all?.rows).toHaveLength(2);
    expect(hidden?.rows.map((r) => r.name)).toEqual([page.series[1].name]);
    expect(axisTooltip(byChannel, page.xAxis.data.length, {})).toBeNull();
    expect(axisTooltip(byChannel, -1, {})).toBeNull();
    expect(axisTooltip({ ...byChannel, tooltip: { trigger: 'item' } }, 0, {})).toBeNull();
  });

  it('keeps names as text and takes only real colours from plan data', () => {
    const plan = generateSyntheticPlan({ channels: 2, periods: 12, seed: 1 });
    plan.channels[0].name = '<img src=x onerror=alert(1)>';
    plan.channels[0].color = 'red;background:url(x)';
    const tip = axisTooltip(mixByPeriodOption(plan, computePlan(plan), 'month', money), 0, {});
    expect(tip?.rows[0]).toMatchObject({ name: '<img src=x onerror=alert(1)>', color: '#888' });
    expect(tip?.rows[1].color).toBe(plan.channels[1].color);
  });
});
