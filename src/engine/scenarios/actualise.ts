/**
 * Actualise a scenario through month M (docs/model.md#actualise): the drivers of the months up to M
 * that the actuals cover are solved back from the actuals, so the ordinary formula graph reproduces
 * them; later months keep the plan or are set to the stored re-forecast. Working on drivers (not on
 * results) keeps one way of computing: every view, roll-up, export and comparison of the scenario
 * shows the same numbers.
 */
import { curveTraffic } from '../curve';
import type { DriverSeries } from '../driverSeries';
import { roundMoney } from '../money';
import { channelActuals } from '../variance/actualMonths';
import type { Actualise, Plan } from '../types';
import { cannibalisationPairs, type CannibalisationPair } from './cannibalisation';

/** A month of a channel whose actuals the drivers cannot reproduce, and why. */
export interface ActualiseNotice {
  channelId: string;
  month: string;
  kind:
    /** Net revenue given but the month has no orders to carry it (no traffic and no actual orders). */
    | 'noOrders'
    /** Returns or the channel margin take all of gross revenue: no net revenue can be reached. */
    | 'noNetRevenue'
    /** The re-forecast asks for revenue but the channel's conversion or AOV is zero. */
    | 'noRevenuePerVisit';
}

/** Net revenue of a cell with gross revenue `gross`, rounded as compute.ts rounds it. */
function netOfGross(gross: number, returnRate: number, channelMargin: number): number {
  const returns = roundMoney(gross * returnRate);
  return gross - returns - roundMoney((gross - returns) * channelMargin);
}

/**
 * The whole-minor-unit gross revenue whose net revenue is exactly `net`, or null when none is. Each
 * step of one unit of gross revenue raises net revenue by 0 or 1 unit (both deductions are rounded
 * fractions ≤ 1), so every integer is reached; a local walk from the unrounded answer finds it.
 */
export function grossForNet(net: number, returnRate: number, channelMargin: number): number | null {
  const keep = (1 - returnRate) * (1 - channelMargin);
  if (net === 0) return 0;
  if (!(keep > 0)) return null;
  let gross = Math.round(net / keep);
  for (let step = 0; step < 1_000_000; step++) {
    const got = netOfGross(gross, returnRate, channelMargin);
    if (got === net) return gross;
    gross += got < net ? 1 : -1;
  }
  return null;
}

/** Sets the cell's AOV so that its orders give gross revenue `gross` exactly after rounding. */
function setAov(series: DriverSeries, i: number, orders: number, gross: number): void {
  series.aov[i] = gross / orders;
}

/** Back-solves one actual month of one channel (cell index i). */
function actualMonth(
  plan: Plan, series: DriverSeries, c: number, i: number,
  actual: { spend: number | null; orders: number | null; netRevenue: number | null },
): ActualiseNotice['kind'] | null {
  const curve = plan.channels[c].curve;
  if (actual.spend !== null) series.spend[i] = roundMoney(actual.spend);
  const incremental = curveTraffic(curve, series.spend[i]);
  let traffic = series.baseTraffic[i] + incremental;
  if (actual.orders !== null) {
    const orders = actual.orders;
    if (orders > traffic) {
      // More orders than the plan's visitors: the visitors were more, at the plan's conversion
      // (or every visitor bought, when the plan has none).
      const conversion = series.conversion[i] > 0 ? series.conversion[i] : 1;
      traffic = orders / conversion;
      series.baseTraffic[i] = Math.max(0, traffic - incremental);
      traffic = series.baseTraffic[i] + incremental;
    }
    series.conversion[i] = traffic > 0 ? orders / traffic : 0;
  }
  if (actual.netRevenue === null) return null;
  const gross = grossForNet(actual.netRevenue, series.returnRate[i], series.channelMargin[i]);
  if (gross === null) return 'noNetRevenue';
  if (gross === 0) {
    series.aov[i] = 0;
    return null;
  }
  const orders = traffic * series.conversion[i];
  if (!(orders > 0)) return 'noOrders';
  setAov(series, i, orders, gross);
  return null;
}

/** Sets base traffic (or, when spend alone already brings more visitors, AOV) so net revenue = target. */
function reforecastMonth(plan: Plan, series: DriverSeries, c: number, i: number, target: number): ActualiseNotice['kind'] | null {
  const gross = grossForNet(roundMoney(target), series.returnRate[i], series.channelMargin[i]);
  if (gross === null) return 'noNetRevenue';
  const perVisit = series.conversion[i] * series.aov[i];
  if (gross === 0) {
    series.baseTraffic[i] = 0;
    series.aov[i] = 0;
    return null;
  }
  if (!(perVisit > 0)) return 'noRevenuePerVisit';
  const incremental = curveTraffic(plan.channels[c].curve, series.spend[i]);
  const traffic = gross / perVisit;
  if (traffic >= incremental) {
    series.baseTraffic[i] = traffic - incremental;
    // Recomputing traffic from its parts can move gross revenue by a rounding: pin it with AOV.
    setAov(series, i, (series.baseTraffic[i] + incremental) * series.conversion[i], gross);
  } else {
    series.baseTraffic[i] = 0;
    setAov(series, i, incremental * series.conversion[i], gross);
  }
  return null;
}

/** Net revenue of a cell before cannibalisation, and its spend-driven share, as compute.ts's revenueCell has them. */
function revenueBefore(plan: Plan, series: DriverSeries, c: number, i: number): { net: number; incremental: number; traffic: number } {
  const incremental = curveTraffic(plan.channels[c].curve, series.spend[i]);
  const traffic = series.baseTraffic[i] + incremental;
  const orders = traffic * series.conversion[i];
  const gross = roundMoney(orders * series.aov[i]);
  const returns = roundMoney(gross * series.returnRate[i]);
  const net = gross - returns - roundMoney((gross - returns) * series.channelMargin[i]);
  return { net, incremental, traffic };
}

/** The revenue each target cell will lose to cannibalisation with the drivers as they are now (minor units). */
function losses(plan: Plan, series: DriverSeries, pairs: readonly CannibalisationPair[], P: number, cells: ReadonlyMap<number, unknown>): Map<number, number> {
  const out = new Map<number, number>();
  for (const { from, to, rate } of pairs) {
    for (let t = 0; t < P; t++) {
      const j = to * P + t;
      if (!cells.has(j)) continue;
      // The same expression, in the same order, as compute.ts's cannibalisationLoss: equal to the bit.
      const { net, incremental, traffic } = revenueBefore(plan, series, from, from * P + t);
      if (traffic > 0) out.set(j, (out.get(j) ?? 0) + (rate * net * incremental) / traffic);
    }
  }
  return out;
}

interface Target {
  c: number;
  t: number;
  /** What the month's net revenue must be, after cannibalisation. */
  net: number | null;
  spend: number | null;
  orders: number | null;
  reforecast: boolean;
}

/** Passes of the cannibalisation fixed point; each settles one more link of a chain of pairs. */
const MAX_PASSES = 12;

/**
 * Applies `actualise` to resolved (and adjusted) drivers, in place. Months up to `through` that
 * the actuals give take them: spend = actual spend; conversion = actual orders ÷ the month's traffic;
 * AOV such that net revenue = actual net revenue to the minor unit. With `after: 'reforecast'`,
 * the months after `through` get the base traffic that makes net revenue = the re-forecast. Where
 * other channels cannibalise a channel, its revenue before cannibalisation is raised by what they
 * take, so that what is left is the actual (or re-forecast) figure.
 */
export function actualiseSeries(plan: Plan, series: DriverSeries, months: readonly string[], actualise: Actualise): ActualiseNotice[] {
  const P = months.length;
  const actuals = plan.actuals;
  let firstAfter = 0;
  while (firstAfter < P && months[firstAfter] <= actualise.through) firstAfter++;
  const targets = new Map<number, Target>();
  for (let c = 0; c < plan.channels.length; c++) {
    const id = plan.channels[c].id;
    if (actuals) {
      const spend = channelActuals(actuals, id, 'spend', months);
      const orders = channelActuals(actuals, id, 'orders', months);
      const netRevenue = channelActuals(actuals, id, 'netRevenue', months);
      for (let t = 0; t < firstAfter; t++) {
        if (spend[t] === null && orders[t] === null && netRevenue[t] === null) continue;
        targets.set(c * P + t, { c, t, net: netRevenue[t], spend: spend[t], orders: orders[t], reforecast: false });
      }
    }
    if (actualise.after !== 'reforecast') continue;
    const forecast = actualise.reforecast?.find((r) => r.channelId === id);
    if (!forecast) continue;
    for (let t = firstAfter; t < P; t++) {
      const target = forecast.netRevenue[t - firstAfter];
      if (typeof target !== 'number' || !Number.isFinite(target)) continue;
      targets.set(c * P + t, { c, t, net: roundMoney(target), spend: null, orders: null, reforecast: true });
    }
  }
  const solve = (i: number, x: Target, extra: number): ActualiseNotice['kind'] | null =>
    x.reforecast
      ? reforecastMonth(plan, series, x.c, i, (x.net ?? 0) + extra)
      : actualMonth(plan, series, x.c, i, { spend: x.spend, orders: x.orders, netRevenue: x.net === null ? null : x.net + extra });
  const kinds = new Map<number, ActualiseNotice['kind'] | null>();
  for (const [i, x] of targets) kinds.set(i, solve(i, x, 0));
  const pairs = cannibalisationPairs(plan);
  if (pairs.length > 0) {
    const extra = new Map<number, number>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let changed = false;
      for (const [i, loss] of losses(plan, series, pairs, P, targets)) {
        const x = targets.get(i)!;
        if (x.net === null) continue;
        const add = Math.max(0, roundMoney(loss));
        if (add === (extra.get(i) ?? 0)) continue;
        extra.set(i, add);
        kinds.set(i, solve(i, x, add));
        changed = true;
      }
      if (!changed) break;
    }
  }
  const notices: ActualiseNotice[] = [];
  for (const [i, kind] of kinds) {
    const x = targets.get(i)!;
    if (kind) notices.push({ channelId: plan.channels[x.c].id, month: months[x.t], kind });
  }
  return notices;
}
