import { splitInteger } from '../regions/shares';
import { monthKeys } from '../timeline';
import type { Adjustment, Plan } from '../types';
import type { OptimiseResult } from './optimise';

/**
 * The scenario adjustments that apply an optimiser answer, so the UI can save it as a scenario
 * (whose parent must be the scenario the answer was computed on: the adjustments act on its spend).
 *
 * A channel that spends today gets one 'scale' of its spend over the whole timeline by
 * optimal / today − 1. That is the simplest correct form: the optimiser spreads a channel's total
 * over periods in proportion to its current spend pattern, which is exactly what scaling does, and it
 * stays correct in spirit if the baseline's seasonality is edited later. Scaling rounds each period
 * to whole minor units, so the scenario's total can differ from `optimal` by under half a unit per
 * period (`monthly` holds the exactly-summing split).
 *
 * A channel with no spend today cannot be scaled (0 × anything is 0); it gets 'set' adjustments of
 * its `monthly` amounts, one per run of consecutive periods with the same amount (a single one for an
 * even split), which reproduce `monthly` exactly.
 *
 * A channel computed by region (its answer has rows) gets the same per region: a 'scale' of that
 * region's spend, or for a region with no spend today its optimal amount spread evenly over the months
 * (exactly, in whole minor units) — so the scenario keeps what the answer gives each region, and the
 * limits of one region hold in it.
 *
 * Channels whose spend does not change get nothing; a failed result gives no adjustments.
 */
export function applyAllocationAsAdjustments(plan: Plan, result: OptimiseResult, newId: () => string): Adjustment[] {
  if (!result.ok) return [];
  const months = monthKeys(plan.timeline);
  const out: Adjustment[] = [];
  for (const a of result.allocations) {
    if (a.change === 0) continue;
    const target = { kind: 'channels' as const, ids: [a.channelId] };
    if (a.rows && a.rows.some((r) => r.regionId !== '')) {
      for (const r of a.rows) {
        if (r.optimal === r.today) continue;
        if (r.today > 0) {
          out.push({ id: newId(), target, regionId: r.regionId, driver: 'spend', op: { kind: 'scale', percent: (r.optimal / r.today - 1) * 100 }, enabled: true });
          continue;
        }
        const parts = splitInteger(r.optimal, months.map(() => 1 / months.length));
        parts.forEach((v, t) => {
          if (v !== 0) out.push({ id: newId(), target, regionId: r.regionId, driver: 'spend', from: months[t], to: months[t], op: { kind: 'set', value: v }, enabled: true });
        });
      }
      continue;
    }
    if (a.today > 0) {
      out.push({ id: newId(), target, driver: 'spend', op: { kind: 'scale', percent: (a.optimal / a.today - 1) * 100 }, enabled: true });
      continue;
    }
    for (let t = 0; t < a.monthly.length;) {
      let end = t;
      while (end + 1 < a.monthly.length && a.monthly[end + 1] === a.monthly[t]) end++;
      if (a.monthly[t] !== 0) {
        out.push({ id: newId(), target, driver: 'spend', from: months[t], to: months[end], op: { kind: 'set', value: a.monthly[t] }, enabled: true });
      }
      t = end + 1;
    }
  }
  return out;
}
