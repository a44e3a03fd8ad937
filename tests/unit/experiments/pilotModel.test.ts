import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actuals } from '../../../src/engine/types';
import { groupSeries, pilotEffect } from '../../../src/ui/experiments/pilotModel';

const R = JSON.parse(readFileSync(new URL('../../fixtures/experiments/reference-r.json', import.meta.url), 'utf8')) as {
  did: { test: number[]; control: number[]; firstPost: number; estimate: number; se: number; low: number; high: number };
};
const months = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);

/** Pilot region tier2 sold by two channels (their sum is the R series); control tier1 by one. */
function actuals(gap = -1): Actuals {
  const test = R.did.test;
  return {
    start: '2027-01',
    months: 12,
    series: [
      { channelId: 'a', regionId: 'tier2', values: { netRevenue: test.map((v) => v - 100) } },
      { channelId: 'b', regionId: 'tier2', values: { netRevenue: test.map(() => 100) } },
      { channelId: 'a', regionId: 'tier1', values: { netRevenue: R.did.control.map((v, i) => (i === gap ? null : v)) } },
    ],
    source: { kind: 'table', name: 'x', importedAt: 0 },
    channelNames: [],
    regionNames: [],
  };
}

describe('regional pilot on the actuals', () => {
  it('sums a region over channels and matches R lm on the 2 × T panel', () => {
    expect(groupSeries(actuals(), ['tier2'], 'netRevenue', months)).toEqual(R.did.test);
    const r = pilotEffect(actuals(), ['tier2'], ['tier1'], 'netRevenue', months, months[R.did.firstPost]);
    if (r === null || typeof r === 'string') throw new Error(String(r));
    expect(Math.abs(r.estimate - R.did.estimate)).toBeLessThan(1e-9);
    expect(Math.abs(r.se - R.did.se)).toBeLessThan(1e-9);
    expect(Math.abs(r.low - R.did.low)).toBeLessThan(1e-9);
  });

  it('leaves out a month a group lacks, and needs both groups', () => {
    const r = pilotEffect(actuals(2), ['tier2'], ['tier1'], 'netRevenue', months, months[R.did.firstPost]);
    if (r === null || typeof r === 'string') throw new Error(String(r));
    expect(r.preMonths + r.postMonths).toBe(11);
    expect(pilotEffect(actuals(), ['tier2'], [], 'netRevenue', months, months[7])).toBeNull();
    expect(groupSeries(actuals(), ['tier2', 'lower'], 'netRevenue', months).every((v) => v === null)).toBe(true);
  });
});
