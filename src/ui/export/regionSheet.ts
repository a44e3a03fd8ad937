/**
 * The plan by region, for the workbook and the printed report: every channel × region over the whole
 * plan from `regionCells` (rows computed by region as computed, other channels shared by their region
 * shares, money exact), and the regions added up with `rollup(…, 'region', …)`. Only plans that say
 * something about regions get it, so a plan without regional values exports and prints as before.
 */
import type { PlanResult } from '../../engine/compute';
import { metricFormat } from '../../engine/metrics';
import { ratioMetric } from '../../engine/ratios';
import { regionalChannels, regionCells } from '../../engine/regions';
import type { FlowMetric, MetricKey, Plan } from '../../engine/types';
import { FLOW_METRICS } from '../../engine/types';
import { percentCell, unitCell, type ExportCell } from './cells';
import type { Translate } from './planWorkbook';
import type { Sheet } from './xlsx';

/** Columns of a channel × region row: flows summed over the plan, then ROI of the sums. */
export const REGION_METRICS: readonly MetricKey[] = ['spend', 'orders', 'grossRevenue', 'netRevenue', 'channelCost', 'contribution', 'roi'];

/** The plan has regional values or region weights: a region view tells the reader something. */
export function plannedByRegion(plan: Plan): boolean {
  return regionalChannels(plan).size > 0 || plan.channels.some((ch) => ch.regionWeights !== undefined && Object.keys(ch.regionWeights).length > 0);
}

/** A metric of summed flows; ratios are those of the sums, as everywhere in the app. */
export function metricOfSums(sums: Record<FlowMetric, number>, m: MetricKey): number | null {
  if ((FLOW_METRICS as readonly string[]).includes(m)) return sums[m as FlowMetric];
  return ratioMetric(m as Exclude<MetricKey, FlowMetric>, {
    get: (f) => sums[f],
    marginalRoiSpend: 0,
    bucketNetRevenue: 0,
    yearAgoNetRevenue: null,
    previousNetRevenue: null,
  });
}

function zero(): Record<FlowMetric, number> {
  return Object.fromEntries(FLOW_METRICS.map((m) => [m, 0])) as Record<FlowMetric, number>;
}

/** One row per channel × region (the channel's share of that region beside it), then a total row. */
export function regionSheet(plan: Plan, result: PlanResult, t: Translate): Sheet {
  const cells = regionCells(plan, result);
  const P = cells.periods;
  const regionName = (id: string): string => (id === '' ? t('grid.unassigned') : (plan.regions.find((r) => r.id === id)?.name ?? id));
  const head: ExportCell[] = [t('grid.name'), t('partner.region'), t('xport.col.regionShare'), ...REGION_METRICS.map((m) => t(`metric.${m}`))];
  const total = zero();
  const rows = cells.rows.map((row, q): ExportCell[] => {
    const sums = zero();
    for (const m of FLOW_METRICS) {
      let s = 0;
      for (let k = 0; k < P; k++) s += cells.flows[m][q * P + k];
      sums[m] = s;
      total[m] += s;
    }
    return [
      plan.channels[row.channel].name, regionName(row.regionId), percentCell(row.share),
      ...REGION_METRICS.map((m) => unitCell(metricFormat(m), metricOfSums(sums, m), plan.currency)),
    ];
  });
  const last: ExportCell[] = [t('grid.total'), null, null, ...REGION_METRICS.map((m) => unitCell(metricFormat(m), metricOfSums(total, m), plan.currency))];
  return { name: t('xport.sheet.byRegion'), rows: [head, ...rows, last], totalRows: 1, freezeColumns: 2 };
}
