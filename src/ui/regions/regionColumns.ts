import type { ColDef, ITooltipParams } from 'ag-grid-community';
import { DRIVER_SPECS } from '../../engine/drivers';
import { metricFormat } from '../../engine/metrics';
import type { Op } from '../../engine/patch';
import { regionDriverOps, regionWeightOps } from '../../engine/regions/edits';
import type { RegionSelection, RegionTableRow } from '../../engine/regions/table';
import { UNASSIGNED_REGION } from '../../engine/rollup';
import type { Plan } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import { unitCell } from '../export/cells';
import type { CellSpec } from '../grid/cellSpec';
import { formatByUnit, parseDriver, parseUnit, unitToInput, type Money } from '../units';

/** A grid row: a channel, or the total row (channel −1) whose values are the region totals. */
export type RegionGridRow = RegionTableRow;

/** The unit of what a selection shows, for formatting and exports. */
export function selectionUnit(sel: RegionSelection): 'money' | 'rate' | 'count' | 'percent' | 'ratio' {
  if (sel.kind === 'share') return 'rate';
  if (sel.kind === 'driver') return DRIVER_SPECS[sel.key].unit;
  return metricFormat(sel.key);
}

export function regionName(plan: Plan, id: string): string {
  return id === UNASSIGNED_REGION ? t('grid.unassigned') : (plan.regions.find((r) => r.id === id)?.name ?? id);
}

/** The op a share cell becomes; weights of a channel are merged into one write by `mergeShareOps`. */
function shareCellOp(row: RegionGridRow, regionId: string, value: number | undefined): Op {
  return { path: ['channels', row.channel, 'regionWeights', regionId], value };
}

/**
 * Typed or pasted shares of one channel become one write of its weights (edits.ts), so that a row
 * pasted as 50 % / 30 % / 20 % is stored as typed, and a single share typed leaves the other regions
 * their proportions of the rest. Other ops pass through.
 */
export function mergeShareOps(plan: Plan, ops: readonly Op[]): Op[] {
  const typed = new Map<number, Map<string, number | undefined>>();
  const out: Op[] = [];
  for (const op of ops) {
    const [root, c, field, regionId] = op.path;
    if (root === 'channels' && typeof c === 'number' && field === 'regionWeights' && typeof regionId === 'string' && op.path.length === 4) {
      const m = typed.get(c) ?? new Map<string, number | undefined>();
      m.set(regionId, op.value as number | undefined);
      typed.set(c, m);
    } else out.push(op);
  }
  for (const [c, m] of typed) out.push(...regionWeightOps(plan, c, m));
  return out;
}

function cellSpec(sel: RegionSelection, regionId: string, j: number, money: Money, plan: () => Plan): CellSpec<RegionGridRow> | undefined {
  if (sel.kind === 'metric') return undefined;
  if (sel.kind === 'share') {
    return {
      parse: (text) => (text.trim() === '' ? { ok: true, value: undefined } : parseUnit(text, 'rate', money.currency, { min: 0, max: 1 })),
      ops: (row, value) => [shareCellOp(row, regionId, value as number | undefined)],
      copy: (row) => {
        const v = row.values[j];
        return v === null || v === undefined ? '' : unitToInput('rate', v, money.currency);
      },
    };
  }
  const key = sel.key;
  const unit = DRIVER_SPECS[key].unit;
  return {
    // Clearing a cell (Delete, or pasting an empty cell) returns the region to the channel's value.
    parse: (text) => (text.trim() === '' ? { ok: true, value: undefined } : parseDriver(text, key, money.currency)),
    ops: (row, value) => regionDriverOps(plan(), row.channel, regionId, key, value as number | undefined),
    copy: (row) => {
      const v = row.values[j];
      return v === null || v === undefined ? '' : unitToInput(unit, v, money.currency);
    },
  };
}

/** Channels down, regions across, and each channel's total at the right. */
export function regionGridColumns(plan: () => Plan, columns: readonly string[], sel: RegionSelection, money: Money): ColDef<RegionGridRow>[] {
  const unit = selectionUnit(sel);
  const format = (v: number | null): string => formatByUnit(unit, v, money);
  const exportAs = (v: number) => unitCell(unit, v, money.currency);
  const editable = sel.kind !== 'metric';
  const cols: ColDef<RegionGridRow>[] = [
    {
      colId: 'name',
      headerName: t('reg.channel'),
      pinned: 'left',
      width: 180,
      valueGetter: (p) => p.data?.name ?? '',
      tooltipValueGetter: (p: ITooltipParams<RegionGridRow>) => p.data?.name ?? '',
    },
  ];
  columns.forEach((regionId, j) => {
    const spec = regionId === UNASSIGNED_REGION ? undefined : cellSpec(sel, regionId, j, money, plan);
    cols.push({
      colId: `r.${regionId || '_'}`,
      headerName: regionName(plan(), regionId),
      headerTooltip: regionName(plan(), regionId),
      type: 'rightAligned',
      flex: 1,
      minWidth: 120,
      valueGetter: (p) => p.data?.values[j] ?? null,
      valueFormatter: (p) => (p.data && p.data.channel >= 0 && !p.data.served[j] && p.value === null ? '—' : format((p.value as number | null) ?? null)),
      tooltipValueGetter: (p: ITooltipParams<RegionGridRow>) => {
        const row = p.data;
        if (!row || row.channel < 0) return '';
        if (!row.served[j]) return regionId === UNASSIGNED_REGION ? t('reg.tip.unassigned') : t('reg.tip.notServed');
        if (sel.kind === 'metric') return row.own[j] ? t('reg.tip.resultOwn') : t('reg.tip.resultShared');
        if (sel.kind === 'share') return row.own[j] ? t('reg.tip.shareOwn') : t('reg.tip.shareEqual');
        return row.own[j] ? t('reg.tip.driverOwn') : t('reg.tip.driverInherited');
      },
      cellClassRules: {
        'own-value': (p) => (p.data?.channel ?? -1) >= 0 && p.data?.own[j] === true,
        'inherited-value': (p) => editable && (p.data?.channel ?? -1) >= 0 && p.data?.served[j] === true && p.data?.own[j] !== true,
        'not-served': (p) => (p.data?.channel ?? -1) >= 0 && p.data?.served[j] !== true,
        negative: (p) => typeof p.value === 'number' && p.value < 0,
      },
      editable: spec ? (p) => (p.data?.channel ?? -1) >= 0 && p.data?.served[j] === true : false,
      cellEditorParams: { useFormatter: true },
      context: spec ? { cell: spec, format: exportAs } : { copy: (row: RegionGridRow) => String(row.values[j] ?? ''), format: exportAs },
    });
  });
  cols.push({
    colId: 'total',
    headerName: sel.kind === 'share' ? t('reg.shareTotal') : t('grid.total'),
    pinned: 'right',
    type: 'rightAligned',
    width: 140,
    valueGetter: (p) => p.data?.total ?? null,
    valueFormatter: (p) => format((p.value as number | null) ?? null),
    cellClassRules: { 'total-column': () => true, negative: (p) => typeof p.value === 'number' && p.value < 0 },
    context: { copy: (row: RegionGridRow) => String(row.total ?? ''), format: exportAs },
  });
  return cols;
}
