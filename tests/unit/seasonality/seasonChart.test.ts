import { describe, expect, it } from 'vitest';
import { presetProfile } from '../../../src/engine/seasonality/presets';
import { previewDriver } from '../../../src/engine/seasonality/preview';
import { OVERRIDE_COLOR, seasonChartOption } from '../../../src/ui/plan/seasonChart';

interface Series { type: string; data: (number | null)[]; symbol: string; color: string; markLine?: { data: { yAxis: number }[] } }
interface Option { series: Series[]; xAxis: { data: string[] }; tooltip: { formatter: (p: unknown) => string } }

describe('seasonality chart', () => {
  const driver = { base: 100_000_00, growth: 0.01, seasonality: presetProfile('double11'), overrides: { '2027-03': 5_000_00, '2028-11': 0 } };
  const preview = previewDriver(driver, 'spend', { start: '2027-01', periods: 24 });
  const text = { series: 'Plan <value>', overrides: 'Typed (2)', base: 'Base' };
  const opt = seasonChartOption(preview, driver.base, 'money', { currency: 'CNY', locale: 'en' }, text) as unknown as Option;

  it('draws the plan’s series over the timeline and marks only the typed months', () => {
    expect(opt.xAxis.data).toHaveLength(24);
    const [line, marks] = opt.series;
    expect(line.data).toEqual(preview.values);
    expect(line.markLine?.data[0].yAxis).toBe(driver.base);
    expect(marks.symbol).toBe('diamond');
    expect(marks.color).toBe(OVERRIDE_COLOR);
    expect(marks.data.filter((v) => v !== null)).toEqual([5_000_00, 0]);
    expect(marks.data[2]).toBe(5_000_00);
    expect(marks.data[22]).toBe(0);
  });

  it('escapes text in its HTML tooltip', () => {
    const html = opt.tooltip.formatter([{ dataIndex: 2 }]);
    expect(html).toContain('Plan &lt;value&gt;');
    expect(html).not.toContain('<value>');
    expect(html).toContain('Typed (2)');
  });
});
