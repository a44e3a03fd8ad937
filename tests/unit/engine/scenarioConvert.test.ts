import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import { convertContext, driverLevel, switchDriver, switchOperation, targetedChannels } from '../../../src/engine/scenarios';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import type { Adjustment, AdjustmentOp, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

/**
 * a: ¥12,000 a month, main; b: ¥10,000, auxiliary; c: ¥30,000, auxiliary. Conversion 2 % everywhere.
 */
function plan(): Plan {
  const a = simpleChannel('a', { spend: { base: 1_200_000 } });
  const b = simpleChannel('b');
  b.role = 'auxiliary';
  const c = simpleChannel('c', { spend: { base: 3_000_000 } });
  c.role = 'auxiliary';
  c.type = 'liveStream';
  const p = simplePlan([a, b, c]);
  p.scenarios = [];
  return p;
}

function adj(op: AdjustmentOp, extra: Partial<Adjustment> = {}): Adjustment {
  return { id: 'adj', target: { kind: 'channels', ids: ['a'] }, driver: 'spend', op, enabled: true, ...extra };
}

function totalSpend(p: Plan, adjustments: Adjustment[]): number {
  const withScenario: Plan = { ...p, scenarios: [{ id: 's', name: 's', parentId: null, adjustments, notes: '' }] };
  return rollupValue(rollup(withScenario, computePlan(withScenario, 's'), 'total', 'all'), 'spend', 0, 0) ?? Number.NaN;
}

describe('targets', () => {
  it('picks channels by id, type, role or all, leaving unknown ids out', () => {
    const p = plan();
    expect(targetedChannels(p, { kind: 'all' })).toEqual([0, 1, 2]);
    expect(targetedChannels(p, { kind: 'type', type: 'liveStream' })).toEqual([2]);
    expect(targetedChannels(p, { kind: 'role', role: 'auxiliary' })).toEqual([1, 2]);
    expect(targetedChannels(p, { kind: 'role', role: 'main' })).toEqual([0]);
    expect(targetedChannels(p, { kind: 'channels', ids: ['c', 'zz', 'a'] })).toEqual([0, 2]);
  });

  it('measures a driver’s level per channel and month over a range', () => {
    const ctx = convertContext(plan());
    expect(driverLevel(ctx.series, ctx.months, [0, 2], 'spend')).toBe((1_200_000 + 3_000_000) / 2);
    expect(driverLevel(ctx.series, ctx.months, [], 'spend')).toBeNull();
    expect(driverLevel(ctx.series, ctx.months, [0], 'spend', '2030-01')).toBeNull();
  });

  it('writes and reads a role target in a plan file, and refuses a role the format does not know', () => {
    const p = plan();
    p.scenarios = [{ id: 's', name: 'Auxiliary −10 %', parentId: null, notes: '', adjustments: [adj({ kind: 'scale', percent: -10 }, { target: { kind: 'role', role: 'auxiliary' } })] }];
    const text = serialisePlanFile(p, { name: 'test', version: '0' });
    const back = parsePlanFile(text);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.plan.scenarios?.[0].adjustments[0].target).toEqual({ kind: 'role', role: 'auxiliary' });
    const bad = parsePlanFile(text.replace('"role": "auxiliary"\n', '"role": "leading"\n'));
    expect(bad.ok).toBe(false);
  });
});

describe('switching the operation keeps what the adjustment does', () => {
  const p = plan();
  const ctx = convertContext(p);

  it('scale +10 % of ¥12,000 becomes add ¥1,200 and set ¥13,200, never ¥0.10', () => {
    const scale = adj({ kind: 'scale', percent: 10 });
    expect(switchOperation(ctx, scale, 'add').op).toEqual({ kind: 'add', value: 120_000 });
    expect(switchOperation(ctx, scale, 'set').op).toEqual({ kind: 'set', value: 1_320_000 });
    // Each gives the same whole-plan spend as the scale it came from.
    const expected = totalSpend(p, [scale]);
    expect(totalSpend(p, [switchOperation(ctx, scale, 'add')])).toBe(expected);
    expect(totalSpend(p, [switchOperation(ctx, scale, 'set')])).toBe(expected);
  });

  it('add and set come back to the same percent', () => {
    expect(switchOperation(ctx, adj({ kind: 'add', value: 120_000 }), 'scale').op).toEqual({ kind: 'scale', percent: 10 });
    expect(switchOperation(ctx, adj({ kind: 'set', value: 900_000 }), 'scale').op).toEqual({ kind: 'scale', percent: -25 });
    expect(switchOperation(ctx, adj({ kind: 'set', value: 900_000 }), 'add').op).toEqual({ kind: 'add', value: -300_000 });
  });

  it('a rise becomes a move into the channel from the largest other spender, in money', () => {
    const moved = switchOperation(ctx, adj({ kind: 'scale', percent: 10 }), 'move');
    expect(moved.driver).toBe('spend');
    expect(moved.op).toEqual({ kind: 'move', from: 'c', to: 'a', amount: 120_000 });
  });

  it('a cut becomes a move out of the channel; a move of rates is measured on the channel’s spend', () => {
    expect(switchOperation(ctx, adj({ kind: 'add', value: -300_000 }), 'move').op).toEqual({ kind: 'move', from: 'a', to: 'c', amount: 300_000 });
    const conversion = switchOperation(ctx, adj({ kind: 'add', value: 0.005 }, { driver: 'conversion' }), 'move');
    expect(conversion.driver).toBe('spend');
    // Not 0.005 fen: the default tenth of the channel's spend.
    expect(conversion.op).toEqual({ kind: 'move', from: 'c', to: 'a', amount: 120_000 });
  });

  it('leaving a move targets its destination with the same money', () => {
    const move = adj({ kind: 'move', from: 'c', to: 'b', amount: 250_000 }, { target: { kind: 'all' } });
    const add = switchOperation(ctx, move, 'add');
    expect(add.target).toEqual({ kind: 'channels', ids: ['b'] });
    expect(add.op).toEqual({ kind: 'add', value: 250_000 });
    expect(switchOperation(ctx, move, 'scale').op).toEqual({ kind: 'scale', percent: 25 });
  });

  it('keeps set inside the driver’s bounds and rounds money to whole yuan', () => {
    const rate = adj({ kind: 'scale', percent: 80 }, { driver: 'returnRate' });
    // Return rate 10 % × 1.8 = 18 %.
    expect(switchOperation(ctx, rate, 'set').op).toEqual({ kind: 'set', value: 0.18 });
    const huge = adj({ kind: 'scale', percent: 1_000 }, { driver: 'conversion' });
    expect(switchOperation(ctx, { ...huge, op: { kind: 'scale', percent: 6_000 } }, 'set').op).toEqual({ kind: 'set', value: 1 });
    expect(switchOperation(ctx, adj({ kind: 'scale', percent: 3.333 }), 'add').op).toEqual({ kind: 'add', value: 40_000 });
  });

  it('works on role and type targets, measured on their channels', () => {
    const aux = adj({ kind: 'scale', percent: 10 }, { target: { kind: 'role', role: 'auxiliary' } });
    // Auxiliary channels average ¥20,000 a month.
    expect(switchOperation(ctx, aux, 'add').op).toEqual({ kind: 'add', value: 200_000 });
  });
});

describe('switching the driver keeps the relative change', () => {
  const ctx = convertContext(plan());

  it('add ¥1,200 on spend (+10 %) becomes +0.2 pp of a 2 % conversion, not 120,000', () => {
    const moved = switchDriver(ctx, adj({ kind: 'add', value: 120_000 }), 'conversion');
    expect(moved.driver).toBe('conversion');
    expect(moved.op).toEqual({ kind: 'add', value: 0.002 });
    expect(switchDriver(ctx, adj({ kind: 'set', value: 1_320_000 }), 'aov').op).toEqual({ kind: 'set', value: 22_000 });
    expect(switchDriver(ctx, adj({ kind: 'scale', percent: 7 }), 'aov').op).toEqual({ kind: 'scale', percent: 7 });
  });
});
