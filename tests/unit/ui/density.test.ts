import { describe, expect, it } from 'vitest';
import { legendSelection, withLegendSelected } from '../../../src/ui/charts/density';
import { echarts } from '../../../src/ui/charts/echarts';

describe('a chart made again keeps its legend selection', () => {
  const option = { legend: { bottom: 0 }, series: [{ name: 'Net revenue' }, { name: 'Contribution' }] };

  it('puts the selection into the legend, a copy, leaving the rest of the option as it was', () => {
    const selected = { 'Net revenue': false, Contribution: true };
    const out = withLegendSelected(option, selected);
    expect(out.legend).toEqual({ bottom: 0, selected });
    expect((out.legend as { selected: object }).selected).not.toBe(selected);
    expect(out.series).toBe(option.series);
    expect(option.legend).toEqual({ bottom: 0 });
  });

  it('leaves an option alone when nothing was selected or it has no single legend', () => {
    expect(withLegendSelected(option, null)).toBe(option);
    expect(withLegendSelected(option, {})).toBe(option);
    const noLegend = { series: [] };
    expect(withLegendSelected(noLegend, { a: false })).toBe(noLegend);
    const twoLegends = { legend: [{}, {}] };
    expect(withLegendSelected(twoLegends, { a: false })).toBe(twoLegends);
  });

  it('reads the selection a click on the legend made, from the chart itself', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 200 });
    try {
      chart.setOption({ legend: {}, xAxis: { type: 'category', data: ['a'] }, yAxis: {}, series: [{ name: 'Net revenue', type: 'bar', data: [1] }, { name: 'Contribution', type: 'bar', data: [2] }] });
      chart.dispatchAction({ type: 'legendUnSelect', name: 'Net revenue' });
      expect(legendSelection(chart)).toEqual({ 'Net revenue': false, Contribution: true });
    } finally {
      chart.dispose();
    }
  });
});
