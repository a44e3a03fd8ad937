/**
 * Every view that sets a scenario beside the baseline or another scenario, with a channel that exists
 * on one side only: it must be a row of its own with 0 on the other side, never dropped from the
 * totals and never shown in another channel's place.
 */
import { describe, expect, it } from 'vitest';
import { computePlan, type PlanResult } from '../../../src/engine/compute';
import { resultPlan, unionChannels } from '../../../src/engine/lifecycle';
import { optimiseBudget } from '../../../src/engine/optimiser';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import type { ChannelLaunch, Plan, Scenario } from '../../../src/engine/types';
import { naiveMonteCarlo } from '../../../src/engine/uncertainty/naive';
import { varianceGrid } from '../../../src/engine/variance/variance';
import { en, type MessageKey } from '../../../src/i18n/en';
import { comparedChannels, contributionByChannel, contributionWaterfall, kpiTable } from '../../../src/ui/compare/compareModel';
import { planWorkbook, SCENARIO_KPIS } from '../../../src/ui/export/planWorkbook';
import { channelPnl } from '../../../src/ui/report/channelPnl';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

function launch(id: string, month = '2027-03'): ChannelLaunch {
  return { channel: { ...simpleChannel(id), name: `New ${id}` }, month, rampMonths: 2, rampShape: 'linear', launchCost: 300_000 };
}

function scenario(id: string, extra: Partial<Scenario>): Scenario {
  return { id, name: id, parentId: null, adjustments: [], notes: '', ...extra };
}

/** a, b in the baseline; "x" launches x, "y" launches y and exits a (half of a's orders to y). */
function fixture(): Plan {
  const plan = simplePlan([simpleChannel('a'), simpleChannel('b')]);
  plan.scenarios = [
    scenario('x', { launches: [launch('x')] }),
    scenario('y', { launches: [launch('y', '2027-05')], exits: [{ channelId: 'a', month: '2027-06', transfers: [{ channelId: 'y', share: 0.5 }] }] }),
  ];
  return plan;
}

/** Whole-plan flow of one channel, summed from the engine's cells (0 when the result lacks it). */
function own(res: PlanResult, id: string, m: 'contribution' | 'netRevenue' | 'spend'): number {
  const c = res.channelIds.indexOf(id);
  if (c < 0) return 0;
  return res.flows[m].subarray(c * res.periods, (c + 1) * res.periods).reduce((a, v) => a + v, 0);
}

const total = (res: PlanResult, m: 'contribution' | 'netRevenue' | 'spend') => res.channelIds.reduce((a, id) => a + own(res, id, m), 0);

describe('roll-ups take the result’s channels', () => {
  it('totals include a launched channel; by channel it is a row of its own', () => {
    const plan = fixture();
    const res = computePlan(plan, 'x');
    expect(rollup(plan, res, 'total', 'all').flows.contribution[0]).toBe(total(res, 'contribution'));
    const byChannel = rollup(plan, res, 'channel', 'all');
    expect(byChannel.groupKeys).toEqual(['a', 'b', 'x']);
    expect(byChannel.flows.netRevenue[2]).toBe(own(res, 'x', 'netRevenue'));
    expect(own(res, 'x', 'netRevenue')).toBeGreaterThan(0);
    expect(resultPlan(plan, res).channels.map((c) => c.name)).toEqual(['a', 'b', 'New x']);
    expect(rollupValue(rollup(plan, res, 'type', 'all'), 'netRevenue', 0, 0)).toBe(total(res, 'netRevenue'));
  });
});

describe('Compare tab', () => {
  const plan = fixture();
  const items = [null, 'x', 'y'].map((id) => ({ id, name: id ?? 'Baseline', result: computePlan(plan, id) }));

  it('has one row per channel of any scenario, matched by id, 0 where a scenario lacks it', () => {
    expect(comparedChannels(plan, items).map((c) => c.id)).toEqual(['a', 'b', 'x', 'y']);
    const by = contributionByChannel(plan, items);
    // baseline: x and y are 0; x: y is 0; y: x is 0 (both sit at index 2 of their own results)
    expect(by[0][2]).toBe(0);
    expect(by[0][3]).toBe(0);
    expect(by[1][2]).toBe(own(items[1].result, 'x', 'contribution'));
    expect(by[1][3]).toBe(0);
    expect(by[2][2]).toBe(0);
    expect(by[2][3]).toBe(own(items[2].result, 'y', 'contribution'));
    expect(by[2][0]).toBe(own(items[2].result, 'a', 'contribution'));
  });

  it('KPI deltas and the waterfall count the launched channel', () => {
    const table = kpiTable(plan, items, 0);
    const k = ['netRevenue', 'contribution', 'spend'] as const;
    for (const m of k) {
      const row = table[['netRevenue', 'contribution', 'spend'].indexOf(m)];
      expect(row[1].delta).toBe(total(items[1].result, m) - total(items[0].result, m));
    }
    const channels = comparedChannels(plan, items);
    const by = contributionByChannel(plan, items);
    const steps = contributionWaterfall(channels, by[0], by[1], 'Start', 'End');
    expect(steps.map((s) => s.label)).toEqual(['Start', 'New x', 'End']);
    expect(steps[steps.length - 1].up).toBe(total(items[1].result, 'contribution'));
  });
});

describe('report P&L', () => {
  it('lists every channel of every scenario with zeros where it is absent; totals are exact sums', () => {
    const plan = fixture();
    const pnl = channelPnl(plan, [null, 'x', 'y'].map((id) => ({ id, name: id ?? 'Baseline', result: computePlan(plan, id) })));
    expect(pnl.channels.map((c) => c.channelId)).toEqual(['a', 'b', 'x', 'y']);
    expect(pnl.channels[2].lines[0].money.netRevenue).toBe(0);
    expect(pnl.channels[2].lines[1].money.fixedCost).toBeGreaterThan(300_000);
    for (let s = 0; s < 3; s++) {
      expect(pnl.totals[s].money.contribution).toBe(pnl.channels.reduce((a, c) => a + c.lines[s].money.contribution, 0));
    }
  });
});

describe('workbook', () => {
  it('scenario KPIs include launched channels and the assumptions list launches and exits', () => {
    const plan = fixture();
    const t = (key: MessageKey, params?: Record<string, string | number>): string => en[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));
    const baseline = computePlan(plan);
    const scenarios = plan.scenarios.map((s) => ({ id: s.id, name: s.name, result: computePlan(plan, s.id) }));
    const sheets = planWorkbook({ plan, baseline, scenarios, locale: 'en', t, describe: () => '', describeLifecycle: (s) => (s.launches ?? []).map((l) => `launch ${l.channel.name}`) });
    const kpis = sheets.find((s) => s.name === t('xport.sheet.scenarios'))!;
    const row = kpis.rows[1 + SCENARIO_KPIS.indexOf('netRevenue')];
    const value = (cell: unknown): number => (typeof cell === 'object' && cell !== null && 'value' in cell ? Number((cell as { value: unknown }).value) : Number(cell));
    // money cells are in yuan
    expect(value(row[2])).toBeCloseTo(total(scenarios[0].result, 'netRevenue') / 100, 6);
    const assumptions = sheets.find((s) => s.name === t('xport.sheet.assumptions'))!;
    expect(assumptions.rows.some((r) => r[1] === 'launch New x')).toBe(true);
  });
});

describe('variance, Monte Carlo and the optimiser on a scenario with a launch', () => {
  it('variance has a row for the launched channel (no actuals)', () => {
    const plan = fixture();
    const rows = varianceGrid(plan, computePlan(plan, 'x'), 'netRevenue');
    expect(rows.map((r) => r.key)).toEqual(['a', 'b', 'x']);
  });

  it('Monte Carlo of a scenario totals its launched channel too', () => {
    const plan = fixture();
    const res = computePlan(plan, 'y');
    const chunk = naiveMonteCarlo(plan, { scenarioId: 'y', uncertainty: [{ id: 'u', channelId: 'b', driver: 'conversion', low: 0.02, high: 0.02, distribution: 'uniform' }] }, 1, 1);
    // a range of zero width: the draw is the plan itself (up to the rounding of money lines)
    expect(Math.abs(chunk.totalNetRevenue[0] - total(res, 'netRevenue'))).toBeLessThan(res.channelIds.length * res.periods);
  });

  it('the optimiser of a scenario allocates to its launched channel', () => {
    const plan = fixture();
    const out = optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: 30_000_000, scenarioId: 'x', bounds: [] });
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.allocations.map((a) => a.channelId)).toEqual(['a', 'b', 'x']);
  });

  it('unionChannels keeps the plan order first', () => {
    const plan = fixture();
    expect(unionChannels(plan, [computePlan(plan, 'y'), computePlan(plan, 'x')]).map((c) => c.id)).toEqual(['a', 'b', 'y', 'x']);
  });
});
