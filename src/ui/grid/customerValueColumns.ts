/**
 * The channel grid's read-only customer-value columns (docs/model.md#customer-value): LTV:CAC and
 * payback months per channel, from the plan's CLV snapshot and each channel's CAC over the plan.
 * Shown only when the plan uses CLV; the tooltip says where the CLV comes from and how old it is.
 */
import type { ColDef, ColGroupDef, ITooltipParams } from 'ag-grid-community';
import type { CustomerValue } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import { decimalCell } from '../export/cells';
import { ltvCacText, ltvCacTooltip, paybackText } from '../customerValue/valueText';
import type { Money } from '../units';
import type { ColumnContext } from './cellSpec';
import type { ChannelRow } from './channelColumns';

export function customerValueColumns(snapshot: CustomerValue, money: Money): ColGroupDef<ChannelRow> {
  const now = Date.now();
  const hint = (p: ITooltipParams<ChannelRow>) => (p.data && p.data.index >= 0 ? ltvCacTooltip(p.data.name, p.data.customerValue, snapshot, money, now) : '');
  const ltvCac: ColDef<ChannelRow> = {
    colId: 'cvalue.ltvCac',
    headerName: t('metric.ltvCac'),
    headerTooltip: t('metric.ltvCac'),
    type: 'rightAligned',
    width: 110,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    valueGetter: (p) => p.data?.customerValue?.ltvCac ?? null,
    valueFormatter: (p) => (p.data && p.data.index >= 0 ? ltvCacText(p.data.customerValue, money.locale) : ''),
    tooltipValueGetter: hint,
    cellClassRules: { negative: (p) => typeof p.value === 'number' && p.value < 1 },
    context: { format: (v: number) => decimalCell(v, 2) } satisfies ColumnContext<ChannelRow>,
  };
  const payback: ColDef<ChannelRow> = {
    colId: 'cvalue.payback',
    headerName: t('metric.paybackMonths'),
    headerTooltip: t('cvalue.paybackHint', { months: snapshot.horizonMonths }),
    type: 'rightAligned',
    width: 110,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    valueGetter: (p) => p.data?.customerValue?.payback ?? null,
    valueFormatter: (p) => (p.data && p.data.index >= 0 ? paybackText(p.data.customerValue, snapshot, money.locale) : ''),
    tooltipValueGetter: (p) => (p.data && p.data.index >= 0 ? t('cvalue.paybackHint', { months: snapshot.horizonMonths }) : ''),
    cellClassRules: { negative: (p) => p.data?.customerValue?.beyondHorizon === true },
    context: { format: (v: number) => decimalCell(v, 1) } satisfies ColumnContext<ChannelRow>,
  };
  return { headerName: t('cvalue.title'), headerTooltip: t('cvalue.title'), wrapHeaderText: true, autoHeaderHeight: true, children: [ltvCac, payback] };
}
