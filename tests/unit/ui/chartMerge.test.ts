import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { echarts, type EChartsCoreOption } from '../../../src/ui/charts/echarts';
import { REPLACED, withMergeIds } from '../../../src/ui/charts/mergeIds';
import { byChannelOption, mixByPeriodOption } from '../../../src/ui/charts/planCharts';

const money = { currency: 'CNY', locale: 'en' };

/** The SVG of a chart that was shown `before` and then updated to `after` the way Chart.svelte does. */
function updated(before: EChartsCoreOption | null, after: EChartsCoreOption): string {
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 320 });
  try {
    for (const o of before ? [before, after] : [after]) c.setOption({ ...withMergeIds(o), animation: false }, { replaceMerge: [...REPLACED] });
    return normalised(c.renderToSVGString());
  } finally {
    c.dispose();
  }
}

/** zrender numbers the classes and ids of an SVG per instance and element: renumber them in order of appearance. */
function normalised(svg: string): string {
  const seen = new Map<string, number>();
  return svg.replace(/zr\d+-[a-z]*-?\d+/g, (m) => {
    if (!seen.has(m)) seen.set(m, seen.size);
    return `zr-${seen.get(m)}`;
  });
}

function shapes(svg: string): string[] {
  return svg.split('\n').map((l) => l.replace(/ class="[^"]*"/g, '').replace(/zr-\d+/g, 'zr')).sort();
}

function ids(o: EChartsCoreOption): unknown[] {
  return (withMergeIds(o).series as { id: string }[]).map((s) => s.id);
}

const plan = generateSyntheticPlan({ channels: 20, periods: 24, seed: 5 });
const edited: Plan = applyOps(plan, [{ path: ['channels', 3, 'drivers', 'spend', 'base'], value: plan.channels[3].drivers.spend.base * 3 }]).result;

describe('charts updated in place', () => {
  it('an edit that changes only numbers keeps every series id, and draws what a fresh chart draws', () => {
    const a = mixByPeriodOption(plan, computePlan(plan), 'month', money);
    const b = mixByPeriodOption(edited, computePlan(edited), 'month', money);
    expect(updated(null, a)).not.toBe(updated(null, b));
    // Same channels shown: the ids match, so ECharts merges the series instead of rebuilding them.
    if (JSON.stringify((a.series as { name: string }[]).map((s) => s.name)) === JSON.stringify((b.series as { name: string }[]).map((s) => s.name))) expect(ids(b)).toEqual(ids(a));
    expect(updated(a, b)).toBe(updated(null, b));
    const ca = byChannelOption(plan, computePlan(plan), money);
    const cb = byChannelOption(edited, computePlan(edited), money);
    expect(updated(ca, cb)).toBe(updated(null, cb));
  });

  it('a renamed or removed channel gives new series, and the chart still matches a fresh one', () => {
    const a = mixByPeriodOption(plan, computePlan(plan), 'quarter', money);
    // A channel the chart shows by name (the smaller ones are grouped).
    const shown = plan.channels.findIndex((ch) => ch.name === (a.series as { name: string }[])[0].name);
    const renamed: Plan = applyOps(plan, [{ path: ['channels', shown, 'name'], value: 'Renamed' }]).result;
    const fewer: Plan = { ...plan, channels: plan.channels.slice(0, 4) };
    for (const p of [renamed, fewer]) {
      const b = mixByPeriodOption(p, computePlan(p), 'quarter', money);
      // New series are drawn after the ones kept: the same shapes, listed in another order.
      expect(shapes(updated(a, b))).toEqual(shapes(updated(null, b)));
    }
    const r = mixByPeriodOption(renamed, computePlan(renamed), 'quarter', money);
    expect(ids(r)).not.toEqual(ids(a));
  });

  it('a setting left out (a formatter, a rotation) does not stay behind from the previous option', () => {
    const base = { xAxis: { type: 'category', data: ['a', 'b'], axisLabel: { rotate: 30, formatter: (v: string) => `<${v}>` } }, yAxis: { type: 'value' }, series: [{ type: 'bar', name: 'x', data: [1, 2] }] };
    const plain = { xAxis: { type: 'category', data: ['a', 'b'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', name: 'x', data: [3, 4] }] };
    expect(updated(base, plain)).toBe(updated(null, plain));
    expect(withMergeIds(base).xAxis).not.toEqual(expect.objectContaining({ id: (withMergeIds(plain).xAxis as { id: string }).id }));
  });
});
