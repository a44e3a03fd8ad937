/**
 * LTV:CAC and payback per channel (docs/model.md#customer-value):
 *
 *   LTV:CAC  = CLV ÷ CAC,  CAC = spend ÷ new-customer orders (the plan's metric)
 *   payback  = the month m at which a new customer's cumulative expected margin reaches CAC:
 *              M(k) = Σ_{i ≤ k} margin_i;  payback = (k − 1) + (CAC − M(k − 1)) ÷ margin_k
 *              for the first k with M(k) ≥ CAC (linear within the month); none within the horizon
 *              when M(horizon) < CAC.
 *
 * CLV and the monthly margin come from the plan's customer-value snapshot; CAC from the plan (or a
 * scenario) over the whole timeline.
 */
import type { PlanResult } from '../compute';
import { rollup, rollupValue, type Rollup } from '../rollup';
import type { ChannelCustomerValue, CustomerValue, CustomerValueScoreMetric, Plan } from '../types';
import { CUSTOMER_VALUE_SCORE_METRICS } from '../types';

export interface ChannelLtvCac {
  channelId: string;
  /** Minor units. */
  clv: number;
  customers: number;
  /** Minor units; null when the channel has no new-customer orders. */
  cac: number | null;
  /** null when CAC is undefined or 0 (new customers at no spend: no ratio to speak of). */
  ltvCac: number | null;
  /** Months; null when CAC is undefined or not recovered within the horizon. */
  payback: number | null;
  /** CAC is not recovered within the snapshot's horizon. */
  beyondHorizon: boolean;
}

/** Months of expected margin needed to recover `cac` (null: not within the months given). */
export function paybackMonths(cac: number, monthlyMargin: readonly number[]): number | null {
  if (!(cac > 0)) return 0;
  let cumulative = 0;
  for (let k = 0; k < monthlyMargin.length; k++) {
    const m = monthlyMargin[k];
    if (m > 0 && cumulative + m >= cac) return k + (cac - cumulative) / m;
    cumulative += m;
  }
  return null;
}

export function channelLtvCac(value: ChannelCustomerValue, cac: number | null): ChannelLtvCac {
  const base = { channelId: value.channelId, clv: value.clv, customers: value.customers, cac };
  if (cac === null || !Number.isFinite(cac)) return { ...base, cac: null, ltvCac: null, payback: null, beyondHorizon: false };
  const ltvCac = cac > 0 ? value.clv / cac : null;
  const payback = paybackMonths(cac, value.monthlyMargin);
  return { ...base, ltvCac, payback, beyondHorizon: payback === null };
}

/** LTV:CAC of every plan channel that the snapshot has, keyed by channel id. */
export function ltvCacByChannel(plan: Plan, result: PlanResult, snapshot: CustomerValue | undefined = plan.customerValue): Map<string, ChannelLtvCac> {
  const out = new Map<string, ChannelLtvCac>();
  if (!snapshot) return out;
  const r = rollup(plan, result, 'channel', 'all');
  for (const value of snapshot.channels) {
    const g = r.groupKeys.indexOf(value.channelId);
    if (g < 0) continue;
    out.set(value.channelId, channelLtvCac(value, rollupValue(r, 'cac', g, 0)));
  }
  return out;
}

/** The snapshot's CLV of a channel (minor units), 0 when it has none. */
export function clvOf(snapshot: CustomerValue | undefined, channelId: string): number {
  return snapshot?.channels.find((c) => c.channelId === channelId)?.clv ?? 0;
}

export function isCustomerValueMetric(metric: string): metric is CustomerValueScoreMetric {
  return (CUSTOMER_VALUE_SCORE_METRICS as readonly string[]).includes(metric);
}

/**
 * LTV:CAC or payback months of channel `g` of a by-channel roll-up in bucket `b` (the scorecard's
 * window: CAC of that year or of the whole plan); null where the plan has no CLV for the channel or
 * the figure is undefined.
 */
export function customerValueScore(plan: Plan, r: Rollup, metric: CustomerValueScoreMetric, g: number, b: number): number | null {
  const value = plan.customerValue?.channels.find((c) => c.channelId === r.groupKeys[g]);
  if (!value) return null;
  const row = channelLtvCac(value, rollupValue(r, 'cac', g, b));
  return metric === 'ltvCac' ? row.ltvCac : row.payback;
}
