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

/**
 * Applies `actualise` to resolved (and adjusted) drivers, in place. Months up to `through` that
 * the actuals give take them: spend = actual spend; conversion = actual orders ÷ the month's traffic;
 * AOV such that net revenue = actual net revenue to the minor unit. With `after: 'reforecast'`,
 * the months after `through` get the base traffic that makes net revenue = the re-forecast.
 */
export function actualiseSeries(plan: Plan, series: DriverSeries, months: readonly string[], actualise: Actualise): ActualiseNotice[] {
  const notices: ActualiseNotice[] = [];
  const P = months.length;
  const actuals = plan.actuals;
  let firstAfter = 0;
  while (firstAfter < P && months[firstAfter] <= actualise.through) firstAfter++;
  for (let c = 0; c < plan.channels.length; c++) {
    const id = plan.channels[c].id;
    const note = (t: number, kind: ActualiseNotice['kind'] | null): void => {
      if (kind) notices.push({ channelId: id, month: months[t], kind });
    };
    if (actuals) {
      const spend = channelActuals(actuals, id, 'spend', months);
      const orders = channelActuals(actuals, id, 'orders', months);
      const netRevenue = channelActuals(actuals, id, 'netRevenue', months);
      for (let t = 0; t < firstAfter; t++) {
        if (spend[t] === null && orders[t] === null && netRevenue[t] === null) continue;
        note(t, actualMonth(plan, series, c, c * P + t, { spend: spend[t], orders: orders[t], netRevenue: netRevenue[t] }));
      }
    }
    if (actualise.after !== 'reforecast') continue;
    const forecast = actualise.reforecast?.find((r) => r.channelId === id);
    if (!forecast) continue;
    for (let t = firstAfter; t < P; t++) {
      const target = forecast.netRevenue[t - firstAfter];
      if (typeof target !== 'number' || !Number.isFinite(target)) continue;
      note(t, reforecastMonth(plan, series, c, c * P + t, target));
    }
  }
  return notices;
}
