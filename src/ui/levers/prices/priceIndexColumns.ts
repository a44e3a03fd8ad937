/**
 * The price index grid: one row per channel, one column per month, and the index of the months not
 * typed ("every other month", the index driver's base). A typed month is highlighted like an
 * override in the period grid; clearing it brings it back to the base.
 */
import type { ColDef } from 'ag-grid-community';
import { priceIndexSeries } from '../../../engine/levers/price';
import { monthKeys } from '../../../engine/timeline';
import type { Plan } from '../../../engine/types';
import { formatPercent } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';
import { percentCell } from '../../export/cells';
import type { CellSpec } from '../../grid/cellSpec';
import { bucketLabel } from '../../grid/periodColumns';
import { baseIndexOp, monthIndexOp } from './priceOps';
import { parsePriceIndex, priceIndexToInput } from './priceInput';

export interface PriceRow {
  channelId: string;
  name: string;
  base: number;
  /** The plan's index per month (without scenario changes). */
  values: number[];
  typed: boolean[];
}

export function priceRows(plan: Plan): PriceRow[] {
  const months = monthKeys(plan.timeline);
  const index = priceIndexSeries(plan, months, null);
  const P = months.length;
  return plan.channels.map((ch, c) => {
    const entry = plan.prices?.channels.find((p) => p.channelId === ch.id);
    return {
      channelId: ch.id,
      name: ch.name,
      base: entry?.index.base ?? 1,
      values: months.map((_, k) => (index ? index[c * P + k] : 1)),
      typed: months.map((m) => entry?.index.overrides?.[m] !== undefined),
    };
  });
}

export function priceColumns(months: readonly string[], locale: string): ColDef<PriceRow>[] {
  const show = (v: unknown) => (typeof v === 'number' ? formatPercent(v, locale, 1) : '');
  const classes = { up: (p: { value: unknown }) => typeof p.value === 'number' && p.value > 1, down: (p: { value: unknown }) => typeof p.value === 'number' && p.value < 1 };
  const baseSpec: CellSpec<PriceRow> = {
    // An empty base is today's price.
    parse: (text) => (text.trim() === '' ? { ok: true, value: 1 } : parsePriceIndex(text)),
    ops: (row, value) => [baseIndexOp(row.channelId, value as number)],
    copy: (row) => priceIndexToInput(row.base),
  };
  const cols: ColDef<PriceRow>[] = [
    { colId: 'name', headerName: t('grid.name'), pinned: 'left', width: 160, valueGetter: (p) => p.data?.name ?? '', context: { copy: (r: PriceRow) => r.name } },
    {
      colId: 'base',
      headerName: t('levers.price.col.base'),
      headerTooltip: t('levers.price.col.baseHint'),
      pinned: 'left',
      width: 120,
      type: 'rightAligned',
      editable: true,
      valueGetter: (p) => p.data?.base ?? null,
      valueFormatter: (p) => show(p.value),
      cellClassRules: classes,
      context: { cell: baseSpec, format: (v: number) => percentCell(v) },
      cellEditorParams: { useFormatter: true },
    },
  ];
  months.forEach((month, k) => {
    const spec: CellSpec<PriceRow> = {
      // Clearing a month (Delete, or pasting an empty cell) takes it back to the base.
      parse: (text) => (text.trim() === '' ? { ok: true, value: undefined } : parsePriceIndex(text)),
      ops: (row, value) => [monthIndexOp(row.channelId, month, value as number | undefined)],
      copy: (row) => priceIndexToInput(row.values[k]),
    };
    cols.push({
      colId: `m.${month}`,
      headerName: bucketLabel(month, locale),
      type: 'rightAligned',
      flex: 1,
      minWidth: 108,
      editable: true,
      valueGetter: (p) => p.data?.values[k] ?? null,
      valueFormatter: (p) => show(p.value),
      cellClassRules: { ...classes, overridden: (p) => p.data?.typed[k] === true },
      context: { cell: spec, format: (v: number) => percentCell(v) },
      cellEditorParams: { useFormatter: true },
    });
  });
  return cols;
}
