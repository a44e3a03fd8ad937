/**
 * What the plan predicts a tested change does (docs/model.md#tests-and-pilots): the plan computed
 * with and without the change (one scale adjustment of one driver of one channel, optionally in one
 * region, on top of the baseline or a scenario), read in the test's first month for the channel — or
 * its row in the region.
 */
import { computePlan, type PlanResult } from '../compute';
import type { Adjustment, CurvePoint, DriverKey, Plan, Scenario } from '../types';

/** The id of the scenario added (on a copy of the plan) to compute the change. */
export const TEST_SCENARIO_ID = 'experiment-change';

export interface PlannedChange {
  channelId: string;
  driver: DriverKey;
  /** Scale of the driver in percent (+20 = 20 % more). */
  percent: number;
  /** A region of the plan; '' = the channel as a whole. */
  regionId: string;
  /** The month the test runs in, `YYYY-MM`. */
  month: string;
  /** The plan the change is made to: null = the baseline, else a scenario id. */
  scenarioId: string | null;
}

/** One month of the channel (or its region row) as the plan has it. */
export interface MonthFigures {
  spend: number;
  baseTraffic: number;
  incrementalTraffic: number;
  traffic: number;
  orders: number;
  grossRevenue: number;
  netRevenue: number;
  contribution: number;
}

export interface PlanLift {
  before: MonthFigures;
  after: MonthFigures;
  /** Orders per visitor of the plan without the change. */
  conversion: number;
  /** Gross revenue per order without the change, minor units. */
  aov: number;
  /** Relative change in orders (= in orders per visitor of the unchanged traffic), revenue and order value. */
  ordersLift: number;
  revenueLift: number;
  aovLift: number;
  /** The row's share of the channel (1 for the channel as a whole): curve points are in channel terms. */
  share: number;
}

export type PlanLiftProblem = 'noChannel' | 'noMonth' | 'noOrders' | 'scenario';

function changeAdjustment(change: PlannedChange): Adjustment {
  return {
    id: `${TEST_SCENARIO_ID}-adj`,
    target: { kind: 'channels', ids: [change.channelId] },
    driver: change.driver,
    from: change.month,
    to: change.month,
    op: { kind: 'scale', percent: change.percent },
    enabled: true,
    ...(change.regionId ? { regionId: change.regionId } : {}),
  };
}

/** The plan with the change as an extra scenario; the plan given is not touched. */
export function planWithChange(plan: Plan, change: PlannedChange): Plan {
  const scenario: Scenario = { id: TEST_SCENARIO_ID, name: '', parentId: change.scenarioId, adjustments: [changeAdjustment(change)], notes: '' };
  return { ...plan, scenarios: [...plan.scenarios, scenario] };
}

function figures(res: PlanResult, channel: number, regionId: string, month: number): { values: MonthFigures; share: number } | null {
  let flows = res.flows;
  let row = channel;
  let share = 1;
  if (regionId) {
    const rows = res.regional?.rows ?? [];
    const r = rows.findIndex((x) => x.channel === channel && x.regionId === regionId);
    if (r < 0 || !res.regional) return null;
    flows = res.regional.flows;
    row = r;
    share = rows[r].share;
  }
  const i = row * res.periods + month;
  return {
    share,
    values: {
      spend: flows.spend[i],
      baseTraffic: flows.baseTraffic[i],
      incrementalTraffic: flows.incrementalTraffic[i],
      traffic: flows.traffic[i],
      orders: flows.orders[i],
      grossRevenue: flows.grossRevenue[i],
      netRevenue: flows.netRevenue[i],
      contribution: flows.contribution[i],
    },
  };
}

export function predictLift(plan: Plan, change: PlannedChange): PlanLift | PlanLiftProblem {
  const c = plan.channels.findIndex((ch) => ch.id === change.channelId);
  if (c < 0) return 'noChannel';
  const copy = planWithChange(plan, change);
  let base: PlanResult;
  let changed: PlanResult;
  try {
    base = computePlan(copy, change.scenarioId);
    changed = computePlan(copy, TEST_SCENARIO_ID);
  } catch {
    return 'scenario';
  }
  const m = base.months.indexOf(change.month);
  if (m < 0) return 'noMonth';
  const before = figures(base, c, change.regionId, m);
  const after = figures(changed, c, change.regionId, m);
  if (!before || !after) return 'noChannel';
  const b = before.values;
  const a = after.values;
  if (!(b.orders > 0 && b.traffic > 0)) return 'noOrders';
  const aovBefore = b.grossRevenue / b.orders;
  return {
    before: b,
    after: a,
    conversion: b.orders / b.traffic,
    aov: aovBefore,
    ordersLift: a.orders / b.orders - 1,
    revenueLift: b.netRevenue !== 0 ? a.netRevenue / b.netRevenue - 1 : 0,
    aovLift: a.orders > 0 ? a.grossRevenue / a.orders / aovBefore - 1 : 0,
    share: before.share,
  };
}

/** Average days in a month, to turn months of traffic into days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Days the test needs: both arms' units over the traffic the test sees a day, that is the month's
 * traffic × the share of it in the test (split equally between the arms) / days in a month.
 */
export function testDays(unitsPerArm: number, monthlyTraffic: number, shareInTest: number): number | null {
  const perMonth = monthlyTraffic * shareInTest;
  if (!(perMonth > 0) || !(unitsPerArm > 0)) return null;
  return ((2 * unitsPerArm) / perMonth) * DAYS_PER_MONTH;
}

/**
 * What the test costs: the test arm (half the tested share) gets the change for the test's duration,
 * so it spends (spend with − without the change) × share / 2 × months more, and the plan's
 * contribution moves by the same fraction of the month's change in contribution.
 */
export function testCost(lift: PlanLift, shareInTest: number, days: number): { extraSpend: number; contributionChange: number } {
  const months = days / DAYS_PER_MONTH;
  const part = (shareInTest / 2) * months;
  return {
    extraSpend: Math.round((lift.after.spend - lift.before.spend) * part),
    contributionChange: Math.round((lift.after.contribution - lift.before.contribution) * part),
  };
}

/**
 * A point of the channel's response curve from an observed relative lift in orders of a spend change:
 * at the test arm's spend the traffic is the unchanged traffic × (1 + lift), so the incremental
 * traffic there is that less base traffic. A region's row is put back in channel terms (its spend and
 * traffic over its share; the row's curve is the channel's scaled by the share).
 */
export function calibrationPoint(lift: PlanLift, observedLift: number): CurvePoint | null {
  if (!(lift.share > 0)) return null;
  const outcome = (lift.before.traffic * (1 + observedLift) - lift.before.baseTraffic) / lift.share;
  if (!(lift.after.spend > 0) || !Number.isFinite(outcome)) return null;
  return { spend: Math.round(lift.after.spend / lift.share), outcome: Math.max(0, Math.round(outcome)) };
}

/** The channel's curve points with the new one (replacing a point at the same spend), by spend. */
export function withCurvePoint(points: readonly CurvePoint[] | undefined, point: CurvePoint): CurvePoint[] {
  return [...(points ?? []).filter((p) => p.spend !== point.spend), point].sort((x, y) => x.spend - y.spend);
}
