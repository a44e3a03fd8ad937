/**
 * Columns of the channel KPI grids: the values typed per channel, and stock per month end. Every
 * editable cell reads typed or pasted text in its unit (3% or 0.03, 20万, ¥1,200); an empty cell
 * clears the value (not known).
 */
import type { ColDef } from 'ag-grid-community';
import { TYPED_KPI_FIELDS, TYPED_KPI_SPECS, STOCK_SPEC, type KpiFieldSpec, type TypedKpiField } from '../../../engine/channelKpis';
import type { ChannelKpiValues } from '../../../engine/types';
import { formatMonth } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';
import type { CellSpec, ColumnContext, ParseOutcome } from '../../grid/cellSpec';
import { moneyCell, percentCell, decimalCell } from '../../export/cells';
import { formatByUnit, parseUnit, unitToInput, type Money } from '../../units';
import { setStockBase, setStockMonth, setTypedValue } from './kpiEdits';
import { daysText } from './kpiText';

export interface KpiRow {
  id: string;
  name: string;
  values: ChannelKpiValues;
  /** Month-end stock as computed (typed month or every-month level), one per plan month; null without stock. */
  stock: Float64Array | null;
  /** Turnover days per month (null: none or nothing sold) and whether each month is over the line. */
  turnover: (number | null)[];
  over: boolean[];
}

function readValue(text: string, spec: KpiFieldSpec, currency: string): ParseOutcome {
  if (text.trim() === '') return { ok: true, value: null };
  return parseUnit(text, spec.unit, currency, { signed: spec.min < 0, min: spec.min, max: spec.max, integer: spec.integer && spec.unit !== 'money' });
}

function shown(spec: KpiFieldSpec, v: number | null | undefined, money: Money): string {
  if (v === null || v === undefined) return '';
  return spec.unit === 'count' ? formatByUnit('count', v, money) : formatByUnit(spec.unit, v, money);
}

function exported(spec: KpiFieldSpec, v: number | null | undefined, currency: string) {
  if (v === null || v === undefined) return null;
  if (spec.unit === 'money') return moneyCell(v, currency);
  if (spec.unit === 'rate') return percentCell(v);
  return decimalCell(v, 2);
}

function editable(spec: CellSpec<KpiRow>, exportCell: ColumnContext<KpiRow>['exportCell']): Pick<ColDef<KpiRow>, 'editable' | 'context'> {
  return { editable: true, context: { cell: spec, exportCell } satisfies ColumnContext<KpiRow> };
}

const channelColumn = (): ColDef<KpiRow> => ({ colId: 'channel', headerName: t('cal.channel'), pinned: 'left', width: 170, valueGetter: (p) => p.data?.name ?? '' });

export function valueColumns(money: Money): ColDef<KpiRow>[] {
  const field = (key: TypedKpiField): ColDef<KpiRow> => {
    const spec = TYPED_KPI_SPECS[key];
    return {
      colId: key,
      headerName: t(`ckpi.field.${key}`),
      type: 'rightAligned',
      width: 160,
      // Field names carry their unit ("% satisfied", "m²"): wrapped, not cut.
      wrapHeaderText: true,
      autoHeaderHeight: true,
      valueGetter: (p) => p.data?.values[key] ?? null,
      valueFormatter: (p) => shown(spec, typeof p.value === 'number' ? p.value : null, money),
      ...editable(
        {
          parse: (text) => readValue(text, spec, money.currency),
          ops: (row, value) => setTypedValue(row.id, key, value as number | null),
          copy: (row) => {
            const v = row.values[key];
            return v === undefined ? '' : unitToInput(spec.unit, v, money.currency);
          },
        },
        (row) => exported(spec, row.values[key], money.currency),
      ),
    };
  };
  return [channelColumn(), ...TYPED_KPI_FIELDS.map(field)];
}

/** Every-month level, then one column per plan month; a month over the alert line is red. */
export function stockColumns(months: readonly string[], money: Money, locale: string): ColDef<KpiRow>[] {
  const read = (text: string): ParseOutcome => readValue(text, STOCK_SPEC, money.currency);
  const base: ColDef<KpiRow> = {
    colId: 'base',
    headerName: t('ckpi.stock.base'),
    type: 'rightAligned',
    width: 140,
    valueGetter: (p) => p.data?.values.stock?.base ?? null,
    valueFormatter: (p) => (typeof p.value === 'number' ? formatByUnit('money', p.value, money) : ''),
    ...editable(
      {
        parse: read,
        ops: (row, value) => setStockBase(row.id, row.values.stock, value as number | null),
        copy: (row) => (row.values.stock?.base === undefined ? '' : unitToInput('money', row.values.stock.base, money.currency)),
      },
      (row) => moneyCell(row.values.stock?.base ?? null, money.currency),
    ),
  };
  const month = (key: string, t0: number): ColDef<KpiRow> => ({
    colId: `m:${key}`,
    headerName: formatMonth(key, locale),
    type: 'rightAligned',
    width: 125,
    valueGetter: (p) => (p.data?.stock ? p.data.stock[t0] : null),
    valueFormatter: (p) => (typeof p.value === 'number' ? formatByUnit('money', p.value, money) : ''),
    tooltipValueGetter: (p) => (p.data && p.data.stock ? `${t('ckpi.stock.turnover')}: ${daysText(p.data.turnover[t0])}` : ''),
    cellClassRules: {
      'rag-red': (p) => !!p.data?.over[t0],
      // A typed month reads apart from the every-month level, as typed driver months do.
      overridden: (p) => p.data?.values.stock?.overrides?.[key] !== undefined,
    },
    ...editable(
      {
        parse: read,
        ops: (row, value) => setStockMonth(row.id, key, value as number | null),
        copy: (row) => (row.stock ? unitToInput('money', row.stock[t0], money.currency) : ''),
      },
      (row) => moneyCell(row.stock ? row.stock[t0] : null, money.currency),
    ),
  });
  return [channelColumn(), base, ...months.map(month)];
}
