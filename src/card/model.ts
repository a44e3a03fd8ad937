/**
 * What the plan card shows, computed from a plan with the planner's own engine: whole-plan totals,
 * the months, the channel mix, the scenarios, and the plan with the what-if sliders' spend applied.
 * Pure (no DOM), so the card's figures can be checked in Node against the same functions' inputs.
 */
import { computePlan, type PlanResult } from '../engine/compute';
import { resultPlan } from '../engine/lifecycle/resultPlan';
import { rollup, rollupValue } from '../engine/rollup';
import type { Channel, Driver, MetricKey, Plan } from '../engine/types';

/** The KPI tiles: the same set and order as the planner's own tiles. */
export const CARD_KPIS = ['spend', 'netRevenue', 'contribution', 'roi', 'cac', 'costRatio'] as const;
export type CardKpi = (typeof CARD_KPIS)[number];

/** Columns of the scenario table. */
export const TABLE_KPIS = ['netRevenue', 'contribution', 'grossProfit', 'spend', 'roi', 'costRatio'] as const;
export type TableKpi = (typeof TABLE_KPIS)[number];

export type Totals = Record<CardKpi | TableKpi, number | null>;

/** Whole-plan values of the card's KPIs (money in minor units, ratios as fractions; null = not defined). */
export function totals(plan: Plan, result: PlanResult): Totals {
  const r = rollup(plan, result, 'total', 'all');
  const out = {} as Totals;
  for (const m of new Set<MetricKey>([...CARD_KPIS, ...TABLE_KPIS])) out[m as CardKpi] = rollupValue(r, m, 0, 0);
  return out;
}

export interface MonthlySeries {
  months: string[];
  netRevenue: number[];
  contribution: number[];
}

export function monthly(plan: Plan, result: PlanResult): MonthlySeries {
  const r = rollup(plan, result, 'total', 'month');
  return {
    months: r.buckets.map((b) => b.key),
    netRevenue: Array.from(r.flows.netRevenue),
    contribution: Array.from(r.flows.contribution),
  };
}

export interface MixRow {
  name: string;
  color: string;
  spendShare: number;
  revenueShare: number;
  /** For the "other channels" row: how many channels it holds; 0 for a single channel. */
  others: number;
}

/**
 * Each channel's share of the plan's spend and net revenue, largest net revenue first; beyond `top`
 * channels the rest are one row, so a 50-channel plan still reads as a chart.
 */
export function channelMix(plan: Plan, result: PlanResult, top = 8): MixRow[] {
  const r = rollup(plan, result, 'channel', 'all');
  // A scenario's launches are channels of the result, not of the plan.
  const byId = new Map(resultPlan(plan, result).channels.map((c) => [c.id, c] as const));
  const sumSpend = r.flows.spend.reduce((a, v) => a + v, 0);
  const sumRevenue = r.flows.netRevenue.reduce((a, v) => a + v, 0);
  const share = (v: number, sum: number): number => (sum > 0 ? v / sum : 0);
  const rows = r.groupKeys.map((id, g) => ({
    name: byId.get(id)?.name ?? id,
    color: byId.get(id)?.color ?? '#94a3b8',
    spendShare: share(r.flows.spend[g], sumSpend),
    revenueShare: share(r.flows.netRevenue[g], sumRevenue),
    others: 0,
  }));
  rows.sort((a, b) => b.revenueShare - a.revenueShare || b.spendShare - a.spendShare);
  if (rows.length <= top + 1) return rows;
  const rest = rows.slice(top);
  const other: MixRow = {
    name: '',
    color: '#94a3b8',
    spendShare: rest.reduce((a, x) => a + x.spendShare, 0),
    revenueShare: rest.reduce((a, x) => a + x.revenueShare, 0),
    others: rest.length,
  };
  return [...rows.slice(0, top), other];
}

export interface ScenarioRow {
  id: string | null;
  name: string;
  totals: Totals;
}

/** The baseline, then every scenario of the plan in plan order, each with its whole-plan totals. */
export function scenarioRows(plan: Plan, baselineName: string): ScenarioRow[] {
  return [
    { id: null, name: baselineName, totals: totals(plan, computePlan(plan, null)) },
    ...plan.scenarios.map((s) => ({ id: s.id, name: s.name, totals: totals(plan, computePlan(plan, s.id)) })),
  ];
}

/** Spend of every channel and region over the whole plan (minor units), from a result. */
export function spendByChannel(plan: Plan, result: PlanResult): Map<string, number> {
  const r = rollup(plan, result, 'channel', 'all');
  return new Map(r.groupKeys.map((id, g) => [id, r.flows.spend[g]] as const));
}

function scaled(d: Driver, f: number): Driver {
  const out: Driver = { ...d, base: d.base * f };
  if (d.overrides) out.overrides = Object.fromEntries(Object.entries(d.overrides).map(([k, v]) => [k, v * f]));
  return out;
}

/**
 * The plan with each channel's spend multiplied by its factor in every month: the base, the months
 * typed over it and the spend a region has of its own. Growth and seasonality are multipliers, so
 * they keep their shape. Channels without a factor (or with 1) are the plan's own objects.
 */
export function withSpendFactors(plan: Plan, factors: ReadonlyMap<string, number>): Plan {
  const channels = plan.channels.map((ch): Channel => {
    const f = factors.get(ch.id);
    if (f === undefined || f === 1) return ch;
    const next: Channel = { ...ch, drivers: { ...ch.drivers, spend: scaled(ch.drivers.spend, f) } };
    if (ch.regionDrivers) {
      next.regionDrivers = Object.fromEntries(
        Object.entries(ch.regionDrivers).map(([region, drivers]) => [region, drivers.spend ? { ...drivers, spend: scaled(drivers.spend, f) } : drivers]),
      );
    }
    return next;
  });
  return { ...plan, channels };
}
