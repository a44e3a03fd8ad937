import { describe, expect, it } from 'vitest';
import { ChannelKpiSource, channelKpiAlerts, daysInMonths, marketRelativeShares } from '../../../src/engine/channelKpis';
import { computePlan } from '../../../src/engine/compute';
import { classifyChannels } from '../../../src/engine/evaluation/bcg';
import { compileCustomMetrics } from '../../../src/engine/expr';
import { BUILTIN_NAMES } from '../../../src/engine/metrics';
import { scorecardValues } from '../../../src/engine/scorecardValues';
import type { Plan, ScorecardKpi } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/**
 * Two channels whose every month is the same and easy to work out by hand: no spend-driven traffic,
 * 10,000 visits × 2 % = 200 orders × ¥200 = ¥40,000 gross, less 10 % returns and 20 % intermediary
 * margin = ¥28,800 net revenue a month (2,880,000 fen); gross margin 50 % → cost of goods ¥14,400 a
 * month. Channel b sells half as much (5,000 visits).
 */
function kpiPlan(): Plan {
  const flat = { spend: { base: 0 } };
  const a = simpleChannel('a', flat, { type: 'none', max: 0, halfSat: 1, shape: 1 });
  const b = simpleChannel('b', { ...flat, baseTraffic: { base: 5_000 } }, { type: 'none', max: 0, halfSat: 1, shape: 1 });
  const plan = simplePlan([a, b], 12);
  plan.channelKpis = {
    backlogDays: 90,
    satisfactionFloor: 0.85,
    complaintCeiling: 0.01,
    channels: {
      a: {
        satisfaction: 0.92,
        complaintRate: 0.004,
        nps: 35,
        marketSize: 1_000_000_000, // ¥10,000,000 a year
        competitorShare: 0.2,
        floorArea: 120,
        stock: { base: 4_000_000, overrides: { '2027-06': 10_000_000 } },
      },
      b: { satisfaction: 0.8, complaintRate: 0.02, stock: { base: 1_000_000 }, backlogDays: 120 },
    },
  };
  return plan;
}

const MONTH_NET = 2_880_000;
const MONTH_COGS = 1_440_000;

describe('channel KPI figures against hand calculations', () => {
  const plan = kpiPlan();
  const result = computePlan(plan);
  const source = new ChannelKpiSource(plan, result);

  it('the plan computes the month the comment works out', () => {
    expect(result.flows.netRevenue[0]).toBeCloseTo(MONTH_NET, 6);
    expect(result.flows.grossProfit[0]).toBeCloseTo(MONTH_NET / 2, 6);
  });

  it('days per month follow the calendar (2028 is a leap year)', () => {
    expect([...daysInMonths(['2027-01', '2027-02', '2028-02', '2027-04'])]).toEqual([31, 28, 29, 30]);
  });

  it('market share, relative market share and sales per m² over the year and one month', () => {
    const year = source.figures(0, { start: 0, end: 12 });
    expect(year.netRevenue).toBeCloseTo(12 * MONTH_NET, 4);
    expect(year.marketShare).toBeCloseTo((12 * MONTH_NET) / 1_000_000_000, 12); // 3.456 %
    expect(year.relativeMarketShare).toBeCloseTo(0.03456 / 0.2, 12); // 0.1728
    expect(year.salesPerArea).toBeCloseTo((12 * MONTH_NET) / 120, 6); // ¥2,880 per m² a year
    expect(year.salesPerAreaMonth).toBeCloseTo(MONTH_NET / 120, 6); // ¥240 per m² a month
    const may = source.figures(0, { start: 4, end: 5 });
    // One month of a ¥10m-a-year market is ¥833,333.33: the same 3.456 %.
    expect(may.marketShare).toBeCloseTo(MONTH_NET / (1_000_000_000 / 12), 12);
  });

  it('turnover days = average stock ÷ (cost of goods ÷ days), month by month and over the year', () => {
    const jan = source.figures(0, { start: 0, end: 1 });
    expect(jan.turnoverDays).toBeCloseTo((4_000_000 * 31) / MONTH_COGS, 9); // 86.1 days
    expect(jan.backlog).toBe(false);
    const jun = source.figures(0, { start: 5, end: 6 });
    expect(jun.turnoverDays).toBeCloseTo((10_000_000 * 30) / MONTH_COGS, 9); // 208.3 days
    expect(jun.backlog).toBe(true);
    const year = source.figures(0, { start: 0, end: 12 });
    const avgStock = (11 * 4_000_000 + 10_000_000) / 12;
    expect(year.stock).toBeCloseTo(avgStock, 6);
    expect(year.turnoverDays).toBeCloseTo((avgStock * 365) / (12 * MONTH_COGS), 9); // 95.05 days
    expect(year.threshold).toBe(90);
    expect(year.backlog).toBe(true);
    // Channel b: its own threshold (120) wins over the plan's; ¥10,000 on ¥7,200 of cost a month.
    const b = source.figures(1, { start: 0, end: 12 });
    expect(b.threshold).toBe(120);
    expect(b.turnoverDays).toBeCloseTo((1_000_000 * 365) / (12 * MONTH_COGS / 2), 9); // 84.5 days
    expect(b.backlog).toBe(false);
  });

  it('alerts: a backlog over the year with the month that is over, satisfaction and complaints', () => {
    const alerts = channelKpiAlerts(plan, source, result.months, { start: 0, end: 12 });
    const backlog = alerts.filter((a) => a.kind === 'backlog');
    expect(backlog).toHaveLength(1);
    const a = backlog[0];
    if (a.kind !== 'backlog') throw new Error('expected a backlog');
    expect(a.channelIndex).toBe(0);
    expect(a.windowOver).toBe(true);
    expect(a.monthsOver.map((m) => m.month)).toEqual(['2027-06']);
    expect(alerts).toContainEqual({ kind: 'satisfaction', channelIndex: 1, value: 0.8, floor: 0.85 });
    expect(alerts).toContainEqual({ kind: 'complaints', channelIndex: 1, value: 0.02, ceiling: 0.01 });
    expect(alerts.filter((x) => x.channelIndex === 0 && x.kind !== 'backlog')).toEqual([]);
  });

  it('stock with nothing sold never turns over and is a backlog', () => {
    const p = kpiPlan();
    p.channels[1].drivers.baseTraffic = { base: 0 };
    const r = computePlan(p);
    const f = new ChannelKpiSource(p, r).figures(1, { start: 0, end: 12 });
    expect(f.turnoverDays).toBeNull();
    expect(f.stuck).toBe(true);
    expect(f.backlog).toBe(true);
  });

  it('a plan without channel KPIs has no figures and no alerts, and computes exactly as before', () => {
    const p = kpiPlan();
    delete p.channelKpis;
    const r = computePlan(p);
    expect([...r.flows.contribution]).toEqual([...result.flows.contribution]);
    const f = new ChannelKpiSource(p, r).figures(0, { start: 0, end: 12 });
    expect([f.marketShare, f.turnoverDays, f.salesPerArea, f.satisfaction]).toEqual([null, null, null, null]);
    expect(channelKpiAlerts(p, new ChannelKpiSource(p, r), r.months, { start: 0, end: 12 })).toEqual([]);
  });
});

describe('channel KPIs in the scorecard, formulas and the BCG matrix', () => {
  const plan = kpiPlan();
  plan.customMetrics = [
    { id: 'cm1', name: 'stockCover', formula: 'turnoverDays / 30', format: 'number' },
    { id: 'cm2', name: '坪效年', formula: '净收入 / floorArea', format: 'money' },
  ];
  const result = computePlan(plan);
  const custom = compileCustomMetrics(plan.customMetrics, BUILTIN_NAMES);

  it('formulas may use KPI names', () => {
    expect(custom.problems).toEqual([]);
  });

  it('scorecard values of KPI criteria are the year figures; custom metrics see them too', () => {
    const kpis: ScorecardKpi[] = [
      { id: 'k1', metric: 'kpi:turnoverDays', weight: 50, direction: 'lower', normalisation: 'minmax', red: 90 },
      { id: 'k2', metric: 'kpi:satisfaction', weight: 50, direction: 'higher', normalisation: 'minmax' },
      { id: 'k3', metric: 'custom:cm1', weight: 0, direction: 'lower', normalisation: 'minmax' },
      { id: 'k4', metric: 'custom:cm2', weight: 0, direction: 'higher', normalisation: 'minmax' },
    ];
    const values = scorecardValues(plan, result, kpis, { kind: 'year', key: '2027' }, custom.ordered);
    const avgStock = (11 * 4_000_000 + 10_000_000) / 12;
    const daysA = (avgStock * 365) / (12 * MONTH_COGS);
    expect(values[0][0]).toBeCloseTo(daysA, 9);
    expect(values[1]).toEqual([0.92, 0.8]);
    expect(values[2][0]).toBeCloseTo(daysA / 30, 9);
    expect(values[3][0]).toBeCloseTo((12 * MONTH_NET) / 120, 6);
    expect(values[3][1]).toBeNull(); // b has no floor area
  });

  it('BCG relative share comes from the market where the user typed it, else from the mix', () => {
    const market = marketRelativeShares(plan, result, { start: 0, end: 12 });
    expect(market[0]).toBeCloseTo(0.1728, 12);
    expect(market[1]).toBeNull();
    const inputs = [
      { share: 2 / 3, growth: 0.1, contribution: 1 },
      { share: 1 / 3, growth: 0.2, contribution: 1 },
    ];
    const r = classifyChannels(inputs, { shareMode: 'relative', growthMode: 'pop' }, market);
    // a: 0.1728 of its market leader (a question mark or dog, not the leader of the mix it is);
    // b: half of a's share of the mix.
    expect(r.points[0].x).toBeCloseTo(0.1728, 12);
    expect(r.points[1].x).toBeCloseTo(0.5, 12);
    expect(classifyChannels(inputs, { shareMode: 'relative', growthMode: 'pop' }).points[0].x).toBeCloseTo(2, 12);
    // Share mode ignores market data.
    expect(classifyChannels(inputs, { shareMode: 'share', growthMode: 'pop' }, market).points[0].x).toBeCloseTo(2 / 3, 12);
  });
});
