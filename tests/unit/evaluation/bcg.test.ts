import { describe, expect, it } from 'vitest';
import { median } from '../../../src/engine/evaluation/average';
import {
  classifyChannels,
  quadrantOf,
  relativeShares,
  type BcgInput,
} from '../../../src/engine/evaluation/bcg';
import type { BcgSettings } from '../../../src/engine/types';

const SHARE: BcgSettings = { shareMode: 'share', growthMode: 'yoy' };
const RELATIVE: BcgSettings = { shareMode: 'relative', growthMode: 'yoy' };

function inputs(rows: [number | null, number | null][]): BcgInput[] {
  return rows.map(([share, growth], i) => ({ share, growth, contribution: 1000 * (i + 1) }));
}

describe('quadrants', () => {
  it('names the four quadrants', () => {
    expect(quadrantOf(0.5, 0.2, 0.3, 0.1)).toBe('star');
    expect(quadrantOf(0.5, 0.0, 0.3, 0.1)).toBe('cashCow');
    expect(quadrantOf(0.1, 0.2, 0.3, 0.1)).toBe('questionMark');
    expect(quadrantOf(0.1, 0.0, 0.3, 0.1)).toBe('dog');
  });

  it('counts a channel exactly on a threshold as high', () => {
    const r = classifyChannels(inputs([[0.3, 0.1], [0.3, 0.0999], [0.2999, 0.1], [0.2999, 0.0999]]), {
      ...SHARE,
      shareThreshold: 0.3,
      growthThreshold: 0.1,
    });
    expect(r.points.map((p) => p.quadrant)).toEqual(['star', 'cashCow', 'questionMark', 'dog']);
    expect(r.thresholds).toEqual({ share: 0.3, growth: 0.1, shareSource: 'settings', growthSource: 'settings' });
  });

  it('defaults to the average share and the median growth (odd count)', () => {
    // average share 1/3; median growth 0.1, and the channel at the median counts as high
    const r = classifyChannels(inputs([[0.5, 0.3], [0.3, 0.1], [0.2, -0.2]]), SHARE);
    expect(r.thresholds.share).toBeCloseTo(1 / 3, 15);
    expect(r.thresholds.growth).toBe(0.1);
    expect(r.thresholds.shareSource).toBe('default');
    expect(r.points.map((p) => p.quadrant)).toEqual(['star', 'questionMark', 'dog']);
  });

  it('takes the mean of the middle two growth values for an even count', () => {
    const r = classifyChannels(inputs([[0.4, 0.4], [0.3, 0.1], [0.2, 0.2], [0.1, -0.1]]), SHARE);
    expect(r.thresholds.growth).toBeCloseTo(0.15, 15);
    expect(r.thresholds.share).toBeCloseTo(0.25, 15);
    expect(r.points.map((p) => p.quadrant)).toEqual(['star', 'cashCow', 'questionMark', 'dog']);
  });

  it('leaves unknown growth out of the median and out of the matrix', () => {
    const r = classifyChannels(inputs([[0.5, 0.4], [0.3, null], [0.2, 0.2]]), SHARE);
    expect(r.thresholds.growth).toBeCloseTo(0.3, 15);
    expect(r.points[1]).toEqual({ x: 0.3, y: null, contribution: 2000, quadrant: null });
    expect(r.points.map((p) => p.quadrant)).toEqual(['star', null, 'dog']);
  });

  it('has no growth line when no channel has growth, so no quadrants', () => {
    const r = classifyChannels(inputs([[0.6, null], [0.4, null]]), SHARE);
    expect(r.thresholds.growth).toBeNull();
    expect(r.points.map((p) => p.quadrant)).toEqual([null, null]);
  });

  it('ignores thresholds in the settings that are not finite', () => {
    const r = classifyChannels(inputs([[0.6, 0.1], [0.4, 0.3]]), { ...SHARE, shareThreshold: Number.NaN, growthThreshold: 0.2 });
    expect(r.thresholds).toEqual({ share: 0.5, growth: 0.2, shareSource: 'default', growthSource: 'settings' });
    expect(r.points.map((p) => p.quadrant)).toEqual(['cashCow', 'questionMark']);
  });

  it('passes contribution through as the bubble size', () => {
    const r = classifyChannels([{ share: 1, growth: 0, contribution: -42 }], SHARE);
    expect(r.points[0]).toEqual({ x: 1, y: 0, contribution: -42, quadrant: 'star' });
  });
});

describe('relative share', () => {
  it('divides by the largest other channel; the leader by the runner-up', () => {
    const xs = relativeShares([0.2, 0.5, 0.3]);
    expect(xs[0]).toBeCloseTo(0.4, 15);
    expect(xs[1]).toBeCloseTo(5 / 3, 15);
    expect(xs[2]).toBeCloseTo(0.6, 15);
  });

  it('gives both leaders 1 when tied for first', () => {
    expect(relativeShares([0.4, 0.4, 0.2])).toEqual([1, 1, 0.5]);
  });

  it('is undefined for a single channel, against zero rivals and for unknown shares', () => {
    expect(relativeShares([1])).toEqual([null]);
    expect(relativeShares([1, 0])).toEqual([null, 0]);
    expect(relativeShares([0.7, null, 0.3])[1]).toBeNull();
    expect(relativeShares([0.7, null, 0.3])[0]).toBeCloseTo(7 / 3, 15);
  });

  it('puts the line at 1.0, so only the leader has high share', () => {
    // x = 4/3, 3/4, 1/2, 1/4; median growth 0.1
    const r = classifyChannels(inputs([[0.4, 0.0], [0.3, 0.3], [0.2, 0.2], [0.1, -0.1]]), RELATIVE);
    expect(r.thresholds.share).toBe(1);
    expect(r.thresholds.growth).toBeCloseTo(0.1, 15);
    expect(r.points[0].x).toBeCloseTo(4 / 3, 15);
    expect(r.points.map((p) => p.quadrant)).toEqual(['cashCow', 'questionMark', 'questionMark', 'dog']);
  });

  it('places a single channel nowhere in relative mode but high in plain share', () => {
    expect(classifyChannels(inputs([[1, 0.1]]), RELATIVE).points[0].quadrant).toBeNull();
    expect(classifyChannels(inputs([[1, 0.1]]), SHARE).points[0].quadrant).toBe('star');
  });
});

describe('median', () => {
  it('handles odd, even, empty and unknown values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([null, Number.NaN, 5])).toBe(5);
  });
});

