import { describe, expect, it } from 'vitest';
import type { ResponseCurve } from '../../../src/engine/types';
import { calibrationOption } from '../../../src/ui/optimise/calibrationChart';
import { moneyOf } from '../../../src/ui/units';

const curve: ResponseCurve = { type: 'hill', max: 2_700_000, halfSat: 120_000_000, shape: 0.8 };
const traffic = (c: ResponseCurve, spend: number) => (c.max * spend ** c.shape) / (c.halfSat ** c.shape + spend ** c.shape);

describe('the response curve chart', () => {
  it('labels visits in the planner’s units, like the spend axis beside it', () => {
    const label = (locale: string, v: number) => {
      const option = calibrationOption(curve, null, [], moneyOf('CNY', locale), traffic) as { yAxis: { axisLabel: { formatter: (v: number) => string } } };
      return option.yAxis.axisLabel.formatter(v);
    };
    expect(label('zh-CN', 2_100_000)).toBe('210万');
    expect(label('zh-CN', 300_000)).toBe('30万');
    expect(label('zh-CN', 0)).toBe('0');
    expect(label('en', 2_100_000)).toBe('2.1M');
    expect(label('zh-TW', 2_100_000)).toBe('210萬');
  });
});
