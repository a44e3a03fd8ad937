import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { channelPnl, PNL_MONEY } from '../../../src/ui/report/channelPnl';
import { addRebate, simpleChannel, simplePlan } from '../engine/planFixtures';

describe('per-channel P&L of the printable report', () => {
  it('matches a hand calculation for a plan with round numbers', () => {
    const plan = simplePlan([simpleChannel('a')]);
    const pnl = channelPnl(plan, [{ id: null, name: 'Baseline', result: computePlan(plan) }]);
    // Per month: traffic 10,000 + 10,000·1/2 = 15,000 → 300 orders × ¥200 = ¥60,000 gross;
    // net = 60,000 × 0.9 × 0.8 = ¥43,200; gross profit ¥21,600; variable cost ¥2,160;
    // contribution = 21,600 − 2,160 − 5,000 fixed − 10,000 spend = ¥4,440. Twelve months, in fen.
    const line = pnl.channels[0].lines[0];
    expect(line.money).toEqual({
      netRevenue: 51_840_000,
      grossProfit: 25_920_000,
      variableCost: 2_592_000,
      rebate: 0,
      fixedCost: 6_000_000,
      spend: 12_000_000,
      contribution: 5_328_000,
    });
    expect(line.roi).toBeCloseTo(5_328_000 / 18_000_000, 12);
    expect(pnl.hasRebate).toBe(false);
  });

  it('adds up across a row, and the totals are the sums of the channels, for every scenario', () => {
    const plan = generateSyntheticPlan({ channels: 6, periods: 24, seed: 5 });
    addRebate(plan, 2, 'retroactive', 'quarter', [0.5, 1.2]);
    const more = structuredClone(plan);
    more.channels[0].drivers.spend.base *= 1.5;
    const items = [
      { id: null, name: 'Baseline', result: computePlan(plan) },
      { id: 's', name: 'More', result: computePlan(more) },
    ];
    const pnl = channelPnl(plan, items);
    expect(pnl.hasRebate).toBe(true);
    expect(pnl.channels).toHaveLength(6);
    items.forEach((_, s) => {
      for (const ch of pnl.channels) {
        const m = ch.lines[s].money;
        expect(m.grossProfit - m.variableCost - m.rebate - m.fixedCost - m.spend).toBe(m.contribution);
      }
      for (const key of PNL_MONEY) {
        expect(pnl.channels.reduce((a, ch) => a + ch.lines[s].money[key], 0)).toBe(pnl.totals[s].money[key]);
      }
      const t = pnl.totals[s].money;
      expect(pnl.totals[s].roi).toBeCloseTo(t.contribution / (t.spend + t.fixedCost), 12);
    });
    // Only the channel whose spend changed has another spend in the scenario.
    expect(pnl.channels[0].lines[1].money.spend).toBeGreaterThan(pnl.channels[0].lines[0].money.spend);
    expect(pnl.channels[1].lines[1].money.spend).toBe(pnl.channels[1].lines[0].money.spend);
  });
});
