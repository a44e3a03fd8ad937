import type { ColDef } from 'ag-grid-community';
import { FORBIDDEN_KEYS } from '../../engine/planFile/format';
import type { AovCheck } from '../../engine/evaluation';
import type { Channel, PriceEntry, Region } from '../../engine/types';
import { MAX_NAME_LENGTH } from '../../engine/validate';
import { t } from '../../state/i18n.svelte';
import type { CellSpec, ColumnContext, ParseOutcome } from '../grid/cellSpec';
import { formatByUnit, parseUnit, unitToInput, type Money } from '../units';

/**
 * Product names key the reference-price map; names an object treats specially would not survive a
 * plan file (the reader drops them as prototype keys), so they are refused here.
 */
export function productName(text: string): ParseOutcome {
  const s = text.trim().slice(0, MAX_NAME_LENGTH);
  if (s === '') return { ok: false, message: t('input.nameRequired') };
  if (FORBIDDEN_KEYS.has(s)) return { ok: false, message: t('price.reservedName', { name: s }) };
  return { ok: true, value: s };
}

export interface PriceRow {
  index: number;
  entry: PriceEntry;
  /** The entry is part of a listed conflict. */
  flagged: boolean;
  /** The entry read against the plan's AOV in its channel × region (regional plans). */
  aov?: AovCheck;
}

const BASE = ['evaluation', 'prices', 'entries'] as const;

function editable(spec: CellSpec<PriceRow>): Pick<ColDef<PriceRow>, 'editable' | 'context'> & { context: ColumnContext<PriceRow> } {
  return { editable: true, context: { cell: spec } };
}

/**
 * Price list: product, channel, region (or all regions) and price, typed or pasted from a spreadsheet;
 * in a regional plan also the plan's AOV in that channel × region, the AOV the price implies and how
 * far apart they are (docs/model.md#regional-prices), read only.
 */
export function priceColumns(channels: readonly Channel[], regions: readonly Region[], money: Money, regional = false): ColDef<PriceRow>[] {
  const base = baseColumns(channels, regions, money);
  return regional ? [...base, ...aovColumns(money)] : base;
}

function aovColumns(money: Money): ColDef<PriceRow>[] {
  const moneyOf = (v: unknown): string => (typeof v === 'number' ? formatByUnit('money', Math.round(v), money) : '');
  return [
    { colId: 'planAov', headerName: t('price.aov.planAov'), type: 'rightAligned', width: 150, valueGetter: (p) => p.data?.aov?.planAov ?? null, valueFormatter: (p) => moneyOf(p.value) },
    { colId: 'impliedAov', headerName: t('price.aov.implied'), type: 'rightAligned', width: 185, valueGetter: (p) => p.data?.aov?.impliedAov ?? null, valueFormatter: (p) => moneyOf(p.value) },
    {
      colId: 'aovGap',
      headerName: t('price.aov.gap'),
      width: 170,
      valueGetter: (p) => {
        const a = p.data?.aov;
        if (!a || a.status === 'allRegions') return '';
        // A sign only on a gap the two decimals show: rounding of minor units is not a direction.
        if (a.gap !== null) return `${a.gap >= 0.00005 ? '+' : a.gap <= -0.00005 ? '−' : ''}${formatByUnit('rate', Math.abs(a.gap), money)}`;
        return t(`price.aov.status.${a.status}`);
      },
      cellClass: (p) => (p.data?.aov && p.data.aov.status !== 'agrees' && p.data.aov.status !== 'allRegions' ? 'rag-amber' : ''),
    },
  ];
}

function baseColumns(channels: readonly Channel[], regions: readonly Region[], money: Money): ColDef<PriceRow>[] {
  const channelName = (id: string): string => channels.find((c) => c.id === id)?.name ?? id;
  const regionName = (id: string): string => (id === '' ? t('price.allRegions') : (regions.find((r) => r.id === id)?.name ?? id));
  const pick = (ids: readonly string[], label: (id: string) => string, text: string): string | undefined => {
    const s = text.trim().toLowerCase();
    return ids.find((id) => id.toLowerCase() === s || label(id).toLowerCase() === s);
  };
  const channelIds = channels.map((c) => c.id);
  const regionIds = ['', ...regions.map((r) => r.id)];
  return [
    {
      colId: 'product',
      headerName: t('price.product'),
      width: 180,
      valueGetter: (p) => p.data?.entry.product ?? '',
      cellClass: (p) => (p.data?.flagged ? 'rag-amber' : ''),
      ...editable({
        parse: (text) => productName(text),
        ops: (row, value) => [{ path: [...BASE, row.index, 'product'], value }],
        copy: (row) => row.entry.product,
      }),
    },
    {
      colId: 'channel',
      headerName: t('cal.channel'),
      width: 240,
      valueGetter: (p) => p.data?.entry.channelId ?? '',
      valueFormatter: (p) => channelName(String(p.value ?? '')),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: channelIds, formatValue: (v: string) => channelName(v) },
      ...editable({
        parse: (text) => {
          const hit = pick(channelIds, channelName, text);
          return hit !== undefined ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: text.trim() }) };
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'channelId'], value }],
        copy: (row) => channelName(row.entry.channelId),
      }),
    },
    {
      colId: 'region',
      headerName: t('partner.region'),
      width: 200,
      valueGetter: (p) => p.data?.entry.regionId ?? '',
      valueFormatter: (p) => regionName(String(p.value ?? '')),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: regionIds, formatValue: (v: string) => regionName(v) },
      ...editable({
        parse: (text) => {
          const hit = pick(regionIds, regionName, text);
          return hit !== undefined ? { ok: true, value: hit } : { ok: false, message: t('input.unknownRegion', { value: text.trim() }) };
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'regionId'], value }],
        copy: (row) => regionName(row.entry.regionId),
      }),
    },
    {
      colId: 'price',
      headerName: t('price.price'),
      type: 'rightAligned',
      width: 130,
      valueGetter: (p) => p.data?.entry.price ?? null,
      valueFormatter: (p) => (typeof p.value === 'number' ? formatByUnit('money', p.value, money) : ''),
      ...editable({
        parse: (text) => {
          const r = parseUnit(text, 'money', money.currency);
          return r.ok && (r.value as number) <= 0 ? { ok: false, message: t('price.positive') } : r;
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'price'], value }],
        copy: (row) => unitToInput('money', row.entry.price, money.currency),
      }),
    },
  ];
}
