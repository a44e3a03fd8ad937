/**
 * What each promotion does to the plan (docs/model.md#promotions): the plan computed with the event
 * and without it, all else equal, in the scenario shown. Its break-even lift is the lift at which
 * the event leaves contribution unchanged: below it, the discount costs more than the extra demand
 * earns.
 */
import { computePlan, type PlanResult } from '../compute';
import type { FlowMetric, Plan, Promotion } from '../types';
import { MAX_PROMOTION_LIFT } from './promotionChecks';
import { scenarioPromotions } from './promotions';

export interface PromotionEffect {
  promotionId: string;
  /** Changes of the whole plan over its timeline (money in minor units). */
  orders: number;
  /** Gross revenue at list prices: what the extra orders and the moved demand are worth before the discount. */
  listRevenue: number;
  /** Revenue given up to the discount (positive). */
  discount: number;
  netRevenue: number;
  contribution: number;
  /**
   * Lift at which contribution is unchanged by the event; 0 when it pays even without extra demand
   * (no discount), null when no lift up to MAX_PROMOTION_LIFT pays for it.
   */
  breakEvenLift: number | null;
}

function total(res: PlanResult, m: FlowMetric): number {
  let s = 0;
  for (const v of res.flows[m]) s += v;
  return s;
}

/** The plan with these promotions and no scenario changes to them, so one event can be varied alone. */
function withPromotions(plan: Plan, list: Promotion[]): Plan {
  return {
    ...plan,
    promotions: list,
    scenarios: plan.scenarios.map((s) => {
      if (!s.promotions) return s;
      const out = { ...s };
      delete out.promotions;
      return out;
    }),
  };
}

/** The plan with event `k` on at `lift` (or off). */
function variant(plan: Plan, list: readonly Promotion[], k: number, on: boolean, lift = list[k].lift): Plan {
  return withPromotions(plan, list.map((p, j) => (j === k ? { ...p, enabled: on, lift } : p)));
}

/**
 * The lift where contribution(with) − contribution(without) = 0. The gap is close to linear in the
 * lift (extra orders at a fixed margin each; tiered rebates bend it), so a secant from lift 0 and
 * the planned lift lands on it, and a few secant steps correct the bend.
 */
function breakEven(gap: (lift: number) => number, planned: number, gapAtPlanned: number): number | null {
  const g0 = gap(0);
  if (g0 >= 0) return 0;
  let a = 0;
  let ga = g0;
  let b = planned > 0 ? planned : 1;
  let gb = planned > 0 ? gapAtPlanned : gap(b);
  for (let k = 0; k < 6; k++) {
    if (gb === ga) break;
    const next = b - (gb * (b - a)) / (gb - ga);
    if (!(next > 0) || next > MAX_PROMOTION_LIFT) break;
    const g = gap(next);
    // Money is whole minor units: within one unit is as close as contribution can say.
    if (Math.abs(g) <= 1) return next;
    [a, ga, b, gb] = [b, gb, next, g];
  }
  // The secant left the range or stalled: bisect over all the lifts the model takes, if any pays.
  let lo = 0;
  let hi = MAX_PROMOTION_LIFT;
  if (gap(hi) < 0) return null;
  for (let k = 0; k < 50 && hi - lo > 1e-6; k++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Effects of every promotion of the plan in a scenario (null = the baseline), in plan order. */
export function promotionEffects(plan: Plan, scenarioId: string | null): PromotionEffect[] {
  const list = scenarioPromotions(plan, scenarioId);
  return list.map((p, k) => {
    const on = computePlan(variant(plan, list, k, true), scenarioId);
    const off = computePlan(variant(plan, list, k, false), scenarioId);
    const d = (m: FlowMetric): number => total(on, m) - total(off, m);
    const offContribution = total(off, 'contribution');
    const contribution = d('contribution');
    const gap = (lift: number): number => total(computePlan(variant(plan, list, k, true, lift), scenarioId), 'contribution') - offContribution;
    return {
      promotionId: p.id,
      orders: d('orders'),
      listRevenue: d('grossRevenue') + d('promotionDiscount'),
      discount: d('promotionDiscount'),
      netRevenue: d('netRevenue'),
      contribution,
      breakEvenLift: breakEven(gap, p.lift, contribution),
    };
  });
}
