import { describe, expect, it } from 'vitest';
import { fitChart, legendLines, textWidth, withFittedCategoryLabels, withFittedLegend, wrapLabel } from '../../../src/ui/charts/chartFit';
import { LABELS_IN_GRID } from '../../../src/ui/charts/planCharts';

describe('a legend that fits', () => {
  const names = ['Regional distributors', 'Official mall (website + mini-program)', 'Live-stream sales', '社区团购', '前置仓'];

  it('wraps onto more lines as the chart narrows, and shows every name', () => {
    expect(legendLines(names, 2000, 12)).toBe(1);
    expect(legendLines(names, 500, 12)).toBeGreaterThan(1);
    expect(legendLines(names, 200, 12)).toBeGreaterThanOrEqual(names.length - 1);
    expect(legendLines([], 500, 12)).toBe(0);
  });

  it('turns a paged legend into a plain one and raises the plot above it', () => {
    const option = { legend: { type: 'scroll', bottom: 0 }, grid: { bottom: 48, ...LABELS_IN_GRID }, series: names.map((name) => ({ name, type: 'bar' })) };
    const wide = withFittedLegend(option, 2000) as { legend: { type: string }; grid: { bottom: number; outerBoundsMode: string } };
    const narrow = withFittedLegend(option, 400) as { legend: { type: string }; grid: { bottom: number } };
    expect(wide.legend.type).toBe('plain');
    expect(wide.grid.outerBoundsMode).toBe(LABELS_IN_GRID.outerBoundsMode);
    expect(narrow.grid.bottom).toBeGreaterThan(wide.grid.bottom);
    expect(withFittedLegend({ series: [] }, 400)).toEqual({ series: [] });
  });

  it('shows every category label: wrapped in wide slots, turned in narrow ones, spaced by ECharts when there are too many', () => {
    const chart = (n: number) => ({ xAxis: { type: 'category', data: Array.from({ length: n }, (_, i) => `Channel ${i}`) }, series: [] });
    const label = (o: unknown) => (o as { xAxis: { axisLabel: { interval: unknown; rotate: number; overflow?: string; width?: number } } }).xAxis.axisLabel;
    const wide = label(withFittedCategoryLabels(chart(4), 900));
    expect(wide).toMatchObject({ interval: 0, rotate: 0, overflow: 'break' });
    expect(wide.width).toBeLessThanOrEqual((900 - 7 * 12) / 4);
    // Turned: short labels (months) on one line with no box; a long one wraps in a box.
    const months = label(withFittedCategoryLabels(chart(16), 900));
    expect(months).toMatchObject({ interval: 0, rotate: 45 });
    expect(months.width).toBeUndefined();
    expect(months.overflow).toBeUndefined();
    const names = { xAxis: { type: 'category', data: Array.from({ length: 16 }, (_, i) => `Official mall (website + mini-program) ${i}`) }, series: [] };
    expect(label(withFittedCategoryLabels(names, 900))).toMatchObject({ interval: 0, rotate: 45, overflow: 'break', width: 9 * 12 });
    expect(label(withFittedCategoryLabels(chart(60), 900))).toMatchObject({ interval: 'auto' });
    // A word wider than its slot would be cut in two: turned instead.
    const long = { xAxis: { type: 'category', data: ['Supercalifragilistic', 'B', 'C', 'D'] }, series: [] };
    expect(label(withFittedCategoryLabels(long, 500))).toMatchObject({ rotate: 45 });
    const values = { xAxis: { type: 'value' }, series: [] };
    expect(withFittedCategoryLabels(values, 900)).toBe(values);
    expect(label(fitChart({ ...chart(3), legend: {} }, 900, 16))).toMatchObject({ fontSize: 16 });
  });
});

describe('Chinese labels broken as Chinese is typeset', () => {
  it('never leaves a closing bracket at the start of a line or an opening one at the end', () => {
    // 110 px at 12 px: nine ideographs a line; width alone would leave "）" on a line of its own.
    const lines = wrapLabel('私域社群（企业微信+小程序）', 110, 12).split('\n');
    expect(lines.join('')).toBe('私域社群（企业微信+小程序）');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(textWidth(line, 12)).toBeLessThanOrEqual(110);
      expect(line).not.toMatch(/^[）」】，。]/u);
      expect(line).not.toMatch(/[（「【]$/u);
    }
    expect(lines[lines.length - 1].length).toBeGreaterThan(1);
    const opening = wrapLabel('天猫京东旗舰店渠道（含直播间）', 96, 12).split('\n');
    for (const line of opening) expect(line).not.toMatch(/[（]$/u);
  });

  it('leaves labels that fit, and Latin ones, to ECharts; keeps Latin words whole', () => {
    expect(wrapLabel('线下体验店', 110, 12)).toBe('线下体验店');
    expect(wrapLabel('Official mall (website + mini-program)', 60, 12)).toBe('Official mall (website + mini-program)');
    expect(wrapLabel('天猫旗舰店 Flagship store 会员', 100, 12).split('\n')).toEqual(['天猫旗舰店', 'Flagship', 'store 会员']);
  });

  it('is what the fitted axis shows, in its box', () => {
    const option = { xAxis: { type: 'category', data: ['私域社群（企业微信+小程序）', '线下体验店', '抖音直播带货'] }, series: [] };
    const fitted = withFittedCategoryLabels(option, 500) as { xAxis: { data: string[]; axisLabel: { width: number } } };
    expect(fitted.xAxis.data[0]).toBe(wrapLabel('私域社群（企业微信+小程序）', fitted.xAxis.axisLabel.width, 12));
    expect(fitted.xAxis.data[0]).toContain('\n');
    expect(fitted.xAxis.data.slice(1)).toEqual(['线下体验店', '抖音直播带货']);
  });
});
