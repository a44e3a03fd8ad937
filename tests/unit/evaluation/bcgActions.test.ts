import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import {
  actionAdjustments,
  actionEffect,
  actionExit,
  actionScenario,
  exitEffect,
  bcgInputs,
  minimumSpendPerPeriod,
  QUADRANT_ACTIONS,
  quadrantWarnings,
  type ChannelReturns,
  type QuadrantAction,
} from '../../../src/engine/evaluation/bcg';
import type { Plan } from '../../../src/engine/types';
import { addRebate, simpleChannel, simplePlan } from '../engine/planFixtures';

const EXIT = QUADRANT_ACTIONS.dog[0];
const CUT = QUADRANT_ACTIONS.dog[1];
const STAR = QUADRANT_ACTIONS.star[0];
const QM = QUADRANT_ACTIONS.questionMark[0];

function ids(): () => string {
  let n = 0;
  return () => `adj-${n++}`;
}

/** Three channels; b carries a rebate, a's revenue takes 30 % of b's incremental revenue and b's takes 20 % of c's. */
function threeChannels(): Plan {
  const plan = simplePlan([simpleChannel('a', { spend: { base: 2_000_000 } }), simpleChannel('b', { spend: { base: 1_500_000 } }), simpleChannel('c')], 24);
  addRebate(plan, 1, 'retroactive', 'quarter', [0.5, 0.9]);
  plan.cannibalisation = [{ from: 'a', to: 'b', rate: 0.3 }, { from: 'b', to: 'c', rate: 0.2 }];
  return plan;
}

function withScenario(plan: Plan, channelId: string, action: QuadrantAction, parentId: string | null = null, questionMarkPercent?: number): Plan {
  const s = actionScenario(plan, channelId, action, { scenarioId: 'act', newId: ids(), name: 'act', parentId, questionMarkPercent });
  return { ...plan, scenarios: [...(plan.scenarios ?? []), s] };
}

describe('quadrant actions', () => {
  it('recommends one action per quadrant, and two for a dog: exit or cut to the minimum', () => {
    expect(QUADRANT_ACTIONS.star).toEqual([{ key: 'investToHold', change: { kind: 'scale', percent: 10 } }]);
    expect(QUADRANT_ACTIONS.cashCow).toEqual([{ key: 'maintainAndHarvest', change: { kind: 'scale', percent: -10 } }]);
    expect(QUADRANT_ACTIONS.questionMark).toEqual([{ key: 'investSelectively', change: { kind: 'scale', percent: 20 } }]);
    expect(QUADRANT_ACTIONS.dog).toEqual([
      { key: 'exit', change: { kind: 'exit' } },
      { key: 'cutToMinimum', change: { kind: 'toMinimum' } },
    ]);
    expect(Object.isFrozen(QUADRANT_ACTIONS.dog[0].change)).toBe(true);
  });

  it('exit is a life-cycle exit from the first month (no adjustments), with the transfers picked', () => {
    const plan = threeChannels();
    expect(actionAdjustments(plan, 'b', EXIT, ids())).toEqual([]);
    const s = actionScenario(plan, 'b', EXIT, { scenarioId: 'x', newId: ids(), name: 'x', transfers: [{ channelId: 'c', share: 0.3 }] });
    expect(s.exits).toEqual([{ channelId: 'b', month: '2027-01', transfers: [{ channelId: 'c', share: 0.3 }] }]);
    expect(actionExit(plan, 'b', '2027-06')).toEqual({ channelId: 'b', month: '2027-06', transfers: [] });
  });

  it('an exit that moves demand: its effect is the trial scenario’s change, and the receiving channel gains', () => {
    const plan = threeChannels();
    const res = computePlan(plan);
    const window = bcgInputs(plan, res, 'yoy').window;
    const exit = actionExit(plan, 'b', undefined, [{ channelId: 'c', share: 0.5 }]);
    const withExit = { ...plan, scenarios: [{ id: 'e', name: 'e', parentId: null, adjustments: [], notes: '', exits: [exit] }] };
    const after = computePlan(withExit, 'e');
    const sum = (v: Float64Array, from: number, to: number) => v.subarray(from, to).reduce((a, b) => a + b, 0);
    const total = (r: typeof res) => [0, 1, 2].reduce((a, c) => a + sum(r.flows.contribution, c * r.periods + window.start, c * r.periods + window.end), 0);
    expect(exitEffect(plan, res, exit, window)).toBeCloseTo(total(after) - total(res), 6);
    const noMove = exitEffect(plan, res, actionExit(plan, 'b'), window);
    expect(exitEffect(plan, res, exit, window)).toBeGreaterThan(noMove);
  });

  it('an exited channel has zero net revenue, costs and contribution in every period, rebate and cannibalisation included', () => {
    const plan = withScenario(threeChannels(), 'b', EXIT);
    const base = computePlan(plan);
    const exited = computePlan(plan, 'act');
    expect(exited.adjustmentNotices).toEqual([]);
    const P = exited.periods;
    // b had a rebate and lost revenue to a: all of it is gone with the channel.
    expect(base.flows.rebate.subarray(P, 2 * P).some((v) => v > 0)).toBe(true);
    for (let t = 0; t < P; t++) {
      const i = P + t;
      for (const m of ['spend', 'fixedCost', 'traffic', 'orders', 'grossRevenue', 'netRevenue', 'channelCost', 'rebate', 'contribution'] as const) {
        expect(exited.flows[m][i], `${m} in period ${t}`).toBe(0);
      }
      // a is untouched; c no longer loses revenue to b, so it earns more.
      expect(exited.flows.contribution[t]).toBe(base.flows.contribution[t]);
      expect(exited.flows.netRevenue[2 * P + t]).toBeGreaterThan(base.flows.netRevenue[2 * P + t]);
    }
  });

  it('cut to the minimum keeps the channel open: its fixed cost and base traffic stay', () => {
    const plan = threeChannels();
    plan.budgetBounds = [{ channelId: 'b', min: 2_400_000 }];
    expect(minimumSpendPerPeriod(plan, 'b')).toBe(100_000);
    expect(actionAdjustments(plan, 'b', CUT, ids())).toEqual([{ id: 'adj-0', target: { kind: 'channels', ids: ['b'] }, driver: 'spend', op: { kind: 'set', value: 100_000 }, enabled: true }]);
    const cut = computePlan(withScenario(plan, 'b', CUT), 'act');
    const P = cut.periods;
    for (let t = 0; t < P; t++) {
      expect(cut.flows.spend[P + t]).toBe(100_000);
      expect(cut.flows.fixedCost[P + t]).toBe(500_000);
      expect(cut.flows.baseTraffic[P + t]).toBe(10_000);
      expect(cut.flows.netRevenue[P + t]).toBeGreaterThan(0);
    }
    // Rounded up so the channel never ends below its minimum: 2,400,001 / 24 → 100,001 a month.
    plan.budgetBounds = [{ channelId: 'b', min: 2_400_001 }];
    expect(minimumSpendPerPeriod(plan, 'b')).toBe(100_001);
    expect(minimumSpendPerPeriod(plan, 'a')).toBe(0);
  });

  it('scales spend for stars, cash cows and question marks (the user’s percent for question marks only)', () => {
    const plan = threeChannels();
    expect(actionAdjustments(plan, 'a', STAR, ids())[0].op).toEqual({ kind: 'scale', percent: 10 });
    expect(actionAdjustments(plan, 'a', QUADRANT_ACTIONS.cashCow[0], ids())[0].op).toEqual({ kind: 'scale', percent: -10 });
    expect(actionAdjustments(plan, 'a', QM, ids(), { questionMarkPercent: 35 })[0].op).toEqual({ kind: 'scale', percent: 35 });
    expect(actionAdjustments(plan, 'a', STAR, ids(), { questionMarkPercent: 35 })[0].op).toEqual({ kind: 'scale', percent: 10 });
    expect(() => actionAdjustments(plan, 'a', QM, ids(), { questionMarkPercent: Number.NaN })).toThrow(RangeError);
    expect(() => actionAdjustments(plan, 'a', QM, ids(), { questionMarkPercent: -101 })).toThrow(RangeError);
  });

  it('builds the scenario on the one the matrix was computed on, and refuses an unknown channel', () => {
    const plan = threeChannels();
    const s = actionScenario(plan, 'a', STAR, { scenarioId: 's1', newId: ids(), name: 'Star', notes: 'n', parentId: 'base' });
    expect(s).toMatchObject({ id: 's1', name: 'Star', notes: 'n', parentId: 'base' });
    expect(actionScenario(plan, 'a', STAR, { scenarioId: 's1', newId: ids(), name: 'Star' }).parentId).toBeNull();
    expect(() => actionScenario(plan, 'nope', STAR, { scenarioId: 's1', newId: ids(), name: 'x' })).toThrow(RangeError);
  });
});

describe('action effects', () => {
  const sum = (v: Float64Array, from: number, to: number) => v.subarray(from, to).reduce((a, b) => a + b, 0);

  it('equal computing the action’s scenario on top of the scenario on screen, coupled or not', () => {
    const plan = threeChannels();
    plan.channels.push(simpleChannel('d', { spend: { base: 800_000 } }));
    plan.scenarios = [{ id: 'parent', name: 'p', parentId: null, notes: '', adjustments: [
      { id: 'x', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 25 }, enabled: true },
    ] }];
    for (const parentId of [null, 'parent']) {
      const on = computePlan(plan, parentId);
      const window = bcgInputs(plan, on, 'yoy').window;
      const P = on.periods;
      const C = plan.channels.length;
      const total = (r: typeof on) => {
        let s = 0;
        for (let c = 0; c < C; c++) s += sum(r.flows.contribution, c * P + window.start, c * P + window.end);
        return s;
      };
      // a, b and c are tied by cannibalisation (the whole plan is recomputed); d stands alone.
      for (const [c, id] of [[0, 'a'], [1, 'b'], [3, 'd']] as const) {
        for (const action of [EXIT, CUT, STAR, QM]) {
          const expected = total(computePlan(withScenario(plan, id, action, parentId, 30), 'act')) - total(on);
          const got =
            action.change.kind === 'exit'
              ? exitEffect(plan, on, actionExit(plan, id), window)
              : actionEffect(plan, on, c, actionAdjustments(plan, id, action, ids(), { questionMarkPercent: 30 }), window);
          expect(got, `${parentId} ${id} ${action.key}`).toBeCloseTo(expected, 4);
        }
      }
    }
  });

  it('exit gains exactly the loss a money-losing channel made, and loses what a profitable one earned', () => {
    const plan = simplePlan([simpleChannel('a'), simpleChannel('loser', { fixedCost: { base: 50_000_000 } })], 12);
    const res = computePlan(plan);
    const window = bcgInputs(plan, res, 'pop').window;
    const own = (c: number) => sum(res.flows.contribution, c * 12, c * 12 + 12);
    expect(own(1)).toBeLessThan(0);
    expect(exitEffect(plan, res, actionExit(plan, 'loser'), window)).toBeCloseTo(-own(1), 6);
    expect(exitEffect(plan, res, actionExit(plan, 'a'), window)).toBeCloseTo(-own(0), 6);
  });
});

describe('warnings when a quadrant contradicts the returns', () => {
  const r = (roi: number | null, contribution: number, marginal: number | null): ChannelReturns => ({ roi, contribution, marginal });

  it('flags a dog with the best ROI or contribution, and a star or question mark that loses money', () => {
    const returns = [r(0.9, 5_000, 0.3), r(0.2, 9_000, -0.4), r(-0.1, -2_000, -0.2), r(0.5, 1_000, 0.1)];
    expect(quadrantWarnings(['dog', 'star', 'questionMark', 'cashCow'], returns)).toEqual([
      [{ kind: 'topRoi', roi: 0.9 }],
      [{ kind: 'pastProfit', marginal: -0.4 }],
      [{ kind: 'losesMoney', contribution: -2_000 }, { kind: 'pastProfit', marginal: -0.2 }],
      [],
    ]);
    expect(quadrantWarnings(['star', 'dog', 'dog', null], returns)).toEqual([[], [{ kind: 'topContribution', contribution: 9_000 }], [], []]);
    // A cash cow is large by definition: being the top earner is no contradiction of "harvest".
    expect(quadrantWarnings(['cashCow', 'cashCow', 'star', 'star'], returns)).toEqual([[], [], [{ kind: 'losesMoney', contribution: -2_000 }, { kind: 'pastProfit', marginal: -0.2 }], []]);
  });

  it('says nothing for a single channel or a channel without a position', () => {
    expect(quadrantWarnings(['dog'], [r(0.9, 5_000, 0.3)])).toEqual([[]]);
    expect(quadrantWarnings([null, 'star'], [r(0.9, 5_000, 0.3), r(0.1, 100, 0.1)])).toEqual([[], []]);
  });
});
