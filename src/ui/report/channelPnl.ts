import type { PlanResult } from '../../engine/compute';
import { unionChannels } from '../../engine/lifecycle/resultPlan';
import { rollup, rollupValue } from '../../engine/rollup';
import type { Plan } from '../../engine/types';

/**
 * The columns of the per-channel P&L, left to right. Read across, they add up:
 * contribution = grossProfit − variableCost − rebate − fixedCost − spend (the engine's identity,
 * exact in minor units), so a reader can check any row with a calculator.
 */
export const PNL_MONEY = ['netRevenue', 'grossProfit', 'variableCost', 'rebate', 'fixedCost', 'spend', 'contribution'] as const;
export type PnlMoney = (typeof PNL_MONEY)[number];

export interface PnlLine {
  /** Whole-plan sums in minor units. */
  money: Record<PnlMoney, number>;
  /** contribution ÷ (spend + fixed cost); null when nothing was spent or fixed. */
  roi: number | null;
}

export interface PnlScenario {
  id: string | null;
  name: string;
  result: PlanResult;
}

export interface PnlChannelGroup {
  channelId: string;
  name: string;
  /** One line per scenario, in the order the scenarios were given (the baseline first). */
  lines: PnlLine[];
}

export interface ChannelPnl {
  channels: PnlChannelGroup[];
  /** Per scenario: the whole plan. Money is the exact sum of the channel lines. */
  totals: PnlLine[];
  /** Whether any line has a rebate: a column of zeros is left out of the printed table. */
  hasRebate: boolean;
}

/** The per-channel P&L of each scenario over the whole plan period. */
export function channelPnl(plan: Plan, scenarios: readonly PnlScenario[]): ChannelPnl {
  const byScenario = scenarios.map((s) => ({ channel: rollup(plan, s.result, 'channel', 'all'), total: rollup(plan, s.result, 'total', 'all') }));
  const line = (r: ReturnType<typeof rollup>, g: number): PnlLine => {
    const money = {} as Record<PnlMoney, number>;
    for (const m of PNL_MONEY) money[m] = r.flows[m][g];
    return { money, roi: rollupValue(r, 'roi', g, 0) };
  };
  // One group per channel of any scenario, matched by id: a channel a scenario lacks (launched in
  // another, or not in the baseline) has a line of zeros there.
  const zero = (): PnlLine => ({ money: Object.fromEntries(PNL_MONEY.map((m) => [m, 0])) as Record<PnlMoney, number>, roi: null });
  const channels = unionChannels(plan, scenarios.map((s) => s.result)).map((ch) => ({
    channelId: ch.id,
    name: ch.name,
    lines: byScenario.map((r) => {
      const g = r.channel.groupKeys.indexOf(ch.id);
      return g < 0 ? zero() : line(r.channel, g);
    }),
  }));
  const totals = byScenario.map((r) => line(r.total, 0));
  const hasRebate = totals.some((t) => t.money.rebate !== 0) || channels.some((c) => c.lines.some((l) => l.money.rebate !== 0));
  return { channels, totals, hasRebate };
}
