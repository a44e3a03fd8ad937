import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan, type PlanResult } from '../../../src/engine/compute';
import { curveTraffic } from '../../../src/engine/curve';
import { channelOfType, rampFactor, validateLifecycle } from '../../../src/engine/lifecycle';
import { checkPlanValues } from '../../../src/engine/planFile/checks';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { ChannelExit, ChannelLaunch, Plan, Scenario } from '../../../src/engine/types';
import { FLOW_METRICS } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

function scenario(id: string, extra: Partial<Scenario> = {}): Scenario {
  return { id, name: id, parentId: null, adjustments: [], notes: '', ...extra };
}

function launch(id: string, month: string, rampMonths = 0, extra: Partial<ChannelLaunch> = {}): ChannelLaunch {
  return { channel: simpleChannel(id), month, rampMonths, rampShape: 'linear', launchCost: 0, ...extra };
}

function row(res: PlanResult, metric: (typeof FLOW_METRICS)[number], id: string): number[] {
  const c = res.channelIds.indexOf(id);
  if (c < 0) throw new Error(`no channel ${id}`);
  return [...res.flows[metric].subarray(c * res.periods, (c + 1) * res.periods)];
}

function twoChannels(): Plan {
  const b = simpleChannel('b', { conversion: { base: 0.04 }, aov: { base: 30_000 } });
  return simplePlan([simpleChannel('a'), b]);
}

describe('ramp factor', () => {
  it('is full from the launch month with no ramp, linear and S-shaped otherwise', () => {
    expect(rampFactor(0, 0, 'linear')).toBe(1);
    expect([0, 1, 2, 3, 4].map((k) => rampFactor(k, 3, 'linear'))).toEqual([0.25, 0.5, 0.75, 1, 1]);
    // S: x²(3 − 2x) at x = 1/4, 1/2, 3/4, 1
    expect([0, 1, 2, 3].map((k) => rampFactor(k, 3, 's'))).toEqual([0.15625, 0.5, 0.84375, 1]);
    expect(rampFactor(-1, 3, 'linear')).toBe(0);
  });
});

describe('launching a channel in a scenario', () => {
  it('appends the channel; nothing before launch, ramped orders after, launch cost as fixed cost', () => {
    const plan = twoChannels();
    plan.scenarios = [scenario('s', { launches: [launch('new', '2027-04', 3, { launchCost: 2_000_000 })] })];
    const base = computePlan(plan);
    const res = computePlan(plan, 's');
    expect(res.channelIds).toEqual(['a', 'b', 'new']);
    const orders = row(res, 'orders', 'new');
    // full-effect orders of the fixture: (10,000 + hill(¥10k) = 5,000) × 0.02 = 300
    const full = (10_000 + curveTraffic(plan.scenarios[0].launches![0].channel.curve, 1_000_000)) * 0.02;
    expect(orders.slice(0, 3)).toEqual([0, 0, 0]);
    expect(orders[3]).toBeCloseTo(full * 0.25, 9);
    expect(orders[4]).toBeCloseTo(full * 0.5, 9);
    expect(orders[6]).toBeCloseTo(full, 9);
    expect(row(res, 'spend', 'new').slice(0, 4)).toEqual([0, 0, 0, 1_000_000]);
    expect(row(res, 'fixedCost', 'new').slice(0, 5)).toEqual([0, 0, 0, 2_500_000, 500_000]);
    // the baseline's channels are untouched
    for (const id of ['a', 'b']) for (const m of FLOW_METRICS) expect(row(res, m, id)).toEqual(row(base, m, id));
  });

  it('ramp 0 months is full effect from the launch month', () => {
    const plan = twoChannels();
    plan.scenarios = [scenario('s', { launches: [launch('new', '2027-01', 0)] })];
    const res = computePlan(plan, 's');
    const alone = computePlan(simplePlan([simpleChannel('new')]));
    for (const m of FLOW_METRICS) expect(row(res, m, 'new')).toEqual(row(alone, m, 'new'));
  });

  it('a child scenario inherits its parent’s launches and exits', () => {
    const plan = twoChannels();
    plan.scenarios = [
      scenario('p', { launches: [launch('new', '2027-03', 2)], exits: [{ channelId: 'a', month: '2027-06', transfers: [] }] }),
      scenario('c', { parentId: 'p' }),
    ];
    const p = computePlan(plan, 'p');
    const c = computePlan(plan, 'c');
    expect(c.channelIds).toEqual(p.channelIds);
    for (const m of FLOW_METRICS) expect(c.flows[m]).toEqual(p.flows[m]);
  });
});

describe('exiting a channel', () => {
  it('produces nothing from the exit month and moves the stated share of its orders', () => {
    const plan = twoChannels();
    const exit: ChannelExit = { channelId: 'a', month: '2027-07', transfers: [{ channelId: 'b', share: 0.4 }] };
    plan.scenarios = [scenario('s', { exits: [exit] })];
    const base = computePlan(plan);
    const res = computePlan(plan, 's');
    for (const m of ['spend', 'fixedCost', 'baseTraffic', 'traffic', 'orders', 'netRevenue'] as const) {
      expect(row(res, m, 'a').slice(6)).toEqual(Array(6).fill(0));
      expect(row(res, m, 'a').slice(0, 6)).toEqual(row(base, m, 'a').slice(0, 6));
    }
    const lost = row(base, 'orders', 'a');
    const gained = row(res, 'orders', 'b').map((o, t) => o - row(base, 'orders', 'b')[t]);
    for (let t = 0; t < 12; t++) expect(gained[t]).toBeCloseTo(t < 6 ? 0 : 0.4 * lost[t], 9);
    // moved orders arrive as base traffic at b's conversion (4 %)
    expect(row(res, 'baseTraffic', 'b')[8] - row(base, 'baseTraffic', 'b')[8]).toBeCloseTo((0.4 * lost[8]) / 0.04, 6);
  });

  it('adding then exiting a channel at its launch month equals the baseline (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 5_000_000 }), (seed, m, ramp, cost) => {
        const plan = generateSyntheticPlan({ seed, channels: 4, periods: 12 });
        const month = computePlan(plan).months[m];
        const l: ChannelLaunch = { channel: channelOfType('zz-new', 'New', 'liveStream', '#123456', 2), month, rampMonths: ramp, rampShape: 's', launchCost: cost };
        plan.scenarios = [...plan.scenarios, scenario('lc', { launches: [l], exits: [{ channelId: 'zz-new', month, transfers: [{ channelId: plan.channels[0].id, share: 0.5 }] }] })];
        const base = computePlan(plan);
        const res = computePlan(plan, 'lc');
        const C = plan.channels.length;
        const P = res.periods;
        for (const metric of FLOW_METRICS) {
          expect(res.flows[metric].subarray(0, C * P)).toEqual(base.flows[metric]);
          expect([...res.flows[metric].subarray(C * P)].every((v) => v === 0)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the P&L identities exact with launches and exits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, lm, em, share) => {
        const plan = generateSyntheticPlan({ seed, channels: 4, periods: 12 });
        const months = computePlan(plan).months;
        const ids = plan.channels.map((c) => c.id);
        plan.scenarios = [
          ...plan.scenarios,
          scenario('lc', {
            launches: [{ channel: channelOfType('zz-new', 'New', 'o2o', '#123456', 2), month: months[lm], rampMonths: 4, rampShape: 'linear', launchCost: 1_234_567 }],
            exits: [{ channelId: ids[1], month: months[em], transfers: [{ channelId: 'zz-new', share }, { channelId: ids[0], share: (1 - share) / 2 }] }],
          }),
        ];
        const res = computePlan(plan, 'lc');
        const f = res.flows;
        for (let i = 0; i < f.spend.length; i++) {
          expect(f.netRevenue[i]).toBe(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]);
          expect(f.channelCost[i]).toBe(f.variableCost[i] + f.fixedCost[i] + f.rebate[i]);
          expect(f.contribution[i]).toBe(f.grossProfit[i] - f.channelCost[i] - f.spend[i]);
          for (const m of ['spend', 'fixedCost', 'grossRevenue', 'netRevenue', 'contribution'] as const) expect(Number.isInteger(f[m][i])).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a plan without launches or exits computes bit for bit as before', () => {
    const plan = generateSyntheticPlan({ seed: 7, channels: 6, periods: 24 });
    plan.scenarios = [scenario('empty', { launches: [], exits: [] }), scenario('none')];
    const base = computePlan(plan);
    for (const id of ['empty', 'none']) {
      const res = computePlan(plan, id);
      expect(res.channelIds).toEqual(base.channelIds);
      for (const m of FLOW_METRICS) expect(res.flows[m]).toEqual(base.flows[m]);
      expect(res.marginalRoi).toEqual(base.marginalRoi);
    }
  });
});

describe('checks of launches and exits', () => {
  it('refuses a taken id, unknown channels, shares over 100 %, a bad month and ramp', () => {
    const plan = twoChannels();
    plan.scenarios = [
      scenario('s', {
        launches: [
          { ...launch('a', '2027-02'), launchCost: -1 },
          { ...launch('new', '2027-13'), rampMonths: 1.5 },
        ],
        exits: [{ channelId: 'ghost', month: '2027-05', transfers: [{ channelId: 'new', share: 0.7 }, { channelId: 'b', share: 0.6 }] }],
      }),
    ];
    const problems = validateLifecycle(plan).map((p) => `${p.path.join('.')}:${p.code}`);
    expect(problems).toEqual([
      'scenarios.0.launches.0.channel.id:duplicateId',
      'scenarios.0.launches.0.launchCost:outOfRange',
      'scenarios.0.launches.1.month:invalidValue',
      'scenarios.0.launches.1.rampMonths:outOfRange',
      'scenarios.0.exits.0.channelId:unknownRef',
      'scenarios.0.exits.0.transfers:outOfRange',
    ]);
    // in a file these are errors, not warnings
    expect(checkPlanValues(plan).errors.filter((p) => p.path.includes('launches') || p.path.includes('exits'))).toHaveLength(6);
  });

  it('accepts an exit of a channel launched by the parent scenario', () => {
    const plan = twoChannels();
    plan.scenarios = [scenario('p', { launches: [launch('new', '2027-02')] }), scenario('c', { parentId: 'p', exits: [{ channelId: 'new', month: '2027-09', transfers: [{ channelId: 'a', share: 1 }] }] })];
    expect(validateLifecycle(plan)).toEqual([]);
  });
});
