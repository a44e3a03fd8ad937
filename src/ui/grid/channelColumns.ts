import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { PlanResult } from '../../engine/compute';
import { DRIVER_SPECS } from '../../engine/drivers';
import { HEADLINE_METRICS, metricFormat } from '../../engine/metrics';
import { rollup, rollupValue, type Rollup } from '../../engine/rollup';
import type { Channel, CurveType, DriverKey, MetricKey, Plan, Region } from '../../engine/types';
import { CHANNEL_ROLES, CHANNEL_TYPES, DRIVER_KEYS } from '../../engine/types';
import { MAX_NAME_LENGTH } from '../../engine/validate';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, formatMetric, parseDriver, parseUnit, unitToInput, type Money } from '../units';
import { decimalCell, unitCell } from '../export/cells';
import type { CellSpec, ColumnContext } from './cellSpec';

export interface ChannelRow {
  /** Position in plan.channels; -1 for the total row. */
  index: number;
  id: string;
  channel: Channel | null;
  name: string;
  metrics: Partial<Record<MetricKey, number | null>>;
}

/** One row per channel with its whole-plan headline metrics, and a total row. */
/**
 * One row per channel of the current plan with its whole-plan headline metrics from the latest
 * result (matched by channel id: the result may lag an edit by a frame), and a total row.
 */
export function channelRows(plan: Plan, computed: { plan: Plan; out: { result: PlanResult } } | null): { rows: ChannelRow[]; total: ChannelRow } {
  const byChannel = computed ? rollup(computed.plan, computed.out.result, 'channel', 'all') : null;
  const whole = computed ? rollup(computed.plan, computed.out.result, 'total', 'all') : null;
  const metrics = (r: Rollup | null, g: number): ChannelRow['metrics'] => {
    const out: ChannelRow['metrics'] = {};
    if (r && g >= 0) for (const m of [...HEADLINE_METRICS, 'cannibalised' as const]) out[m] = rollupValue(r, m, g, 0);
    return out;
  };
  const rows = plan.channels.map((ch, i): ChannelRow => ({
    index: i,
    id: ch.id,
    channel: ch,
    name: ch.name,
    metrics: metrics(byChannel, byChannel ? byChannel.groupKeys.indexOf(ch.id) : -1),
  }));
  const total: ChannelRow = { index: -1, id: '__total', channel: null, name: t('grid.total'), metrics: metrics(whole, 0) };
  return { rows, total };
}

function editable<V>(spec: CellSpec<ChannelRow>): Pick<ColDef<ChannelRow>, 'editable' | 'context' | 'cellEditorParams'> & { context: ColumnContext<ChannelRow> } {
  void (null as V | null);
  return { editable: (p) => (p.data?.index ?? -1) >= 0, context: { cell: spec }, cellEditorParams: { useFormatter: true } };
}

function driverColumn(key: DriverKey, money: Money): ColDef<ChannelRow> {
  const unit = DRIVER_SPECS[key].unit;
  const base = (r: ChannelRow): number => r.channel?.drivers[key]?.base ?? 0;
  return {
    colId: `driver.${key}`,
    headerName: t(`driver.${key}`),
    headerTooltip: t(`driver.${key}`),
    type: 'rightAligned',
    width: unit === 'money' ? 130 : 110,
    valueGetter: (p) => (p.data?.channel ? base(p.data) : null),
    valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : formatByUnit(unit, p.value as number, money)),
    ...typed(editable({
      parse: (text) => parseDriver(text, key, money.currency),
      ops: (row, value) => [{ path: ['channels', row.index, 'drivers', key, 'base'], value }],
      copy: (row) => (row.channel ? unitToInput(unit, base(row), money.currency) : ''),
    }), (v) => unitCell(unit, v, money.currency)),
  };
}

/** Says what a numeric column's values are, for exports (see ColumnContext.format). */
function typed<T extends { context: ColumnContext<ChannelRow> }>(def: T, format: NonNullable<ColumnContext<ChannelRow>['format']>): T {
  return { ...def, context: { ...def.context, format } };
}

function choiceSpec<T extends string>(choices: readonly T[], label: (v: T) => string, field: 'type' | 'role'): CellSpec<ChannelRow> {
  return {
    parse: (text) => {
      const s = text.trim();
      const hit = choices.find((c) => c === s || label(c).toLowerCase() === s.toLowerCase());
      return hit ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: s }) };
    },
    ops: (row, value) => [{ path: ['channels', row.index, field], value }],
    copy: (row) => (row.channel ? label(row.channel[field] as T) : ''),
  };
}

function choiceColumn<T extends string>(field: 'type' | 'role', choices: readonly T[], label: (v: T) => string, width: number): ColDef<ChannelRow> {
  return {
    colId: field,
    headerName: t(`grid.${field}`),
    width,
    valueGetter: (p) => p.data?.channel?.[field] ?? null,
    valueFormatter: (p) => (p.value ? label(p.value as T) : ''),
    cellEditor: 'agSelectCellEditor',
    ...editable(choiceSpec(choices, label, field)),
    cellEditorParams: { values: [...choices], formatValue: (v: T) => label(v) },
  };
}

function curveColumns(money: Money): ColDef<ChannelRow>[] {
  const curveTypes: readonly CurveType[] = ['hill', 'linear', 'none'];
  const numeric = (field: 'max' | 'halfSat' | 'shape', unit: 'count' | 'money'): ColDef<ChannelRow> => ({
    colId: `curve.${field}`,
    headerName: t(`curve.${field}`),
    headerTooltip: t(`curve.${field}`),
    type: 'rightAligned',
    width: 120,
    valueGetter: (p) => p.data?.channel?.curve[field] ?? null,
    valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : field === 'shape' ? String(p.value) : formatByUnit(unit, p.value as number, money)),
    ...typed(editable({
      parse: (text) => {
        const r = parseUnit(text, unit, money.currency);
        if (r.ok && field === 'shape' && ((r.value as number) < 0.05 || (r.value as number) > 10)) return { ok: false, message: t('input.shape') };
        return r;
      },
      ops: (row, value) => [{ path: ['channels', row.index, 'curve', field], value }],
      copy: (row) => (row.channel ? unitToInput(unit, row.channel.curve[field], money.currency) : ''),
    }), (v) => (field === 'shape' ? decimalCell(v, 2) : unitCell(unit, v, money.currency))),
  });
  return [
    {
      colId: 'curve.type',
      headerName: t('curve.type'),
      width: 100,
      valueGetter: (p) => p.data?.channel?.curve.type ?? null,
      valueFormatter: (p) => (p.value ? t(`curve.${p.value as CurveType}`) : ''),
      cellEditor: 'agSelectCellEditor',
      ...editable({
        parse: (text) => {
          const s = text.trim().toLowerCase();
          const hit = curveTypes.find((c) => c === s || t(`curve.${c}`).toLowerCase() === s);
          return hit ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: text }) };
        },
        ops: (row, value) => [{ path: ['channels', row.index, 'curve', 'type'], value }],
        copy: (row) => (row.channel ? t(`curve.${row.channel.curve.type}`) : ''),
      }),
      cellEditorParams: { values: [...curveTypes], formatValue: (v: CurveType) => t(`curve.${v}`) },
    },
    numeric('max', 'count'),
    numeric('halfSat', 'money'),
    numeric('shape', 'count'),
  ];
}

function regionsColumn(regions: readonly Region[]): ColDef<ChannelRow> {
  const nameOf = (id: string): string => regions.find((r) => r.id === id)?.name ?? id;
  const text = (row: ChannelRow): string => (row.channel ? row.channel.regions.map(nameOf).join(', ') : '');
  return {
    colId: 'regions',
    headerName: t('grid.regions'),
    headerTooltip: t('grid.regionsHint'),
    width: 160,
    valueGetter: (p) => (p.data ? text(p.data) : ''),
    ...editable({
      parse: (raw) => {
        const parts = raw.split(/[,，、;]/).map((s) => s.trim()).filter(Boolean);
        const ids: string[] = [];
        for (const part of parts) {
          const r = regions.find((x) => x.id === part || x.name.toLowerCase() === part.toLowerCase());
          if (!r) return { ok: false, message: t('input.unknownRegion', { value: part }) };
          if (!ids.includes(r.id)) ids.push(r.id);
        }
        return { ok: true, value: ids };
      },
      ops: (row, value) => [{ path: ['channels', row.index, 'regions'], value }],
      copy: text,
    }),
  };
}

export function channelColumns(regions: readonly Region[], money: Money, showCannibalised = false): (ColDef<ChannelRow> | ColGroupDef<ChannelRow>)[] {
  const nameSpec: CellSpec<ChannelRow> = {
    parse: (text) => {
      const s = text.trim();
      if (!s) return { ok: false, message: t('input.nameRequired') };
      return { ok: true, value: s.slice(0, MAX_NAME_LENGTH) };
    },
    ops: (row, value) => [{ path: ['channels', row.index, 'name'], value }],
    copy: (row) => row.name,
  };
  const metricCol = (m: MetricKey): ColDef<ChannelRow> => ({
    colId: `metric.${m}`,
    headerName: t(`metric.${m}`),
    headerTooltip: t(`metric.${m}`),
    type: 'rightAligned',
    width: 130,
    valueGetter: (p) => p.data?.metrics[m] ?? null,
    valueFormatter: (p) => formatMetric(m, (p.value as number | null) ?? null, money),
    cellClassRules: { negative: (p) => typeof p.value === 'number' && p.value < 0 },
    context: { format: (v: number) => unitCell(metricFormat(m), v, money.currency) } satisfies ColumnContext<ChannelRow>,
  });
  return [
    {
      colId: 'name',
      headerName: t('grid.name'),
      pinned: 'left',
      width: 180,
      valueGetter: (p) => p.data?.name ?? '',
      cellClassRules: { 'total-cell': (p) => p.data?.index === -1 },
      ...editable(nameSpec),
    },
    choiceColumn('type', CHANNEL_TYPES, (v) => t(`type.${v}`), 150),
    choiceColumn('role', CHANNEL_ROLES, (v) => t(`role.${v}`), 100),
    regionsColumn(regions),
    { headerName: t('grid.baseline'), children: DRIVER_KEYS.map((k) => driverColumn(k, money)) },
    { headerName: t('grid.curve'), children: curveColumns(money) },
    { headerName: t('grid.results'), children: (showCannibalised ? [...HEADLINE_METRICS, 'cannibalised' as const] : HEADLINE_METRICS).map(metricCol) },
  ];
}
