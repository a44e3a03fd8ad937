/**
 * Columns of the variance grid: one group per plan month with plan, actual, Δ and Δ %. Numbers are
 * read-only; exports get typed cells (money in major units, percentages as fractions). The tolerance
 * shows as a colour and a symbol, so it is not told by colour alone.
 */
import type { CellClassParams, ColDef, ColGroupDef } from 'ag-grid-community';
import { toleranceStatus, type VarianceCell, type VarianceMeasure } from '../../../engine/variance/variance';
import { formatCount, formatMoney, formatMonth } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';
import { countCell, moneyCell, percentCell, type ExportCell } from '../../export/cells';
import { formatRelative } from '../../metricDefinitions';
import type { ColumnContext } from '../../grid/cellSpec';
import type { Money } from '../../units';

export interface VarianceGridRow {
  id: string;
  name: string;
  cells: VarianceCell[];
}

export const SYMBOL = { above: '▲', below: '▼', within: '✓', none: '' } as const;

/** Money measures in minor units, counts as they are. */
export function measureText(measure: VarianceMeasure, v: number | null, money: Money): string {
  if (v === null) return '';
  return measure === 'orders' ? formatCount(v, money.locale) : formatMoney(v, money.currency, money.locale);
}

export function measureCell(measure: VarianceMeasure, v: number | null, currency: string): ExportCell {
  return measure === 'orders' ? countCell(v) : moneyCell(v, currency);
}

/** Over plan is good news for revenue and orders and a warning for spend. */
export function toneOf(measure: VarianceMeasure, cell: VarianceCell, tolerance: number): 'good' | 'bad' | 'ok' | '' {
  const s = toleranceStatus(cell, tolerance);
  if (s === 'none') return '';
  if (s === 'within') return 'ok';
  const over = s === 'above';
  return over === (measure !== 'spend') ? 'good' : 'bad';
}

export function pctText(cell: VarianceCell, tolerance: number, locale: string): string {
  if (cell.delta === null) return '';
  const symbol = SYMBOL[toleranceStatus(cell, tolerance)];
  return `${symbol} ${cell.deltaPct === null ? '—' : formatRelative(cell.deltaPct, locale)}`;
}

function signedText(measure: VarianceMeasure, v: number | null, money: Money): string {
  if (v === null) return '';
  const text = measureText(measure, Math.abs(v), money);
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : `±${text}`;
}

export function varianceColumns(
  months: readonly string[], measure: VarianceMeasure, tolerance: number, money: Money,
): (ColDef<VarianceGridRow> | ColGroupDef<VarianceGridRow>)[] {
  const cellOf = (p: { data?: VarianceGridRow }, t0: number): VarianceCell | null => p.data?.cells[t0] ?? null;
  const toneClass = (t0: number) => (p: CellClassParams<VarianceGridRow>): string => {
    const c = cellOf(p, t0);
    const tone = c ? toneOf(measure, c, tolerance) : '';
    return tone === 'good' ? 'rag-green' : tone === 'bad' ? 'rag-red' : '';
  };
  const num = (t0: number, pick: (c: VarianceCell) => number | null, width = 120): ColDef<VarianceGridRow> => ({
    valueGetter: (p) => {
      const c = cellOf(p, t0);
      return c ? pick(c) : null;
    },
    width,
    type: 'rightAligned',
  });
  const name: ColDef<VarianceGridRow> = {
    colId: 'name',
    headerName: t('variance.ytd.channel'),
    field: 'name',
    pinned: 'left',
    width: 220,
  };
  const groups = months.map((m, t0): ColGroupDef<VarianceGridRow> => ({
    headerName: formatMonth(m, money.locale),
    groupId: m,
    children: [
      {
        ...num(t0, (c) => c.plan),
        colId: `${m}:plan`,
        headerName: t('variance.plan'),
        valueFormatter: (p) => measureText(measure, p.value as number | null, money),
        context: { format: (v: number) => measureCell(measure, v, money.currency) } satisfies ColumnContext<VarianceGridRow>,
      },
      {
        ...num(t0, (c) => c.actual),
        colId: `${m}:actual`,
        headerName: t('variance.actual'),
        valueFormatter: (p) => measureText(measure, p.value as number | null, money),
        context: { format: (v: number) => measureCell(measure, v, money.currency) } satisfies ColumnContext<VarianceGridRow>,
      },
      {
        ...num(t0, (c) => c.delta),
        colId: `${m}:delta`,
        headerName: t('variance.delta'),
        valueFormatter: (p) => signedText(measure, p.value as number | null, money),
        cellClass: toneClass(t0),
        context: { format: (v: number) => measureCell(measure, v, money.currency) } satisfies ColumnContext<VarianceGridRow>,
      },
      {
        ...num(t0, (c) => c.deltaPct, 100),
        colId: `${m}:deltaPct`,
        headerName: t('variance.deltaPct'),
        valueFormatter: (p) => {
          const c = cellOf(p, t0);
          return c ? pctText(c, tolerance, money.locale) : '';
        },
        cellClass: toneClass(t0),
        context: {
          exportCell: (row: VarianceGridRow) => percentCell(row.cells[t0]?.deltaPct ?? null),
        } satisfies ColumnContext<VarianceGridRow>,
      },
    ],
  }));
  return [name, ...groups];
}
