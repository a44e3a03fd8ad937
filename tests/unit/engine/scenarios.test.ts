import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { resolveDrivers } from '../../../src/engine/driverSeries';
import { applyAdjustments, scenarioChain, ScenarioError, validateScenarios } from '../../../src/engine/scenarios';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { monthKeys } from '../../../src/engine/timeline';
import type { Adjustment, AdjustmentOp, Plan, Scenario } from '../../../src/engine/types';
import { DRIVER_KEYS } from '../../../src/engine/types';
import { engineApi } from '../../../src/workers/engineApi';
import { simpleChannel, simplePlan } from './planFixtures';

/** a: e-commerce, b: direct store, c: live-stream; spend ¥10,000.00 a month each. */
function threeChannels(): Plan {
  const b = simpleChannel('b');
  b.type = 'directStore';
  const c = simpleChannel('c');
  c.type = 'liveStream';
  return simplePlan([simpleChannel('a'), b, c]);
}

function adj(op: AdjustmentOp, extra: Partial<Adjustment> = {}): Adjustment {
  return { id: 'adj', target: { kind: 'all' }, driver: 'spend', op, enabled: true, ...extra };
}

/** Applies adjustments to the plan's resolved drivers; returns a row getter and the notices. */
function apply(plan: Plan, adjustments: Adjustment[]) {
  const { series } = resolveDrivers(plan);
  const months = monthKeys(plan.timeline);
  const notices = applyAdjustments(plan, series, months, adjustments);
  const row = (key: keyof typeof series, c: number): number[] => [...series[key].subarray(c * 12, c * 12 + 12)];
  return { series, notices, row };
}

const M = 1_000_000; // each channel's monthly spend in the fixture

describe('adjustment operations', () => {
  it('sets a value on listed channels within an inclusive period range', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'set', value: 5 }, { target: { kind: 'channels', ids: ['a', 'c'] }, from: '2027-03', to: '2027-05' }),
    ]);
    const expected = [M, M, 5, 5, 5, M, M, M, M, M, M, M];
    expect(row('spend', 0)).toEqual(expected);
    expect(row('spend', 1)).toEqual(Array(12).fill(M));
    expect(row('spend', 2)).toEqual(expected);
    expect(notices).toEqual([]);
  });

  it('scales a channel type from a month to the end', () => {
    const { row } = apply(threeChannels(), [
      adj({ kind: 'scale', percent: -10 }, { target: { kind: 'type', type: 'liveStream' }, from: '2027-10' }),
    ]);
    expect(row('spend', 2)).toEqual([...Array(9).fill(M), 900_000, 900_000, 900_000]);
    expect(row('spend', 0)).toEqual(Array(12).fill(M));
    expect(row('spend', 1)).toEqual(Array(12).fill(M));
  });

  it('adds to every channel from the start until a month, for rates and money', () => {
    const { row } = apply(threeChannels(), [
      adj({ kind: 'add', value: 0.01 }, { driver: 'conversion', to: '2027-02' }),
      adj({ kind: 'add', value: 2_500.4 }, { driver: 'aov', target: { kind: 'channels', ids: ['b'] } }),
    ]);
    for (let c = 0; c < 3; c++) {
      const conv = row('conversion', c);
      expect(conv[0]).toBeCloseTo(0.03, 15);
      expect(conv[1]).toBeCloseTo(0.03, 15);
      expect(conv.slice(2)).toEqual(Array(10).fill(0.02));
    }
    // Money stays in whole minor units: ¥200.00 + 2,500.4 fen → 22,500 fen.
    expect(row('aov', 1)).toEqual(Array(12).fill(22_500));
    expect(row('aov', 0)).toEqual(Array(12).fill(20_000));
  });

  it('scales, sets and adds on a type target, all channels and listed channels alike', () => {
    for (const target of [{ kind: 'all' as const }, { kind: 'type' as const, type: 'directStore' as const }, { kind: 'channels' as const, ids: ['b'] }]) {
      const { row } = apply(threeChannels(), [
        adj({ kind: 'set', value: 0.3 }, { target, driver: 'returnRate', from: '2027-06', to: '2027-06' }),
        adj({ kind: 'scale', percent: 50 }, { target, driver: 'returnRate', from: '2027-06', to: '2027-07' }),
        adj({ kind: 'add', value: -0.05 }, { target, driver: 'returnRate', from: '2027-07', to: '2027-07' }),
      ]);
      const r = row('returnRate', 1);
      expect(r[5]).toBeCloseTo(0.45, 15);
      expect(r[6]).toBeCloseTo(0.1, 15); // 0.1 · 1.5 − 0.05
      expect(r[4]).toBe(0.1);
      expect(row('returnRate', 0)[5]).toBe(target.kind === 'all' ? 0.3 * 1.5 : 0.1);
    }
  });

  it('targets a role: every main or every auxiliary channel, following the plan’s roles', () => {
    const plan = threeChannels();
    plan.channels[1].role = 'auxiliary';
    plan.channels[2].role = 'auxiliary';
    const aux = apply(plan, [adj({ kind: 'scale', percent: 20 }, { target: { kind: 'role', role: 'auxiliary' } })]);
    expect(aux.row('spend', 0)).toEqual(Array(12).fill(M));
    expect(aux.row('spend', 1)).toEqual(Array(12).fill(1_200_000));
    expect(aux.row('spend', 2)).toEqual(Array(12).fill(1_200_000));
    expect(aux.notices).toEqual([]);
    const main = apply(plan, [adj({ kind: 'add', value: 0.01 }, { driver: 'conversion', target: { kind: 'role', role: 'main' } })]);
    expect(main.row('conversion', 0)[0]).toBeCloseTo(0.03, 15);
    expect(main.row('conversion', 1)).toEqual(Array(12).fill(0.02));
    // A channel that becomes auxiliary later is picked up without touching the scenario.
    plan.channels[0].role = 'auxiliary';
    expect(apply(plan, [adj({ kind: 'scale', percent: 20 }, { target: { kind: 'role', role: 'auxiliary' } })]).row('spend', 0)).toEqual(Array(12).fill(1_200_000));
  });

  it('applies in order: set then scale differs from scale then set', () => {
    const set = adj({ kind: 'set', value: 2_000_000 });
    const scale = adj({ kind: 'scale', percent: 10 });
    expect(apply(threeChannels(), [set, scale]).row('spend', 0)[0]).toBe(2_200_000);
    expect(apply(threeChannels(), [scale, set]).row('spend', 0)[0]).toBe(2_000_000);
  });

  it('skips disabled adjustments', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'set', value: 0 }, { enabled: false }),
      adj({ kind: 'move', from: 'a', to: 'b', amount: 1 }, { enabled: false }),
    ]);
    expect(row('spend', 0)).toEqual(Array(12).fill(M));
    expect(row('spend', 1)).toEqual(Array(12).fill(M));
    expect(notices).toEqual([]);
  });

  it('works on top of baseline overrides', () => {
    const plan = threeChannels();
    plan.channels[0].drivers.spend = { base: M, overrides: { '2027-04': 2_000_000 } };
    const { row } = apply(plan, [adj({ kind: 'scale', percent: 10 })]);
    expect(row('spend', 0)[3]).toBe(2_200_000);
    expect(row('spend', 0)[2]).toBe(1_100_000);
  });

  it('leaves an empty range (from after to, or outside the timeline) untouched', () => {
    for (const range of [{ from: '2027-06', to: '2027-05' }, { from: '2030-01' }, { to: '2020-12' }]) {
      const { row } = apply(threeChannels(), [adj({ kind: 'set', value: 1 }, range)]);
      expect(row('spend', 0)).toEqual(Array(12).fill(M));
    }
  });
});

describe('moving budget', () => {
  it('moves a fixed amount per period between two channels', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'move', from: 'a', to: 'c', amount: 300_000 }, { from: '2027-11' }),
    ]);
    expect(row('spend', 0).slice(10)).toEqual([700_000, 700_000]);
    expect(row('spend', 2).slice(10)).toEqual([1_300_000, 1_300_000]);
    expect(row('spend', 0)[9]).toBe(M);
    expect(row('spend', 1)).toEqual(Array(12).fill(M));
    expect(notices).toEqual([]);
  });

  it('never moves more than the source has, and says so', () => {
    const plan = threeChannels();
    plan.channels[0].drivers.spend.overrides = { '2027-02': 400_000 };
    const { row, notices } = apply(plan, [adj({ kind: 'move', from: 'a', to: 'b', amount: 600_000 }, { to: '2027-03' })]);
    expect(row('spend', 0).slice(0, 4)).toEqual([400_000, 0, 400_000, M]);
    expect(row('spend', 1).slice(0, 4)).toEqual([1_600_000, 1_400_000, 1_600_000, M]);
    // Asked: 3 × ¥6,000; moved: ¥6,000 + ¥4,000 + ¥6,000.
    expect(notices).toEqual([
      { adjustmentId: 'adj', channelId: 'a', driver: 'spend', month: '2027-02', count: 1, kind: 'moveLimited', requested: 1_800_000, moved: 1_600_000 },
    ]);
  });

  it('reports the whole shortfall of a move larger than the source’s spend in every month', () => {
    const { row, notices } = apply(threeChannels(), [adj({ kind: 'move', from: 'b', to: 'c', amount: 2_500_000 }, { from: '2027-07' })]);
    expect(row('spend', 1).slice(6)).toEqual(Array(6).fill(0));
    expect(row('spend', 2).slice(6)).toEqual(Array(6).fill(2 * M));
    expect(notices).toEqual([
      { adjustmentId: 'adj', channelId: 'b', driver: 'spend', month: '2027-07', count: 6, kind: 'moveLimited', requested: 6 * 2_500_000, moved: 6 * M },
    ]);
  });

  it('does nothing when either end is unknown, and reports the id', () => {
    const { row, notices } = apply(threeChannels(), [adj({ kind: 'move', from: 'a', to: 'zz', amount: 1 })]);
    expect(row('spend', 0)).toEqual(Array(12).fill(M));
    expect(notices).toEqual([{ adjustmentId: 'adj', kind: 'unknownChannel', channelId: 'zz' }]);
  });

  it('conserves total spend and never leaves a channel negative (property)', () => {
    const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed: 5, withOverrides: true });
    const ids = plan.channels.map((c) => c.id);
    const moveArb = fc.record({
      from: fc.constantFrom(...ids),
      to: fc.constantFrom(...ids),
      amount: fc.integer({ min: 0, max: 20_000_000 }),
      start: fc.integer({ min: 1, max: 12 }),
      length: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 6 }), (moves) => {
        const before = resolveDrivers(plan).series.spend;
        const { series } = resolveDrivers(plan);
        applyAdjustments(plan, series, monthKeys(plan.timeline), moves.map((m, k) => adj(
          { kind: 'move', from: m.from, to: m.to, amount: m.amount },
          { id: `m${k}`, from: `2027-${String(m.start).padStart(2, '0')}`, to: `2027-${String(Math.min(12, m.start + m.length)).padStart(2, '0')}` },
        )));
        for (let t = 0; t < 12; t++) {
          let sumBefore = 0;
          let sumAfter = 0;
          for (let c = 0; c < ids.length; c++) {
            sumBefore += before[c * 12 + t];
            sumAfter += series.spend[c * 12 + t];
            expect(series.spend[c * 12 + t]).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(series.spend[c * 12 + t])).toBe(true);
          }
          expect(sumAfter).toBe(sumBefore);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('what adjustments report', () => {
  it('reports unknown channel ids and still applies the known ones', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'scale', percent: 100 }, { target: { kind: 'channels', ids: ['zz', 'a', 'a'] } }),
    ]);
    // A duplicate id scales once, not twice.
    expect(row('spend', 0)).toEqual(Array(12).fill(2 * M));
    expect(notices).toEqual([{ adjustmentId: 'adj', kind: 'unknownChannel', channelId: 'zz' }]);
  });

  it('keeps results inside driver bounds and reports each clamp', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'set', value: 1.5 }, { id: 'rate', driver: 'conversion', target: { kind: 'channels', ids: ['a'] }, from: '2027-03', to: '2027-04' }),
      adj({ kind: 'scale', percent: -150 }, { id: 'cut', target: { kind: 'channels', ids: ['b'] }, from: '2027-12' }),
      adj({ kind: 'add', value: -0.5 }, { id: 'neg', driver: 'returnRate', target: { kind: 'type', type: 'liveStream' } }),
    ]);
    expect(row('conversion', 0).slice(1, 5)).toEqual([0.02, 1, 1, 0.02]);
    expect(row('spend', 1)[11]).toBe(0);
    expect(row('returnRate', 2)).toEqual(Array(12).fill(0));
    expect(notices).toEqual([
      { adjustmentId: 'rate', channelId: 'a', driver: 'conversion', month: '2027-03', count: 2, kind: 'aboveMax' },
      { adjustmentId: 'cut', channelId: 'b', driver: 'spend', month: '2027-12', count: 1, kind: 'belowMin' },
      { adjustmentId: 'neg', channelId: 'c', driver: 'returnRate', month: '2027-01', count: 12, kind: 'belowMin' },
    ]);
  });

  it('skips unusable adjustments and says why', () => {
    const { row, notices } = apply(threeChannels(), [
      adj({ kind: 'set', value: 1 }, { id: 'm', from: '2027-13' }),
      adj({ kind: 'scale', percent: Number.NaN }, { id: 'n' }),
      adj({ kind: 'move', from: 'a', to: 'b', amount: -5 }, { id: 'neg' }),
      adj({ kind: 'set', value: 1 }, { id: 'd', driver: 'toString' as never }),
    ]);
    expect(row('spend', 0)).toEqual(Array(12).fill(M));
    expect(notices).toEqual([
      { adjustmentId: 'm', kind: 'skipped', reason: 'badMonth' },
      { adjustmentId: 'n', kind: 'skipped', reason: 'notFinite' },
      { adjustmentId: 'neg', kind: 'skipped', reason: 'negativeAmount' },
      { adjustmentId: 'd', kind: 'skipped', reason: 'unknownDriver' },
    ]);
  });
});

function scenario(id: string, parentId: string | null, adjustments: Adjustment[]): Scenario {
  return { id, name: id, parentId, adjustments, notes: '' };
}

describe('scenario chains', () => {
  it('lists a scenario and its ancestors root first', () => {
    const plan = threeChannels();
    plan.scenarios = [scenario('c', 'b', []), scenario('a', null, []), scenario('b', 'a', [])];
    expect(scenarioChain(plan, 'c').map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(scenarioChain(plan, 'a').map((s) => s.id)).toEqual(['a']);
  });

  it('throws a typed error for an unknown id, an unknown parent and a cycle', () => {
    const plan = threeChannels();
    plan.scenarios = [scenario('x', 'ghost', []), scenario('p', 'q', []), scenario('q', 'p', []), scenario('s', 's', [])];
    const code = (id: string): string => {
      try {
        scenarioChain(plan, id);
        return 'none';
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as ScenarioError).code;
      }
    };
    expect(code('nope')).toBe('unknownScenario');
    expect(code('x')).toBe('unknownParent');
    expect(code('p')).toBe('cycle');
    expect(code('s')).toBe('cycle');
    expect(() => computePlan(plan, 'p')).toThrow(ScenarioError);
  });

  it('computes the baseline without an id, with null, and for a scenario with no adjustments', () => {
    const plan = threeChannels();
    plan.scenarios = [scenario('empty', null, [])];
    const base = computePlan(plan);
    expect(computePlan(plan, null).flows).toEqual(base.flows);
    expect(computePlan(plan, undefined).flows).toEqual(base.flows);
    const s = computePlan(plan, 'empty');
    expect(s.flows).toEqual(base.flows);
    expect(s.scenarioId).toBe('empty');
    expect(base.scenarioId).toBeNull();
  });

  it('tags notices with the scenario that caused them', () => {
    const plan = threeChannels();
    plan.scenarios = [scenario('p', null, [adj({ kind: 'set', value: 2 }, { driver: 'conversion', target: { kind: 'channels', ids: ['a'] }, to: '2027-01' })]), scenario('k', 'p', [])];
    expect(computePlan(plan, 'k').adjustmentNotices).toEqual([
      { adjustmentId: 'adj', scenarioId: 'p', channelId: 'a', driver: 'conversion', month: '2027-01', count: 1, kind: 'aboveMax' },
    ]);
  });

  const opArb: fc.Arbitrary<AdjustmentOp> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), value: fc.integer({ min: 0, max: 5_000_000 }) }),
    fc.record({ kind: fc.constant('scale' as const), percent: fc.double({ min: -100, max: 200, noNaN: true }) }),
    fc.record({ kind: fc.constant('add' as const), value: fc.integer({ min: -2_000_000, max: 2_000_000 }) }),
    fc.record({ kind: fc.constant('move' as const), from: fc.constantFrom('ch-1', 'ch-2', 'ch-3'), to: fc.constantFrom('ch-1', 'ch-2', 'ch-3'), amount: fc.integer({ min: 0, max: 3_000_000 }) }),
  );
  const adjArb: fc.Arbitrary<Adjustment> = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    target: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.record({ kind: fc.constant('channels' as const), ids: fc.subarray(['ch-1', 'ch-2', 'ch-3', 'ghost']) }),
    ),
    driver: fc.constantFrom('spend', 'aov', 'baseTraffic', 'fixedCost' as const),
    from: fc.constantFrom(undefined, '2027-03'),
    to: fc.constantFrom(undefined, '2027-09'),
    op: opArb,
    enabled: fc.boolean(),
  }, { requiredKeys: ['id', 'target', 'driver', 'op', 'enabled'] });

  it('makes a child on a parent on the baseline equal one scenario with both sets of adjustments (property)', () => {
    fc.assert(
      fc.property(fc.array(adjArb, { maxLength: 5 }), fc.array(adjArb, { maxLength: 5 }), fc.array(adjArb, { maxLength: 5 }), (a1, a2, a3) => {
        const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 9 });
        plan.scenarios = [
          scenario('child', 'parent', a3),
          scenario('parent', 'root', a2),
          scenario('root', null, a1),
          scenario('flat', null, [...a1, ...a2, ...a3]),
        ];
        const chained = computePlan(plan, 'child');
        const flat = computePlan(plan, 'flat');
        expect(chained.flows).toEqual(flat.flows);
        expect(chained.drivers).toEqual(flat.drivers);
      }),
      { numRuns: 100 },
    );
  });

  it('lets a baseline edit flow into every scenario', () => {
    const plan = threeChannels();
    plan.scenarios = [
      scenario('up', null, [adj({ kind: 'scale', percent: 20 }, { driver: 'aov' })]),
      scenario('upMore', 'up', [adj({ kind: 'add', value: 0.01 }, { driver: 'conversion' })]),
      scenario('moved', null, [adj({ kind: 'move', from: 'a', to: 'b', amount: 100_000 })]),
    ];
    const before = ['up', 'upMore', 'moved'].map((id) => computePlan(plan, id));
    const edited = structuredClone(plan);
    edited.channels[0].drivers.baseTraffic = { base: 20_000 };
    const after = ['up', 'upMore', 'moved'].map((id) => computePlan(edited, id));
    for (let k = 0; k < 3; k++) {
      // a's orders follow its new base traffic in every scenario.
      expect(after[k].flows.baseTraffic[0]).toBe(20_000);
      expect(after[k].flows.netRevenue[0]).toBeGreaterThan(before[k].flows.netRevenue[0]);
    }
    // And each scenario is exactly the new baseline with its adjustments, e.g. aov +20 %:
    const edit2 = structuredClone(edited);
    edit2.channels.forEach((ch) => (ch.drivers.aov = { base: 24_000 }));
    expect(after[0].flows).toEqual(computePlan(edit2).flows);
  });
});

describe('scenario validation', () => {
  it('accepts a clean plan', () => {
    const plan = threeChannels();
    plan.scenarios = [
      scenario('s1', null, [adj({ kind: 'scale', percent: 5 }, { slider: { min: -50, max: 50, step: 1 }, from: '2027-01', to: '2027-12' })]),
      scenario('s2', 's1', [adj({ kind: 'move', from: 'a', to: 'b', amount: 100 }), adj({ kind: 'scale', percent: 5 }, { id: 'r', target: { kind: 'role', role: 'auxiliary' } })]),
    ];
    plan.cannibalisation = [{ from: 'c', to: 'b', rate: 0.2 }];
    expect(validateScenarios(plan)).toEqual([]);
    expect(validateScenarios(threeChannels())).toEqual([]);
  });

  it('reports every kind of problem with its path', () => {
    const plan = threeChannels();
    plan.scenarios = [
      scenario('s1', 'ghost', [
        adj({ kind: 'set', value: 5 }, { id: 'x', target: { kind: 'channels', ids: ['a', 'zz'] } }),
        adj({ kind: 'scale', percent: Number.POSITIVE_INFINITY }, { id: 'x', from: '2027-1', to: '2027-02' }),
        adj({ kind: 'add', value: 1 }, { id: 'y', from: '2027-05', to: '2027-02', slider: { min: 3, max: 3, step: 0 } }),
        adj({ kind: 'move', from: 'zz', to: 'a', amount: Number.NaN }, { id: 'z' }),
        adj({ kind: 'move', from: 'a', to: 'a', amount: 1.5 }, { id: 'w' }),
        adj({ kind: 'set', value: 1.5 }, { id: 'v', driver: 'conversion', target: { kind: 'type', type: 'nope' as never } }),
        adj({ kind: 'scale', percent: 5 }, { id: 'u', target: { kind: 'role', role: 'leading' as never } }),
      ]),
      scenario('s1', null, []),
      scenario('p', 'q', []),
      scenario('q', 'p', []),
    ];
    plan.cannibalisation = [
      { from: 'a', to: 'b', rate: 0.1 },
      { from: 'a', to: 'b', rate: 1.2 },
      { from: 'c', to: 'c', rate: 0.1 },
      { from: 'zz', to: 'a', rate: Number.NaN },
    ];
    const got = validateScenarios(plan).map((p) => [p.path.join('.'), p.code]);
    const s = 'scenarios.0.adjustments';
    expect(got).toEqual([
      [`${s}.0.target.ids.1`, 'unknownRef'],
      [`${s}.1.id`, 'duplicateId'],
      [`${s}.1.from`, 'invalidValue'],
      [`${s}.1.op.percent`, 'notFinite'],
      [`${s}.2.to`, 'outOfRange'],
      [`${s}.2.slider.max`, 'outOfRange'],
      [`${s}.2.slider.step`, 'outOfRange'],
      [`${s}.3.op.from`, 'unknownRef'],
      [`${s}.3.op.amount`, 'notFinite'],
      [`${s}.4.op.to`, 'invalidValue'],
      [`${s}.4.op.amount`, 'notInteger'],
      [`${s}.5.target.type`, 'invalidValue'],
      [`${s}.5.op.value`, 'outOfRange'],
      [`${s}.6.target.role`, 'invalidValue'],
      ['scenarios.1.id', 'duplicateId'],
      ['scenarios.0.parentId', 'unknownRef'],
      ['scenarios.2.parentId', 'invalidValue'],
      ['scenarios.3.parentId', 'invalidValue'],
      ['cannibalisation.1.rate', 'outOfRange'],
      ['cannibalisation.1', 'duplicateId'],
      ['cannibalisation.2.to', 'invalidValue'],
      ['cannibalisation.3.from', 'unknownRef'],
      ['cannibalisation.3.rate', 'notFinite'],
    ]);
  });
});

describe('engine api with scenarios', () => {
  it('computes a scenario and returns its problems alongside', () => {
    const plan = threeChannels();
    plan.scenarios = [scenario('s', null, [adj({ kind: 'set', value: 0 }, { target: { kind: 'channels', ids: ['a', 'zz'] } })])];
    const out = engineApi.compute(plan, 's');
    expect(out.result.flows.spend[0]).toBe(0);
    expect(out.result.adjustmentNotices).toEqual([{ adjustmentId: 'adj', scenarioId: 's', kind: 'unknownChannel', channelId: 'zz' }]);
    expect(out.scenarioProblems.map((p) => p.path.join('.'))).toEqual(['scenarios.0.adjustments.0.target.ids.1']);
    expect(engineApi.compute(plan).result.flows.spend[0]).toBe(M);
    const many = engineApi.computeMany(plan, [null, 's']);
    expect(many.map((o) => o.result.flows.spend[0])).toEqual([M, 0]);
    for (const key of DRIVER_KEYS) expect(many[1].result.drivers[key].length).toBe(36);
  });
});
