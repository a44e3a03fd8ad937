import type { PlanResult } from '../../engine/compute';
import { settlementGroups, type RebateProblem } from '../../engine/rebates';
import type { RebateScheme, RebateTier } from '../../engine/types';
import { t } from '../../state/i18n.svelte';

/** Rounds to two significant figures, so a suggested threshold reads like one a manager would set. */
function roundNice(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / p) * p;
}

/**
 * A starting scheme for a channel: quarterly, retroactive, tiers at 80 %, 100 % and 120 % of the
 * channel's average quarterly net revenue paying 1 %, 2 % and 3 % — the shape of a typical volume
 * rebate, which the user then edits.
 */
export function defaultScheme(result: PlanResult, ci: number): RebateScheme {
  const P = result.periods;
  let net = 0;
  for (let t0 = 0; t0 < P; t0++) net += result.flows.netRevenue[ci * P + t0];
  const quarters = settlementGroups(result.months, 'quarter').length;
  const avg = quarters > 0 ? net / quarters : 0;
  const at = [0.8, 1, 1.2].map((x) => roundNice(avg * x));
  // Distinct, rising thresholds even for a channel without revenue.
  for (let k = 1; k < at.length; k++) if (at[k] <= at[k - 1]) at[k] = at[k - 1] + 1;
  return { mode: 'retroactive', period: 'quarter', tiers: at.map((threshold, k) => ({ threshold, rate: 0.01 * (k + 1) })) };
}

/**
 * The tier a planner adds after the last one: the same step up as between the last two tiers (or a
 * quarter more), rounded to the step's own order of magnitude, so ¥11,000,000 after ¥9,000,000 is
 * followed by ¥13,000,000 — never by ¥13,750,000.01 — and one point more rebate.
 */
export function nextTier(tiers: readonly RebateTier[]): RebateTier {
  const last = tiers[tiers.length - 1];
  if (!last) return { threshold: 0, rate: 0.01 };
  const prev = tiers[tiers.length - 2];
  const rise = prev && last.threshold > prev.threshold ? last.threshold - prev.threshold : last.threshold * 0.25;
  const step = Math.max(rise, 100);
  const quantum = 10 ** Math.floor(Math.log10(step));
  let threshold = Math.round((last.threshold + step) / quantum) * quantum;
  if (threshold <= last.threshold) threshold = Math.floor(last.threshold / quantum) * quantum + quantum;
  return { threshold, rate: Math.min(1, Math.round((last.rate + 0.01) * 1e6) / 1e6) };
}

export function rebateProblemText(p: RebateProblem): string {
  const tier = typeof p.path[p.path.length - 2] === 'number' ? Number(p.path[p.path.length - 2]) + 1 : 0;
  return t(`reb.problem.${p.code}`, { tier });
}
