import { describe, expect, it } from 'vitest';
import { withLegendSelected } from '../../../src/ui/charts/density';

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
});
