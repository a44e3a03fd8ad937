import { describe, expect, it } from 'vitest';
import { chartNames } from '../../../src/ui/charts/chartDescription';

describe('what a chart is said to show', () => {
  it('names its series and its named points, once each, and never its raw values', () => {
    const option = {
      series: [
        { name: 'Tmall & JD', type: 'bar', stack: 'mix', data: [837_696_575, 730_778_835] },
        { name: '线下体验店', type: 'bar', stack: 'mix', data: [1, 2] },
        { name: 'Stars', type: 'scatter', data: [{ name: 'Douyin live', value: [0.3, 0.1, 5] }, { name: 'Tmall & JD', value: [0.5, 0.2, 9] }] },
        { type: 'line', data: [[1, 2]] },
        { name: '  ', type: 'line', data: [] },
      ],
    };
    expect(chartNames(option)).toEqual(['Tmall & JD', '线下体验店', 'Stars', 'Douyin live']);
  });

  it('reads a single series and a chart without series', () => {
    expect(chartNames({ series: { name: 'Segments', type: 'treemap', data: [{ name: 'Champions', value: 3 }] } })).toEqual(['Segments', 'Champions']);
    expect(chartNames({})).toEqual([]);
  });
});
