import { describe, expect, it } from 'vitest';
import { median } from '../../../src/engine/evaluation/average';
import {
  bcgInputs,
  classifyChannels,
  minimumSpendPerPeriod,
  QUADRANT_ACTIONS,
  quadrantOf,
  quadrantScenario,
  relativeShares,
  type BcgInput,
} from '../../../src/engine/evaluation/bcg';
import { computePlan } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { BcgSettings, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const SHARE: BcgSettings = { shareMode: 'share', growthMode: 'yoy' };
const RELATIVE: BcgSettings = { shareMode: 'relative', growthMode: 'yoy' };

function inputs(rows: [number | null, number | null][]): BcgInput[] {
  return rows.map(([share, growth], i) => ({ share, growth, contribution: 1000 * (i + 1) }));
}

function beauty(): Plan {
  return createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
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

describe('quadrant actions and scenarios', () => {
  const opts = { scenarioId: 's1', adjustmentId: 'a1', name: 'Act on live-stream' };

  it('recommends the four actions', () => {
    expect(QUADRANT_ACTIONS.star).toEqual({ key: 'investToHold', spend: { kind: 'scale', percent: 10 } });
    expect(QUADRANT_ACTIONS.cashCow).toEqual({ key: 'maintainAndHarvest', spend: { kind: 'scale', percent: -10 } });
    expect(QUADRANT_ACTIONS.questionMark).toEqual({ key: 'investSelectively', spend: { kind: 'scale', percent: 20 } });
    expect(QUADRANT_ACTIONS.dog).toEqual({ key: 'fixOrExit', spend: { kind: 'toMinimum' } });
    expect(Object.isFrozen(QUADRANT_ACTIONS.star.spend)).toBe(true);
  });

  it('builds a scenario on the baseline that scales one channel’s spend', () => {
    const plan = beauty();
    expect(quadrantScenario(plan, 'ch-tmall', 'star', opts)).toEqual({
      id: 's1',
      name: 'Act on live-stream',
      parentId: null,
      notes: '',
      adjustments: [
        { id: 'a1', target: { kind: 'channels', ids: ['ch-tmall'] }, driver: 'spend', op: { kind: 'scale', percent: 10 }, enabled: true },
      ],
    });
    expect(quadrantScenario(plan, 'ch-stores', 'cashCow', opts).adjustments[0].op).toEqual({ kind: 'scale', percent: -10 });
    expect(quadrantScenario(plan, 'ch-community', 'questionMark', opts).adjustments[0].op).toEqual({ kind: 'scale', percent: 20 });
    expect(quadrantScenario(plan, 'ch-community', 'questionMark', { ...opts, questionMarkPercent: 35, notes: 'n' })).toMatchObject({
      notes: 'n',
      adjustments: [{ op: { kind: 'scale', percent: 35 } }],
    });
    // The question-mark percent applies to question marks only.
    expect(quadrantScenario(plan, 'ch-tmall', 'star', { ...opts, questionMarkPercent: 35 }).adjustments[0].op).toEqual({ kind: 'scale', percent: 10 });
  });

  it('cuts a dog to its budget minimum spread over the periods, or to zero', () => {
    const plan = beauty(); // 24 periods
    expect(quadrantScenario(plan, 'ch-douyin-live', 'dog', opts).adjustments[0].op).toEqual({ kind: 'set', value: 0 });
    plan.budgetBounds = [{ channelId: 'ch-douyin-live', min: 2_400_000, max: 9_000_000 }];
    expect(quadrantScenario(plan, 'ch-douyin-live', 'dog', opts).adjustments[0].op).toEqual({ kind: 'set', value: 100_000 });
    // Rounded up so the channel never ends below its minimum: 2,400,001 / 24 → 100,001 a month.
    plan.budgetBounds = [{ channelId: 'ch-douyin-live', min: 2_400_001 }];
    expect(minimumSpendPerPeriod(plan, 'ch-douyin-live')).toBe(100_001);
    expect(minimumSpendPerPeriod(plan, 'ch-tmall')).toBe(0);
  });

  it('refuses an unknown channel and an unusable percent', () => {
    const plan = beauty();
    expect(() => quadrantScenario(plan, 'nope', 'star', opts)).toThrow(RangeError);
    expect(() => quadrantScenario(plan, 'ch-tmall', 'questionMark', { ...opts, questionMarkPercent: Number.NaN })).toThrow(RangeError);
    expect(() => quadrantScenario(plan, 'ch-tmall', 'questionMark', { ...opts, questionMarkPercent: -101 })).toThrow(RangeError);
  });

  it('computes: the scenario changes that channel’s spend and no other', () => {
    const plan = beauty();
    plan.budgetBounds = [{ channelId: 'ch-douyin-live', min: 2_400_000 }];
    plan.scenarios = [
      quadrantScenario(plan, 'ch-tmall', 'star', { ...opts, scenarioId: 'star' }),
      quadrantScenario(plan, 'ch-douyin-live', 'dog', { ...opts, scenarioId: 'dog' }),
    ];
    const base = computePlan(plan);
    const star = computePlan(plan, 'star');
    const dog = computePlan(plan, 'dog');
    const P = base.periods;
    expect(star.adjustmentNotices).toEqual([]);
    for (let t = 0; t < P; t++) {
      expect(star.flows.spend[t]).toBe(Math.round(base.flows.spend[t] * 1.1));
      expect(star.flows.spend[P + t]).toBe(base.flows.spend[P + t]);
      expect(dog.flows.spend[3 * P + t]).toBe(100_000);
      expect(dog.flows.spend[t]).toBe(base.flows.spend[t]);
    }
  });
});

describe('BCG inputs from a computed plan', () => {
  it('yoy: last 12 months against the 12 before, share and contribution over the last 12', () => {
    const plan = beauty();
    const res = computePlan(plan);
    const { inputs: rows, window, previous } = bcgInputs(plan, res, 'yoy');
    expect(window).toEqual({ start: 12, end: 24, from: '2028-01', to: '2028-12' });
    expect(previous).toEqual({ start: 0, end: 12, from: '2027-01', to: '2027-12' });
    const P = res.periods;
    const sum = (m: 'netRevenue' | 'contribution', c: number, a: number, b: number) =>
      res.flows[m].subarray(c * P + a, c * P + b).reduce((s, v) => s + v, 0);
    const total = [0, 1, 2, 3].reduce((s, c) => s + sum('netRevenue', c, 12, 24), 0);
    rows.forEach((row, c) => {
      expect(row.share).toBeCloseTo(sum('netRevenue', c, 12, 24) / total, 12);
      expect(row.growth).toBeCloseTo(sum('netRevenue', c, 12, 24) / sum('netRevenue', c, 0, 12) - 1, 12);
      expect(row.contribution).toBe(sum('contribution', c, 12, 24));
    });
    expect(rows.reduce((s, r) => s + (r.share as number), 0)).toBeCloseTo(1, 12);
    // Stores and live-stream have no growth drivers and the same seasonality each year.
    expect(rows[1].growth).toBeCloseTo(0, 12);
    expect(rows[3].growth).toBeCloseTo(0, 12);
    // The community grows 2 % a month in base traffic: the fastest grower.
    expect(Math.max(...rows.map((r) => r.growth as number))).toBe(rows[2].growth);
  });

  it('yoy needs 24 months; the window is still the last 12', () => {
    const plan = simplePlan([simpleChannel('a'), simpleChannel('b', { aov: { base: 60_000 } })], 18);
    const { inputs: rows, window, previous } = bcgInputs(plan, computePlan(plan), 'yoy');
    expect(previous).toBeNull();
    expect(window).toMatchObject({ start: 6, end: 18 });
    expect(rows.map((r) => r.growth)).toEqual([null, null]);
    expect(rows[0].share).toBeCloseTo(0.25, 12);
    expect(rows[1].share).toBeCloseTo(0.75, 12);
  });

  it('pop: the last complete calendar quarter against the one before', () => {
    // February 2027 to January 2028: the partial first and last quarters are left out.
    const plan = simplePlan([simpleChannel('a', { baseTraffic: { base: 10_000, growth: 0.01 } }), simpleChannel('b')]);
    plan.timeline.start = '2027-02';
    const res = computePlan(plan);
    const { inputs: rows, window, previous } = bcgInputs(plan, res, 'pop');
    expect(window).toEqual({ start: 8, end: 11, from: '2027-10', to: '2027-12' });
    expect(previous).toEqual({ start: 5, end: 8, from: '2027-07', to: '2027-09' });
    const net = (c: number, a: number, b: number) => res.flows.netRevenue.subarray(c * 12 + a, c * 12 + b).reduce((s, v) => s + v, 0);
    expect(rows[0].growth).toBeCloseTo(net(0, 8, 11) / net(0, 5, 8) - 1, 12);
    expect(rows[0].growth).toBeGreaterThan(0);
    expect(rows[1].growth).toBeCloseTo(0, 12);
    expect(rows[0].share).toBeCloseTo(net(0, 8, 11) / (net(0, 8, 11) + net(1, 8, 11)), 12);
  });

  it('has no growth from a zero base and no share when nothing sells', () => {
    const dead = simpleChannel('z', { baseTraffic: { base: 0 }, spend: { base: 0 } });
    const plan = simplePlan([dead]);
    const { inputs: rows } = bcgInputs(plan, computePlan(plan), 'pop');
    expect(rows).toEqual([{ share: null, growth: null, contribution: -3 * 500_000 }]);
  });

  it('refuses a result computed for another timeline', () => {
    const plan = beauty();
    const res = computePlan(plan);
    plan.timeline.periods = 12;
    expect(() => bcgInputs(plan, res, 'yoy')).toThrow(RangeError);
  });

  it('classifies the beauty template: e-commerce leads, the community grows, live-stream is a dog', () => {
    const plan = beauty();
    const { inputs: rows } = bcgInputs(plan, computePlan(plan), 'yoy');
    const share = classifyChannels(rows, SHARE);
    expect(share.thresholds.share).toBeCloseTo(0.25, 12);
    expect(share.points.map((p) => p.quadrant)).toEqual(['star', 'cashCow', 'questionMark', 'dog']);
    const relative = classifyChannels(rows, RELATIVE);
    // Only the leader reaches a relative share of 1; stores drop from cash cow to dog.
    expect(relative.points.map((p) => p.quadrant)).toEqual(['star', 'dog', 'questionMark', 'dog']);
    expect(relative.points[0].x).toBeCloseTo((rows[0].share as number) / (rows[1].share as number), 12);
  });
});
