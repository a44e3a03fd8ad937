import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { fitChart } from '../../../src/ui/charts/chartFit';
import { echarts, type EChartsCoreOption } from '../../../src/ui/charts/echarts';
import { byChannelOption, mixByPeriodOption } from '../../../src/ui/charts/planCharts';
import { heatmapOption, paretoOption, shareBarsOption } from '../../../src/ui/customers/customerCharts';
import { fanOption, histogramOption, tornadoOption } from '../../../src/ui/risk/riskCharts';
import { i18n } from '../../../src/state/i18n.svelte';

/**
 * The app's charts keep their axis labels inside the plot's box (LABELS_IN_GRID). They used
 * ECharts 5's `grid.containLabel`, which ECharts 6 still lays out the same way but reports as
 * deprecated, in development, once per chart. The charts must look exactly as before, and ECharts
 * must have nothing to say about any of their options.
 */

const WIDTH = 640;
const HEIGHT = 320;
const money = { currency: 'CNY', locale: 'zh-CN' };

function options(): [string, EChartsCoreOption][] {
  const plan = generateSyntheticPlan({ channels: 14, periods: 24, seed: 3 });
  // Long names, in Chinese and in English, so the labels decide where the plot goes.
  plan.channels[0].name = '天猫旗舰店（含直播间与会员小程序）';
  plan.channels[1].name = 'Regional distributors — East China key accounts';
  const result = computePlan(plan);
  const months = Array.from({ length: 24 }, (_, i) => `2027年${(i % 12) + 1}月`);
  const band = (k: number) => months.map((_, i) => 1_000_000 * k + i * 50_000);
  return [
    ['mix by period', mixByPeriodOption(plan, result, 'month', money)],
    ['by channel', byChannelOption(plan, result, money)],
    ['fan', fanOption(months, { p10: band(1), p50: band(2), p90: band(3) }, '#2563eb', money)],
    ['histogram', histogramOption([0, 1e6, 2e6, 3e6, 4e6], [3, 9, 14, 2], 2.5e6, money)],
    ['tornado', tornadoOption([{ label: '天猫旗舰店（含直播间与会员小程序）· 客单价', low: -2e6, high: 3e6 }, { label: 'Distributors · spend', low: -1e6, high: 5e5 }], 1e7, money)],
    ['pareto', paretoOption([{ x: 0.1, y: 0.5 }, { x: 0.5, y: 0.9 }, { x: 1, y: 1 }], 0.8, 0.95, 'zh-CN')],
    ['heatmap', heatmapOption({ rows: ['重要价值客户', 'At-risk customers'], columns: ['天猫旗舰店', 'Distributors'], values: [0.5, 0.25, null, 0.75], format: (v) => `${Math.round(v * 100)}%`, columnTitle: '渠道' })],
    ['share bars', shareBarsOption({ categories: ['华东大区', 'South China'], series: [{ name: '销售额', values: [0.6, 0.4], color: '#2563eb' }], locale: 'zh-CN' })],
  ];
}

interface GridRect { x: number; y: number; width: number; height: number }

function gridRect(option: EChartsCoreOption): GridRect {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ ...fitChart(option, WIDTH), animation: false });
    // The plot's box after ECharts has fitted the labels: internal, but the one place it is kept.
    const model = (chart as unknown as { getModel(): { getComponent(type: string, i: number): { coordinateSystem: { getRect(): GridRect } } } }).getModel();
    const { x, y, width, height } = model.getComponent('grid', 0).coordinateSystem.getRect();
    return { x, y, width, height };
  } finally {
    chart.dispose();
  }
}

/** The same option as ECharts 5 would have been given it: `containLabel` in place of the outer bounds. */
function withContainLabel(option: EChartsCoreOption): EChartsCoreOption {
  const grid = option.grid as Record<string, unknown>;
  const { outerBoundsMode, outerBoundsContain, outerBoundsClampWidth, outerBoundsClampHeight, ...rest } = grid;
  expect([outerBoundsMode, outerBoundsContain, outerBoundsClampWidth, outerBoundsClampHeight]).toEqual(['same', 'axisLabel', 0, 0]);
  return { ...option, grid: { ...rest, containLabel: true } };
}

describe('axis labels inside the plot box', () => {
  beforeAll(async () => {
    // The customer charts' axis names come from their view's catalogue.
    await i18n.need('customers');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  // First: ECharts says a thing once per page (or test file), so a later test would hear nothing.
  it('gives ECharts nothing to say, and no text goes missing', () => {
    const said: string[] = [];
    const listen = (type: 'log' | 'warn' | 'error') =>
      vi.spyOn(console, type).mockImplementation((...args: unknown[]) => {
        said.push(`${type}: ${String(args[0])}`);
      });
    listen('log');
    listen('warn');
    listen('error');
    for (const [, option] of options()) gridRect(option);
    expect(said).toEqual([]);
  });

  it.each(options())('%s: lays the plot out exactly where containLabel did', (_, option) => {
    // The old key still works; ECharts says it is deprecated (the point of this change).
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const now = gridRect(option);
    const before = gridRect(withContainLabel(option));
    expect(now).toEqual(before);
    // The labels took room: the plot is inside the box the grid's margins leave, not the same box.
    const grid = option.grid as { left: number; right: number };
    expect(now.x).toBeGreaterThan(grid.left);
    expect(now.x + now.width).toBeLessThanOrEqual(WIDTH - grid.right + 1e-6);
  });
});
