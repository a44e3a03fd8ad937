/**
 * Where the high-value customers are, next to where the plan spends: per plan region, its share of
 * the high-value customers and its share of the plan's spend over the whole timeline.
 *
 * The data's regions are matched to the plan's as the actuals import matches them (actuals/names.ts):
 * the names saved at the last actuals import first, then the plan's names compared folded. A data
 * region matching no plan region, and "no region", are counted apart and left out of the shares, so
 * both share columns are over the same set of regions: the plan's. Spend comes from the plan's region
 * roll-up, however that splits a channel among its regions.
 */
import { matchNames, WHOLE_CHANNEL } from '../actuals/names';
import type { PlanResult } from '../compute';
import { rollup, UNASSIGNED_REGION } from '../rollup';
import type { Plan } from '../types';
import type { RegionView } from './regionAnalysis';

export interface RegionPlanRow {
  /** Plan region id; UNASSIGNED_REGION for the spend of channels serving no region. */
  readonly regionId: string;
  readonly name: string;
  /** The data regions matched to it. */
  readonly dataRegions: string[];
  readonly customers: number;
  readonly highValue: number;
  /** High-value customers / the region's customers (null: no customers). */
  readonly highValueShare: number | null;
  /** The region's high-value customers / those of all the plan's regions (null: none anywhere). */
  readonly shareOfHighValue: number | null;
  /** Planned spend, minor units, whole timeline. */
  readonly spend: number;
  /** Spend / the plan's total spend (null: no spend). */
  readonly shareOfSpend: number | null;
}

export interface RegionPlanComparison {
  readonly rows: RegionPlanRow[];
  /** Data regions matching no plan region, with their customers and high-value customers. */
  readonly unmatched: { readonly name: string; readonly customers: number; readonly highValue: number }[];
  /** Customers in "no region". */
  readonly noRegionCustomers: number;
  readonly totalSpend: number;
}

export function compareRegionsWithPlan(view: RegionView, plan: Plan, result: PlanResult): RegionPlanComparison {
  const byRegion = rollup(plan, result, 'region', 'all');
  const spendOf = (key: string): number => {
    const g = byRegion.groupKeys.indexOf(key);
    return g < 0 ? 0 : byRegion.flows.spend[g * byRegion.buckets.length];
  };
  let totalSpend = 0;
  for (let g = 0; g < byRegion.groupKeys.length; g++) totalSpend += byRegion.flows.spend[g * byRegion.buckets.length];

  const named = view.names.map((name, g) => ({ name, g })).filter(({ g }) => g !== view.noRegion);
  const matches = matchNames(
    named.map((n) => n.name),
    plan.regions,
    plan.actuals?.regionNames ?? [],
  );
  const customers = new Map<string, number>();
  const highValue = new Map<string, number>();
  const dataRegions = new Map<string, string[]>();
  const unmatched: RegionPlanComparison['unmatched'][number][] = [];
  matches.forEach((match, i) => {
    const row = view.rfm[named[i].g];
    const target = match.targetId;
    if (target === null || target === '' || target === WHOLE_CHANNEL) {
      if (row.customers > 0) unmatched.push({ name: match.name, customers: row.customers, highValue: row.highValue });
      return;
    }
    customers.set(target, (customers.get(target) ?? 0) + row.customers);
    highValue.set(target, (highValue.get(target) ?? 0) + row.highValue);
    dataRegions.set(target, [...(dataRegions.get(target) ?? []), match.name]);
  });
  let allHighValue = 0;
  for (const v of highValue.values()) allHighValue += v;

  const rows: RegionPlanRow[] = plan.regions.map((r) => {
    const n = customers.get(r.id) ?? 0;
    const hv = highValue.get(r.id) ?? 0;
    const spend = spendOf(r.id);
    return {
      regionId: r.id,
      name: r.name,
      dataRegions: dataRegions.get(r.id) ?? [],
      customers: n,
      highValue: hv,
      highValueShare: n > 0 ? hv / n : null,
      shareOfHighValue: allHighValue > 0 ? hv / allHighValue : null,
      spend,
      shareOfSpend: totalSpend !== 0 ? spend / totalSpend : null,
    };
  });
  const unassigned = spendOf(UNASSIGNED_REGION);
  if (byRegion.groupKeys.includes(UNASSIGNED_REGION) && unassigned !== 0) {
    rows.push({ regionId: UNASSIGNED_REGION, name: '', dataRegions: [], customers: 0, highValue: 0, highValueShare: null, shareOfHighValue: null, spend: unassigned, shareOfSpend: totalSpend !== 0 ? unassigned / totalSpend : null });
  }
  const noRegionCustomers = view.noRegion >= 0 ? view.rfm[view.noRegion].customers : 0;
  return { rows, unmatched, noRegionCustomers, totalSpend };
}
