import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { baselineFromForecast, channelHistories, forecastMonthly, forecastWindow } from '../../../src/engine/forecast';
import { fitProfile } from '../../../src/engine/forecast/baselineFit';
import { curveTraffic } from '../../../src/engine/curve';
import type { Plan } from '../../../src/engine/types';
import { planWithActuals } from './forecastPlan';

function forecastTargets(plan: Plan, ids: string[]) {
  const histories = channelHistories(plan, 'netRevenue').filter((h) => ids.includes(h.channelId));
  const window = forecastWindow(plan, histories[0].end);
  return {
    window,
    targets: histories.map((h) => {
      const f = forecastMonthly(h.values, { start: h.start, horizon: window.horizon, springFestival: true });
      const skip = window.gap;
      return {
        channelId: h.channelId,
        firstPeriod: window.firstPeriod,
        netRevenue: Array.from(f.forecast.mean.subarray(skip), Math.round),
        lower: f.forecast.intervals[0].lower.subarray(skip),
        upper: f.forecast.intervals[0].upper.subarray(skip),
      };
    }),
  };
}

describe('apply a forecast as the baseline', () => {
  const plan = planWithActuals();
  const ids = [plan.channels[0].id, plan.channels[1].id];
  const { window, targets } = forecastTargets(plan, ids);

  it('per-month values: every month’s computed net revenue is the forecast, within 3 minor units', () => {
    expect(window).toMatchObject({ firstMonth: '2027-01', horizon: 24, firstPeriod: 0, gap: 0, overlap: 0 });
    const change = baselineFromForecast(plan, targets, { mode: 'months', uncertainty: false, newId: () => 'u1' });
    const after = computePlan(applyOps(plan, change.ops).result);
    const P = plan.timeline.periods;
    for (const target of targets) {
      const c = plan.channels.findIndex((ch) => ch.id === target.channelId);
      for (let t = 0; t < P; t++) expect(Math.abs(after.flows.netRevenue[c * P + t] - target.netRevenue[t])).toBeLessThanOrEqual(3);
    }
    // Other channels do not move.
    const before = computePlan(plan);
    const other = plan.channels.length - 1;
    for (let t = 0; t < P; t++) expect(after.flows.netRevenue[other * P + t]).toBe(before.flows.netRevenue[other * P + t]);
  });

  it('the base traffic it sets, checked by hand for one month', () => {
    const change = baselineFromForecast(plan, targets, { mode: 'months', uncertainty: false, newId: () => 'u1' });
    const ch = plan.channels[0];
    const d = ch.drivers;
    const month = '2027-11';
    // Independent: spend, conversion, AOV, returns and margin as the template sets them for November.
    const r = computePlan(plan);
    const t = 10;
    const at = (k: keyof typeof r.drivers) => r.drivers[k][t];
    const perVisit = at('conversion') * at('aov') * (1 - at('returnRate')) * (1 - at('channelMargin'));
    const expected = targets[0].netRevenue[t] / perVisit - curveTraffic(ch.curve, at('spend'));
    expect(change.channels[0].after.overrides![month]).toBeCloseTo(expected, 6);
    expect(d.baseTraffic).toEqual(change.channels[0].before);
  });

  it('base + growth + seasonality: first-year net revenue within the reported fit error', () => {
    const change = baselineFromForecast(plan, targets, { mode: 'profile', uncertainty: false, newId: () => 'u1' });
    for (const ch of change.channels) {
      expect(ch.after.seasonality).toHaveLength(12);
      expect(ch.after.overrides).toBeUndefined();
      expect(ch.fitError!.max).toBeLessThan(0.1);
      const gap = Math.abs(ch.firstYear.after - ch.firstYear.forecast) / ch.firstYear.forecast;
      expect(gap).toBeLessThanOrEqual(ch.fitError!.max);
      expect(ch.firstYear.months).toBe(12);
    }
  });

  it('the 80 % band becomes one P10–P90 range of base traffic that reproduces the band’s totals', () => {
    const change = baselineFromForecast(plan, targets, { mode: 'profile', uncertainty: true, newId: () => 'u-new' });
    const ch = change.channels[0];
    const entry = ch.uncertainty!.entry!;
    expect(entry).toMatchObject({ channelId: ids[0], driver: 'baseTraffic', id: 'u-new' });
    expect(entry.low).toBeLessThan(ch.after.base);
    expect(entry.high).toBeGreaterThan(ch.after.base);
    // A draw at P10 scales the whole base-traffic series by low / base: the plan's net revenue over
    // the forecast months must then fall by exactly the band's shortfall, Σforecast − ΣP10
    // (3 minor units of rounding a month).
    const after = applyOps(plan, change.ops).result;
    const scaled = applyOps(after, [{ path: ['channels', 0, 'drivers', 'baseTraffic', 'base'], value: entry.low }]).result;
    const P = plan.timeline.periods;
    const total = (r: ReturnType<typeof computePlan>) => Array.from(r.flows.netRevenue.subarray(0, P)).reduce((a, v) => a + v, 0);
    const target = targets[0];
    const shortfall = target.netRevenue.reduce((a, v) => a + v, 0) - Array.from(target.lower).reduce((a, v) => a + v, 0);
    expect(shortfall).toBeGreaterThan(0);
    expect(Math.abs(total(computePlan(after)) - total(computePlan(scaled)) - shortfall)).toBeLessThanOrEqual(3 * P);
    expect(after.uncertainty.filter((u) => u.channelId === ids[0] && u.driver === 'baseTraffic')).toHaveLength(1);
  });

  it('profile fit recovers a known base, growth and season exactly', () => {
    const season = [0.8, 0.7, 1, 1, 1.1, 1.3, 1, 0.9, 1, 1, 1.6, 0.6];
    const periods = Array.from({ length: 24 }, (_, t) => t);
    const months = periods.map((t) => t % 12);
    const values = periods.map((t) => 1000 * Math.pow(1.01, t) * season[t % 12]);
    const fit = fitProfile(values, periods, months);
    expect(fit.growth).toBeCloseTo(0.01, 10);
    const mean = season.reduce((a, v) => a + v, 0) / 12;
    expect(fit.base).toBeCloseTo(1000 * mean, 6);
    fit.seasonality.forEach((s, m) => expect(s).toBeCloseTo(season[m] / mean, 10));
    expect(fit.error.max).toBeLessThan(1e-12);
  });
});
