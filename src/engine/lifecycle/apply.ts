/**
 * What a scenario's launches and exits do to the resolved drivers (docs/model.md#channel-life-cycle).
 * Runs last in scenarioSeries, after the adjustments and levers, on a plan that already holds the
 * launched channels (withLaunches) — as channels, or as channel × region rows when the plan is computed
 * by region. Everything is expressed as drivers, so the cell formulas, and every identity of the P&L,
 * hold unchanged:
 *   launch  before the launch month: spend, base traffic, fixed cost and conversion 0;
 *           from it: conversion × ramp factor (ramp.ts); launch cost added to fixed cost in the launch month
 *   exit    from the exit month: spend, base traffic and fixed cost 0 (no traffic, so no orders);
 *           an exit at or before a channel's launch month cancels the launch (no cost, no demand)
 *   demand  share × the orders the exited channel would have had, added to a named channel's base
 *           traffic at that channel's conversion: base traffic += share · lost orders / conversion
 */
import { curveTraffic } from '../curve';
import type { DriverSeries } from '../driverSeries';
import { firstLeverPeriod } from '../levers/apply';
import type { Plan } from '../types';
import { lifecycleEvents } from './launches';
import { rampFactor } from './ramp';

/** Separator of a channel × region row id (regions/expand.ts rowId): the row belongs to the channel before it. */
const ROW_SEPARATOR = '\u241e';

/** Rows of `plan` (channels, or channel × region rows) per plan channel id. */
function rowsById(plan: Plan): Map<string, number[]> {
  const out = new Map<string, number[]>();
  plan.channels.forEach((ch, c) => {
    const k = ch.id.indexOf(ROW_SEPARATOR);
    const id = k < 0 ? ch.id : ch.id.slice(0, k);
    const rows = out.get(id);
    if (rows) rows.push(c);
    else out.set(id, [c]);
  });
  return out;
}

/** Index of the first period at or after `month` (months.length when it is after the plan). */
export function periodAtOrAfter(months: readonly string[], month: string): number {
  let t = 0;
  while (t < months.length && months[t] < month) t++;
  return t;
}

function orders(plan: Plan, s: DriverSeries, r: number, i: number): number {
  return (s.baseTraffic[i] + curveTraffic(plan.channels[r].curve, s.spend[i])) * s.conversion[i];
}

/** Applies the launches and exits of the scenario's chain to `series`, in place. */
export function applyLifecycle(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string | null): void {
  const { launches, exits } = lifecycleEvents(plan, scenarioId);
  if (launches.length === 0 && exits.length === 0) return;
  const P = months.length;
  const rows = rowsById(plan);
  const launched = new Map<string, number>();
  for (const l of launches) {
    const mine = rows.get(l.channel.id);
    // A duplicate id was left out of the plan (withLaunches); a second launch of one id is ignored.
    if (!mine || launched.has(l.channel.id)) continue;
    const t0 = periodAtOrAfter(months, l.month);
    launched.set(l.channel.id, t0);
    for (const r of mine) {
      for (let t = 0; t < P; t++) {
        const i = r * P + t;
        if (t < t0) {
          series.spend[i] = 0;
          series.baseTraffic[i] = 0;
          series.fixedCost[i] = 0;
          series.conversion[i] = 0;
        } else {
          series.conversion[i] *= rampFactor(t - t0, l.rampMonths, l.rampShape);
        }
      }
    }
    if (t0 < P && l.launchCost > 0) series.fixedCost[mine[0] * P + t0] += l.launchCost;
  }

  // Months a scenario has actualised keep their actuals: an exit acts after them (as the levers do).
  const first = firstLeverPeriod(plan, months, scenarioId);
  const closed = new Uint8Array(plan.channels.length * P);
  const lost: { from: number; orders: Float64Array; exit: (typeof exits)[number] }[] = [];
  for (const e of exits) {
    const mine = rows.get(e.channelId);
    if (!mine) continue;
    const from = Math.max(first, periodAtOrAfter(months, e.month));
    const o = new Float64Array(P);
    // A channel closed at or before its launch never opened: it has no customers to pass on.
    const neverOpened = launched.has(e.channelId) && from <= launched.get(e.channelId)!;
    if (!neverOpened) for (const r of mine) for (let t = from; t < P; t++) if (!closed[r * P + t]) o[t] += orders(plan, series, r, r * P + t);
    for (const r of mine) for (let t = from; t < P; t++) closed[r * P + t] = 1;
    lost.push({ from, orders: o, exit: e });
  }
  for (const { exit } of lost) {
    for (const r of rows.get(exit.channelId)!) {
      for (let t = 0; t < P; t++) {
        const i = r * P + t;
        if (!closed[i]) continue;
        series.spend[i] = 0;
        series.baseTraffic[i] = 0;
        series.fixedCost[i] = 0;
      }
    }
  }
  for (const { from, orders: o, exit } of lost) {
    for (const tr of exit.transfers) {
      const targets = rows.get(tr.channelId);
      if (!targets || tr.channelId === exit.channelId || !(tr.share > 0)) continue;
      for (let t = from; t < P; t++) moveDemand(plan, series, targets, closed, P, t, tr.share * o[t]);
    }
  }
}

/**
 * Adds `amount` orders to the open rows of a channel in period t, split by the rows' own orders (equally
 * when they have none). A row is open when it is not exited and converts (a channel not launched yet
 * has conversion 0). Demand with no open row to go to is lost.
 */
function moveDemand(plan: Plan, s: DriverSeries, targets: readonly number[], closed: Uint8Array, P: number, t: number, amount: number): void {
  if (!(amount > 0)) return;
  const open = targets.filter((r) => !closed[r * P + t] && s.conversion[r * P + t] > 0);
  if (open.length === 0) return;
  const weights = open.map((r) => orders(plan, s, r, r * P + t));
  const total = weights.reduce((a, b) => a + b, 0);
  open.forEach((r, k) => {
    const i = r * P + t;
    const part = total > 0 ? (amount * weights[k]) / total : amount / open.length;
    s.baseTraffic[i] += part / s.conversion[i];
  });
}
