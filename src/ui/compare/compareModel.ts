import type { PlanResult } from '../../engine/compute';
import { unionChannels } from '../../engine/lifecycle/resultPlan';
import { rollup, rollupValue } from '../../engine/rollup';
import type { Channel, FlowMetric, MetricKey, Plan } from '../../engine/types';
import { deltaTone, relativeDelta, type Tone } from '../metricDirection';

/** KPIs compared across scenarios, in table order. */
export const COMPARE_KPIS: readonly MetricKey[] = ['netRevenue', 'contribution', 'spend', 'grossProfit', 'roi', 'roas', 'cac', 'costRatio'];

export interface ComparedScenario {
  id: string | null;
  name: string;
  result: PlanResult;
}

export interface KpiCell {
  value: number | null;
  /** In the metric's unit; for percent ratios a difference of fractions (0.04 = 4 percentage points). */
  delta: number | null;
  /** Relative change; null for percent ratios, whose change is read in percentage points. */
  deltaPct: number | null;
  /** Better or worse for the plan, by the metric's direction (a rising CAC is bad). */
  tone: Tone;
}

/** Whole-plan KPIs of each scenario with absolute and relative differences to the reference. */
export function kpiTable(plan: Plan, items: readonly ComparedScenario[], referenceIndex: number): KpiCell[][] {
  const values = items.map((it) => {
    const r = rollup(plan, it.result, 'total', 'all');
    return COMPARE_KPIS.map((m) => rollupValue(r, m, 0, 0));
  });
  const ref = values[referenceIndex] ?? values[0];
  return COMPARE_KPIS.map((_, k) =>
    values.map((v) => {
      const value = v[k];
      const base = ref?.[k] ?? null;
      const delta = value !== null && base !== null ? value - base : null;
      return { value, delta, deltaPct: relativeDelta(COMPARE_KPIS[k], value, base), tone: deltaTone(COMPARE_KPIS[k], delta) };
    }),
  );
}

/**
 * The channels of the compared scenarios: the plan's, then those only some scenarios launch. Rows of
 * every per-channel comparison follow this list and are matched by id, so a channel one side lacks
 * reads 0 there instead of taking another channel's place.
 */
export function comparedChannels(plan: Plan, items: readonly ComparedScenario[]): Channel[] {
  return unionChannels(plan, items.map((it) => it.result));
}

/** A flow of each channel of `channels` over the whole plan, per scenario (0 where a scenario lacks the channel). */
export function flowByChannel(plan: Plan, items: readonly ComparedScenario[], channels: readonly Channel[], metric: FlowMetric): number[][] {
  return items.map((it) => {
    const r = rollup(plan, it.result, 'channel', 'all');
    const at = new Map(r.groupKeys.map((id, g) => [id, g] as const));
    return channels.map((ch) => {
      const g = at.get(ch.id);
      return g === undefined ? 0 : r.flows[metric][g];
    });
  });
}

/** Each channel's whole-plan contribution in each scenario (rows: comparedChannels). */
export function contributionByChannel(plan: Plan, items: readonly ComparedScenario[]): number[][] {
  return flowByChannel(plan, items, comparedChannels(plan, items), 'contribution');
}

export interface WaterfallStep {
  label: string;
  /** Invisible base of the bar, and its visible rise or fall. */
  base: number;
  up: number;
  down: number;
  /** Start and end bars are totals, not steps. */
  total: boolean;
}

/**
 * Contribution from the reference to a scenario, one step per channel whose contribution changed:
 * start total, the channel deltas (each bar floats on the running total), end total.
 */
export function contributionWaterfall(channels: readonly Channel[], from: readonly number[], to: readonly number[], startLabel: string, endLabel: string): WaterfallStep[] {
  const startTotal = from.reduce((a, v) => a + v, 0);
  const steps: WaterfallStep[] = [{ label: startLabel, base: 0, up: startTotal, down: 0, total: true }];
  let running = startTotal;
  channels.forEach((ch, g) => {
    const d = (to[g] ?? 0) - (from[g] ?? 0);
    if (d === 0) return;
    const next = running + d;
    steps.push({ label: ch.name, base: Math.min(running, next), up: d > 0 ? d : 0, down: d < 0 ? -d : 0, total: false });
    running = next;
  });
  steps.push({ label: endLabel, base: 0, up: running, down: 0, total: true });
  return steps;
}
