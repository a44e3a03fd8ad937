import type { PlanResult } from '../../engine/compute';
import { rollup, rollupValue } from '../../engine/rollup';
import type { Plan } from '../../engine/types';

/** One region of the report's "By region" table, over the whole plan. */
export interface RegionLine {
  /** Region id; '' = channels serving no region of the plan. */
  regionId: string;
  spend: number;
  netRevenue: number;
  contribution: number;
  roi: number | null;
  /** Of the plan total; null when the total is 0. */
  spendShare: number | null;
  netRevenueShare: number | null;
}

/**
 * The plan by region from the region roll-up (money exact, regions in plan order, then the channels
 * serving none), and the total line. Shares are of the plan's totals.
 */
export function regionTable(plan: Plan, res: PlanResult): { lines: RegionLine[]; total: RegionLine } {
  const r = rollup(plan, res, 'region', 'all');
  const whole = rollup(plan, res, 'total', 'all');
  const spendAll = whole.flows.spend[0];
  const netAll = whole.flows.netRevenue[0];
  const share = (v: number, of: number): number | null => (of !== 0 ? v / of : null);
  const line = (regionId: string, spend: number, netRevenue: number, contribution: number, roi: number | null): RegionLine => ({
    regionId, spend, netRevenue, contribution, roi, spendShare: share(spend, spendAll), netRevenueShare: share(netRevenue, netAll),
  });
  const lines = r.groupKeys.map((id, g) => line(id, r.flows.spend[g], r.flows.netRevenue[g], r.flows.contribution[g], rollupValue(r, 'roi', g, 0)));
  const total = line('', spendAll, netAll, whole.flows.contribution[0], rollupValue(whole, 'roi', 0, 0));
  return { lines, total };
}
