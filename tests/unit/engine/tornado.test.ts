import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Distribution, DriverKey, Plan, RebateMode, SettlementPeriod, UncertainDriver } from '../../../src/engine/types';
import { DISTRIBUTIONS, DRIVER_KEYS, REBATE_MODES, SETTLEMENT_PERIODS } from '../../../src/engine/types';
import { naiveTornado, tornado, UncertaintyError } from '../../../src/engine/uncertainty';
import { addRebate, simpleChannel, simplePlan } from './planFixtures';

const total = (plan: Plan, scenarioId: string | null = null): number => computePlan(plan, scenarioId).flows.contribution.reduce((a, b) => a + b, 0);

const caseArb = fc
  .record({
    channels: fc.integer({ min: 1, max: 8 }),
    periods: fc.integer({ min: 12, max: 36 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withOverrides: fc.boolean(),
    zeroBase: fc.constantFrom<DriverKey | null>(null, 'baseTraffic', 'spend', 'fixedCost'),
    pairs: fc.array(fc.record({ from: fc.nat(7), to: fc.nat(7), rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 4 }),
    ranges: fc.array(
      fc.record({
        channel: fc.nat(7),
        driver: fc.constantFrom<DriverKey>(...DRIVER_KEYS),
        distribution: fc.constantFrom<Distribution>(...DISTRIBUTIONS),
        lo: fc.double({ min: 0, max: 1, noNaN: true }),
        hi: fc.double({ min: 1, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    scenario: fc.boolean(),
    rebate: fc.option(fc.record({
      mode: fc.constantFrom<RebateMode>(...REBATE_MODES),
      period: fc.constantFrom<SettlementPeriod>(...SETTLEMENT_PERIODS),
      at: fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 1, maxLength: 3 }),
    })),
  })
  .map((o) => {
    const plan = generateSyntheticPlan({ channels: o.channels, periods: o.periods, seed: o.seed, withOverrides: o.withOverrides });
    if (o.zeroBase) plan.channels[0].drivers[o.zeroBase] = { base: 0 };
    if (o.rebate) addRebate(plan, plan.channels.length - 1, o.rebate.mode, o.rebate.period, o.rebate.at);
    const id = (k: number): string => plan.channels[k % plan.channels.length].id;
    plan.cannibalisation = o.pairs.map((p) => ({ from: id(p.from), to: id(p.to), rate: p.rate }));
    if (o.scenario) {
      plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [{ id: 'a', target: { kind: 'all' }, driver: 'conversion', op: { kind: 'scale', percent: -15 }, enabled: true }] }];
    }
    const uncertainty: UncertainDriver[] = o.ranges.map((r, k) => {
      const ch = plan.channels[r.channel % plan.channels.length];
      const base = ch.drivers[r.driver].base;
      // Base 0: the ends are added to every period (rates stay small, money and counts moderate).
      const [low, high] = base !== 0 ? [base * r.lo, base * r.hi] : [r.lo * 0.1, r.hi * 0.1];
      return { id: `u${k}`, channelId: ch.id, driver: r.driver, low, high, distribution: r.distribution };
    });
    return { plan, scenarioId: o.scenario ? 's' : null, uncertainty };
  });

describe('tornado', () => {
  it('equals a full recompute per end of each range, exactly', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, scenarioId, uncertainty }) => {
        const fast = tornado(plan, { scenarioId, uncertainty });
        expect(fast).toEqual(naiveTornado(plan, { scenarioId, uncertainty }));
        expect(fast.baseContribution).toBe(total(plan, scenarioId));
      }),
      { numRuns: 150 },
    );
  });

  it('sorts bars by swing, largest first, and gives a range with low = high no swing', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, scenarioId, uncertainty }) => {
        const list = [...uncertainty, { ...uncertainty[0], id: 'flat', low: uncertainty[0].high }];
        const { bars, baseContribution } = tornado(plan, { scenarioId, uncertainty: list });
        for (let k = 1; k < bars.length; k++) expect(bars[k - 1].swing).toBeGreaterThanOrEqual(bars[k].swing);
        for (const b of bars) expect(b.swing).toBe(Math.abs(b.contributionAtHigh - b.contributionAtLow));
        const flat = bars.find((b) => b.id === 'flat');
        expect(flat?.swing).toBe(0);
        expect(flat?.contributionAtLow).toBe(flat?.contributionAtHigh);
        expect(Number.isSafeInteger(baseContribution)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('is what computePlan gives with the driver edited by hand', () => {
    const plan = simplePlan([simpleChannel('a'), simpleChannel('b', { conversion: { base: 0.02, growth: 0.01 } })]);
    const u: UncertainDriver = { id: 'u', channelId: 'b', driver: 'conversion', low: 0.015, high: 0.03, distribution: 'triangular' };
    const { bars, baseContribution } = tornado(plan, { scenarioId: null, uncertainty: [u] });
    expect(baseContribution).toBe(total(plan));
    // low / base = 0.75: the whole growing series scales by it.
    const atLow = structuredClone(plan);
    atLow.channels[1].drivers.conversion = { base: 0.015, growth: 0.01 };
    expect(bars[0].contributionAtLow).toBe(total(atLow));
    const atHigh = structuredClone(plan);
    atHigh.channels[1].drivers.conversion = { base: 0.03, growth: 0.01 };
    expect(bars[0].contributionAtHigh).toBe(total(atHigh));
    expect(bars[0]).toMatchObject({ id: 'u', channelId: 'b', driver: 'conversion', lowValue: 0.015, highValue: 0.03 });
  });

  it('refuses unknown channels but accepts a lognormal with low ≤ 0', () => {
    const plan = simplePlan([simpleChannel('a')]);
    expect(() => tornado(plan, { scenarioId: null, uncertainty: [{ id: 'u', channelId: 'x', driver: 'aov', low: 1, high: 2, distribution: 'uniform' }] })).toThrow(UncertaintyError);
    const r = tornado(plan, { scenarioId: null, uncertainty: [{ id: 'u', channelId: 'a', driver: 'fixedCost', low: 0, high: 600_000, distribution: 'lognormal' }] });
    expect(r.bars[0].contributionAtLow - r.bars[0].contributionAtHigh).toBe(600_000 * 12);
  });
});
