import type { ColDef } from 'ag-grid-community';
import type { PartnerScore } from '../../engine/evaluation';
import { MAX_PARTNER_SCORE, MIN_PARTNER_SCORE } from '../../engine/evaluation';
import type { Partner, PartnerCriterion, PartnerKind, Region } from '../../engine/types';
import { PARTNER_CRITERIA, PARTNER_KINDS } from '../../engine/types';
import { MAX_NAME_LENGTH } from '../../engine/validate';
import { formatDecimal } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { CellSpec, ColumnContext } from '../grid/cellSpec';
import { parseUnit } from '../units';

export interface PartnerRow {
  index: number;
  partner: Partner;
  result: PartnerScore | null;
}

const BASE = ['evaluation', 'partners', 'partners'] as const;

function editable(spec: CellSpec<PartnerRow>): Pick<ColDef<PartnerRow>, 'editable' | 'context'> & { context: ColumnContext<PartnerRow> } {
  return { editable: true, context: { cell: spec } };
}

function choice<T extends string>(choices: readonly T[], label: (v: T) => string, text: string): T | null {
  const s = text.trim().toLowerCase();
  return choices.find((c) => c.toLowerCase() === s || label(c).toLowerCase() === s) ?? null;
}

/** Partner grid: name, kind, region and the eight criteria (1–5, typed or pasted), then the results. */
export function partnerColumns(regions: readonly Region[], locale: string): ColDef<PartnerRow>[] {
  const kindLabel = (k: PartnerKind): string => t(`partner.kind.${k}`);
  const regionLabel = (id: string): string => (id === '' ? t('partner.noRegion') : (regions.find((r) => r.id === id)?.name ?? id));
  const regionIds = ['', ...regions.map((r) => r.id)];
  const criterion = (c: PartnerCriterion): ColDef<PartnerRow> => ({
    colId: `score.${c}`,
    headerName: t(`partner.c.${c}`),
    headerTooltip: t(`partner.help.${c}`),
    type: 'rightAligned',
    width: 104,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    valueGetter: (p) => p.data?.partner.scores[c] ?? null,
    ...editable({
      parse: (text) => {
        const r = parseUnit(text, 'count', '', { integer: true, min: MIN_PARTNER_SCORE, max: MAX_PARTNER_SCORE });
        return r.ok ? r : { ok: false, message: t('partner.scoreRange', { value: text.trim() }) };
      },
      ops: (row, value) => [{ path: [...BASE, row.index, 'scores', c], value }],
      copy: (row) => String(row.partner.scores[c]),
    }),
  });
  return [
    {
      colId: 'name',
      headerName: t('partner.name'),
      pinned: 'left',
      width: 180,
      valueGetter: (p) => p.data?.partner.name ?? '',
      ...editable({
        parse: (text) => {
          const s = text.trim();
          if (s === '') return { ok: false, message: t('input.nameRequired') };
          return { ok: true, value: s.slice(0, MAX_NAME_LENGTH) };
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'name'], value }],
        copy: (row) => row.partner.name,
      }),
    },
    {
      colId: 'kind',
      headerName: t('partner.kind'),
      width: 120,
      valueGetter: (p) => p.data?.partner.kind ?? null,
      valueFormatter: (p) => (p.value ? kindLabel(p.value as PartnerKind) : ''),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...PARTNER_KINDS], formatValue: (v: PartnerKind) => kindLabel(v) },
      ...editable({
        parse: (text) => {
          const hit = choice(PARTNER_KINDS, kindLabel, text);
          return hit ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: text.trim() }) };
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'kind'], value }],
        copy: (row) => kindLabel(row.partner.kind),
      }),
    },
    {
      colId: 'region',
      headerName: t('partner.region'),
      width: 130,
      valueGetter: (p) => p.data?.partner.regionId ?? '',
      valueFormatter: (p) => regionLabel(String(p.value ?? '')),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: regionIds, formatValue: (v: string) => regionLabel(v) },
      ...editable({
        parse: (text) => {
          const s = text.trim().toLowerCase();
          const hit = regionIds.find((id) => id.toLowerCase() === s || regionLabel(id).toLowerCase() === s);
          return hit !== undefined ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: text.trim() }) };
        },
        ops: (row, value) => [{ path: [...BASE, row.index, 'regionId'], value }],
        copy: (row) => regionLabel(row.partner.regionId),
      }),
    },
    ...PARTNER_CRITERIA.map(criterion),
    {
      colId: 'score',
      pinned: 'right',
      headerName: t('partner.score'),
      type: 'rightAligned',
      width: 110,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      valueGetter: (p) => p.data?.result?.score100 ?? null,
      valueFormatter: (p) => formatDecimal(typeof p.value === 'number' ? p.value : null, locale),
      context: { copy: (row: PartnerRow) => (row.result?.score100 === null || row.result === null ? '' : String(Math.round((row.result.score100 as number) * 10) / 10)) },
    },
    {
      colId: 'rank',
      pinned: 'right',
      headerName: t('partner.rank'),
      type: 'rightAligned',
      width: 80,
      valueGetter: (p) => p.data?.result?.rank ?? null,
      context: { copy: (row: PartnerRow) => String(row.result?.rank ?? '') },
    },
    {
      colId: 'tier',
      pinned: 'right',
      headerName: t('partner.tier'),
      width: 80,
      valueGetter: (p) => p.data?.result?.tier ?? null,
      cellClass: (p) => (p.value === 'A' ? 'rag-green' : p.value === 'C' ? 'rag-red' : p.value === 'B' ? 'rag-amber' : ''),
      context: { copy: (row: PartnerRow) => row.result?.tier ?? '' },
    },
  ];
}
