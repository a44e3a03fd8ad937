import { describe, expect, it } from 'vitest';
import { formatDelta, pointsText } from '../../../src/ui/metricDefinitions';

const money = { currency: 'CNY', locale: 'en' };

describe('a change of a percentage, in points', () => {
  it('never reads as 0 when something changed', () => {
    // 37.32 % → 37.29 %: −0.03 points, not "−0".
    expect(formatDelta('costRatio', 0.3729 - 0.3732, money)).toBe('−0.03 pp');
    expect(formatDelta('roi', 0.000004, money)).toBe('+0.0004 pp');
    expect(formatDelta('roi', 0.0004, money)).toBe('+0.04 pp');
    expect(formatDelta('roi', 0.021, money)).toBe('+2.1 pp');
    expect(formatDelta('roi', 0, money)).toBe('±0 pp');
  });

  it('keeps one decimal from a tenth of a point up', () => {
    expect(pointsText(0.1, 'en')).toBe('0.1');
    expect(pointsText(-12.345, 'en')).toBe('-12.3');
    expect(pointsText(0.012, 'en')).toBe('0.01');
    expect(pointsText(0.0012, 'en')).toBe('0.001');
  });
});
