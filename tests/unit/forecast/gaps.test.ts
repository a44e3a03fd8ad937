import { describe, expect, it } from 'vitest';
import { fillShortGaps } from '../../../src/engine/forecast/gaps';

describe('short gaps filled for the forecast', () => {
  it('a missing month with the year before known: that month a year earlier, scaled to the level around the gap', () => {
    const values: (number | null)[] = [100, 120, 90, 100, 110, 100, 95, 100, 105, 130, 200, 160, 110, 132, 99, 110, 121, 110, 104.5, 110, 115.5, 143, 220, null, 121];
    const { values: out, filled } = fillShortGaps(values);
    expect(filled).toEqual([23]);
    // Neighbours 220 and 121 against 200 and 110 a year earlier: ×1.1, so 160 → 176.
    expect(out[23]).toBeCloseTo(176, 10);
  });

  it('without a year before: a straight line between the neighbours; leading, trailing and long gaps are left', () => {
    const { values: out, filled } = fillShortGaps([null, 10, null, null, 40, null, null, null, 80, null]);
    expect(filled).toEqual([2, 3]);
    expect(out).toEqual([null, 10, 20, 30, 40, null, null, null, 80, null]);
  });
});
