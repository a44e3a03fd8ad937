/**
 * The plan workbook's sheets about actuals, when the plan has them: the actuals as given (one row
 * per channel, region and month) and plan against actual per channel and month for each measure both
 * sides have. Typed numbers with formats (money in major units, Δ % as a percentage); a month without
 * an actual has empty cells, never 0.
 */
import type { PlanResult } from '../../../engine/compute';
import { monthsBetween, shiftMonth } from '../../../engine/timeline';
import { ACTUAL_MEASURES, type ActualMeasure, type Plan } from '../../../engine/types';
import { hasMeasure } from '../../../engine/variance/actualMonths';
import { VARIANCE_MEASURES, varianceGrid } from '../../../engine/variance/variance';
import { formatMonth } from '../../../i18n/format';
import { integerCell, moneyCell, percentCell, type ExportCell } from '../../export/cells';
import type { Translate } from '../../export/planWorkbook';
import type { Sheet } from '../../export/xlsx';

const MONEY: ReadonlySet<ActualMeasure> = new Set(['netRevenue', 'spend']);

function measureCell(plan: Plan, m: ActualMeasure, v: number | null | undefined): ExportCell {
  if (v === null || v === undefined) return null;
  return MONEY.has(m) ? moneyCell(v, plan.currency) : m === 'orders' && !Number.isInteger(v) ? { value: v, format: { kind: 'count' } } : integerCell(v);
}

function actualsSheet(plan: Plan, t: Translate, locale: string): Sheet {
  const actuals = plan.actuals!;
  const measures = ACTUAL_MEASURES.filter((m) => hasMeasure(actuals, m));
  const channelName = (id: string): string => plan.channels.find((c) => c.id === id)?.name ?? id;
  const regionName = (id: string): string | null => (id === '' ? null : (plan.regions.find((r) => r.id === id)?.name ?? id));
  const head: ExportCell[] = [t('variance.ytd.channel'), t('variance.ytd.region'), t('variance.col.month'), ...measures.map((m) => t(`variance.measure.${m}`))];
  const rows: ExportCell[][] = [head];
  for (const s of actuals.series) {
    for (let a = 0; a < actuals.months; a++) {
      const values = measures.map((m) => s.values[m]?.[a] ?? null);
      if (values.every((v) => v === null)) continue;
      rows.push([channelName(s.channelId), regionName(s.regionId), formatMonth(shiftMonth(actuals.start, a) ?? '', locale), ...measures.map((m, k) => measureCell(plan, m, values[k]))]);
    }
  }
  return { name: t('variance.sheet.actuals'), rows, freezeColumns: 1 };
}

function planVsActualSheet(plan: Plan, result: PlanResult, t: Translate, locale: string): Sheet {
  const actuals = plan.actuals!;
  const measures = VARIANCE_MEASURES.filter((m) => hasMeasure(actuals, m));
  const grids = measures.map((m) => varianceGrid(plan, result, m));
  const head: ExportCell[] = [t('variance.ytd.channel'), t('variance.col.month')];
  for (const m of measures) {
    const name = t(`variance.measure.${m}`);
    head.push(`${name} · ${t('variance.plan')}`, `${name} · ${t('variance.actual')}`, `${name} · ${t('variance.delta')}`, `${name} · ${t('variance.deltaPct')}`);
  }
  const rows: ExportCell[][] = [head];
  plan.channels.forEach((ch, c) => {
    result.months.forEach((month, t0) => {
      const cells = grids.map((g) => g[c].cells[t0]);
      // Only the months this channel has an actual for: the plan alone is in the monthly sheets.
      if (cells.every((x) => x.actual === null)) return;
      const row: ExportCell[] = [ch.name, formatMonth(month, locale)];
      measures.forEach((m, k) => {
        const x = cells[k];
        row.push(measureCell(plan, m, x.plan), measureCell(plan, m, x.actual), measureCell(plan, m, x.delta), percentCell(x.deltaPct));
      });
      rows.push(row);
    });
  });
  return { name: t('variance.sheet.planVsActual'), rows, freezeColumns: 2 };
}

/** Both sheets, or none when the plan has no actuals or they cover no month of the plan's table. */
export function varianceSheets(plan: Plan, baseline: PlanResult, t: Translate, locale: string): Sheet[] {
  if (!plan.actuals || plan.actuals.series.length === 0) return [];
  const overlap = monthsBetween(plan.actuals.start, baseline.months[baseline.months.length - 1] ?? plan.actuals.start);
  const sheets = [actualsSheet(plan, t, locale)];
  if (overlap !== null && overlap >= 0) sheets.push(planVsActualSheet(plan, baseline, t, locale));
  return sheets;
}
