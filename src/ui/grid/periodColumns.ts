import type { ColDef, ITooltipParams } from 'ag-grid-community';
import type { PlanResult } from '../../engine/compute';
import { ChannelKpiSource, kpiFormulaLookup } from '../../engine/channelKpis';
import { customMetricValues } from '../../engine/customValues';
import { DRIVER_SPECS } from '../../engine/drivers';
import { metricFormat } from '../../engine/metrics';
import type { CompiledCustomMetric } from '../../engine/expr';
import { resultPlan } from '../../engine/lifecycle/resultPlan';
import { isFlowMetric, rollup, rollupDriver, rollupValue, UNASSIGNED_REGION, type GroupBy, type Rollup } from '../../engine/rollup';
import { SUMMABLE_DRIVERS } from '../../engine/driverTotals';
import type { Bucket, Granularity } from '../../engine/timeline';
import type { Channel, ChannelRole, ChannelType, DriverKey, MetricKey, Plan } from '../../engine/types';
import { formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, formatCustom, formatMetric, parseDriver, unitToInput, type Money } from '../units';
import { unitCell } from '../export/cells';
import type { CellSpec, ColumnContext } from './cellSpec';

export type PeriodSelection =
  | { kind: 'driver'; key: DriverKey }
  | { kind: 'metric'; key: MetricKey }
  | { kind: 'custom'; id: string };

export interface PeriodRow {
  /** Position in plan.channels; -1 for the total row. */
  index: number;
  id: string;
  name: string;
  channel: Channel | null;
  values: (number | null)[];
  overridden: boolean[];
  /**
   * The row over the whole plan: the sum of its periods for flows and amounts, the ratio recomputed
   * from the summed flows for rates and ratios (conversion = Σ orders ÷ Σ traffic), never a sum of ratios.
   */
  total: number | null;
}

export interface PeriodTable {
  rows: PeriodRow[];
  total: PeriodRow;
  buckets: Bucket[];
}

function valuesOf(r: Rollup, g: number, sel: PeriodSelection, custom: readonly CompiledCustomMetric[], kpis?: ChannelKpiSource): (number | null)[] {
  return r.buckets.map((_, b) => {
    if (sel.kind === 'driver') return rollupDriver(r, sel.key, g, b);
    if (sel.kind === 'metric') return rollupValue(r, sel.key, g, b);
    const metric = custom.find((c) => c.metric.id === sel.id);
    if (!metric) return null;
    const v = customMetricValues(r, custom, g, b, kpis && kpiFormulaLookup(kpis, r, g, b)).get(metric.metric.name);
    return v?.ok ? v.value : null;
  });
}

/** Row label of a roll-up group: a channel type, role or region name. */
function groupLabel(plan: Plan, groupBy: GroupBy, key: string): string {
  if (groupBy === 'type') return t(`type.${key as ChannelType}`);
  if (groupBy === 'role') return t(`role.${key as ChannelRole}`);
  if (groupBy === 'region') return key === UNASSIGNED_REGION ? t('grid.unassigned') : (plan.regions.find((r) => r.id === key)?.name ?? key);
  return key;
}

/** Channel × period values of the chosen driver or metric with a whole-plan total column, and the plan total as the last row. */
export function periodTable(
  plan: Plan,
  result: PlanResult,
  sel: PeriodSelection,
  granularity: Granularity,
  custom: readonly CompiledCustomMetric[],
  groupBy: GroupBy = 'channel',
): PeriodTable {
  // Drivers are edited per channel and month; metrics can be rolled up any way.
  const g = sel.kind === 'driver' ? 'month' : granularity;
  const whole = rollup(plan, result, 'total', g);
  const wholePlan = valuesOf(rollup(plan, result, 'total', 'all'), 0, sel, custom)[0];
  if (sel.kind !== 'driver' && groupBy !== 'channel') {
    const grouped = rollup(plan, result, groupBy, g);
    const groupedAll = rollup(plan, result, groupBy, 'all');
    const rows = grouped.groupKeys.map((key, i): PeriodRow => ({
      index: -2,
      id: `group:${key}`,
      name: groupLabel(plan, groupBy, key),
      channel: null,
      values: valuesOf(grouped, i, sel, custom),
      overridden: [],
      total: valuesOf(groupedAll, i, sel, custom)[0],
    }));
    const total: PeriodRow = { index: -1, id: '__total', name: t('grid.total'), channel: null, values: valuesOf(whole, 0, sel, custom), overridden: [], total: wholePlan };
    return { rows, total, buckets: grouped.buckets };
  }
  const byChannel = rollup(plan, result, 'channel', g);
  const byChannelAll = rollup(plan, result, 'channel', 'all');
  // Channels a shown scenario launches follow the plan's own as read-only rows (index -2).
  const own = plan.channels.length;
  const launched = resultPlan(plan, result).channels.slice(own);
  // Formulas may use a channel's KPIs (docs/model.md#channel-kpis): only rows of one channel have them.
  const kpis = sel.kind === 'custom' && plan.channelKpis ? new ChannelKpiSource(plan, result) : undefined;
  const rows = plan.channels.map((ch, i): PeriodRow => {
    const overrides = sel.kind === 'driver' ? ch.drivers[sel.key]?.overrides : undefined;
    return {
      index: i,
      id: ch.id,
      name: ch.name,
      channel: ch,
      values: valuesOf(byChannel, i, sel, custom, kpis),
      overridden: byChannel.buckets.map((b) => overrides?.[b.key] !== undefined),
      total: valuesOf(byChannelAll, i, sel, custom, kpis)[0],
    };
  });
  launched.forEach((ch, k) => {
    const i = own + k;
    rows.push({ index: -2, id: ch.id, name: t('grid.launched', { name: ch.name }), channel: null, values: valuesOf(byChannel, i, sel, custom), overridden: [], total: valuesOf(byChannelAll, i, sel, custom)[0] });
  });
  const total: PeriodRow = {
    index: -1,
    id: '__total',
    name: t('grid.total'),
    channel: null,
    values: valuesOf(whole, 0, sel, custom),
    overridden: [],
    total: wholePlan,
  };
  return { rows, total, buckets: byChannel.buckets };
}

/** A custom formula's plain number may be a ratio such as contribution / orders: keep two decimals. */
function customUnit(format: CompiledCustomMetric['metric']['format']): 'money' | 'percent' | 'ratio' {
  return format === 'number' ? 'ratio' : format;
}

/**
 * A period as the planner reads it: a month as the locale writes it ("2027年1月", "Jan 2027"), a
 * quarter and a year alike ("2027年Q1", "Q1 2027"; "2027年", "2027"), not as the key "2027-Q1".
 */
export function bucketLabel(key: string, locale: string): string {
  if (/^\d{4}-\d{2}$/.test(key)) return formatMonth(key, locale);
  const chinese = locale.startsWith('zh');
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return chinese ? `${quarter[1]}年Q${quarter[2]}` : `Q${quarter[2]} ${quarter[1]}`;
  if (/^\d{4}$/.test(key)) return chinese ? `${key}年` : key;
  return key;
}

export function periodColumns(
  buckets: readonly Bucket[],
  sel: PeriodSelection,
  money: Money,
  custom: readonly CompiledCustomMetric[],
): ColDef<PeriodRow>[] {
  const format = (v: number | null): string => {
    if (sel.kind === 'driver') return formatByUnit(DRIVER_SPECS[sel.key].unit, v, money);
    if (sel.kind === 'metric') return formatMetric(sel.key, v, money);
    const fmt = custom.find((c) => c.metric.id === sel.id)?.metric.format ?? 'number';
    return formatCustom(fmt, v, money);
  };
  // What the values are, for exports: the driver's unit, the metric's or the custom metric's format.
  const unit = sel.kind === 'driver' ? DRIVER_SPECS[sel.key].unit : sel.kind === 'metric' ? metricFormat(sel.key) : customUnit(custom.find((c) => c.metric.id === sel.id)?.metric.format ?? 'number');
  const exportAs = (v: number) => unitCell(unit, v, money.currency);
  const cols: ColDef<PeriodRow>[] = [
    {
      colId: 'name',
      headerName: t('grid.name'),
      pinned: 'left',
      width: 180,
      valueGetter: (p) => p.data?.name ?? '',
      tooltipValueGetter: (p: ITooltipParams<PeriodRow>) => p.data?.name ?? '',
    },
  ];
  buckets.forEach((bucket, b) => {
    const col: ColDef<PeriodRow> = {
      colId: `b.${bucket.key}`,
      headerName: bucketLabel(bucket.key, money.locale),
      type: 'rightAligned',
      // Periods share the width, so that a few quarters or years do not leave a gap before the total.
      flex: 1,
      minWidth: 116,
      valueGetter: (p) => p.data?.values[b] ?? null,
      valueFormatter: (p) => format((p.value as number | null) ?? null),
      cellClassRules: {
        overridden: (p) => p.data?.overridden[b] === true,
        negative: (p) => typeof p.value === 'number' && p.value < 0,
      },
      context: { copy: (row: PeriodRow) => String(row.values[b] ?? ''), format: exportAs },
    };
    if (sel.kind === 'driver') {
      const key = sel.key;
      const unit = DRIVER_SPECS[key].unit;
      const spec: CellSpec<PeriodRow> = {
        // Clearing a cell (Delete, or pasting an empty cell) removes its override.
        parse: (text) => (text.trim() === '' ? { ok: true, value: undefined } : parseDriver(text, key, money.currency)),
        ops: (row, value) => [{ path: ['channels', row.index, 'drivers', key, 'overrides', bucket.key], value }],
        copy: (row) => {
          const v = row.values[b];
          return v === null ? '' : unitToInput(unit, v, money.currency);
        },
      };
      col.editable = (p) => (p.data?.index ?? -1) >= 0;
      col.context = { cell: spec, format: exportAs };
      col.cellEditorParams = { useFormatter: true };
    }
    cols.push(col);
  });
  cols.push(totalColumn(sel, buckets.length > 0 ? buckets[buckets.length - 1].end : 0, format, exportAs));
  return cols;
}

/** Whether the selection adds up over periods (a flow or an amount) or is a rate recomputed from flows. */
export function isSummable(sel: PeriodSelection): boolean {
  if (sel.kind === 'driver') return SUMMABLE_DRIVERS.has(sel.key);
  if (sel.kind === 'metric') return isFlowMetric(sel.key);
  return false;
}

/** Each row over the whole plan, pinned at the right so that it stays in view while scrolling months. */
function totalColumn(sel: PeriodSelection, months: number, format: (v: number | null) => string, exportAs: ColumnContext<PeriodRow>['format']): ColDef<PeriodRow> {
  const summable = isSummable(sel);
  return {
    colId: 'total',
    headerName: summable ? t('growth.period.total') : t('growth.period.whole'),
    headerTooltip: summable ? t('growth.period.totalHint', { months }) : t('growth.period.ratioHint', { months }),
    pinned: 'right',
    type: 'rightAligned',
    width: 136,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    valueGetter: (p) => p.data?.total ?? null,
    valueFormatter: (p) => format((p.value as number | null) ?? null),
    // Rules, not cellClass: cellClass would replace the right alignment that the column type sets.
    cellClassRules: { 'total-column': () => true, negative: (p) => typeof p.value === 'number' && p.value < 0 },
    context: { copy: (row: PeriodRow) => String(row.total ?? ''), format: exportAs },
  };
}

/** Label of what the period grid shows, for the selector. */
export function selectionLabel(sel: PeriodSelection, custom: readonly CompiledCustomMetric[]): string {
  if (sel.kind === 'driver') return t(`driver.${sel.key}`);
  if (sel.kind === 'metric') return t(`metric.${sel.key}`);
  return custom.find((c) => c.metric.id === sel.id)?.metric.name ?? '';
}
