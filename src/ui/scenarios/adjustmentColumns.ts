import type { ColDef } from 'ag-grid-community';
import { DRIVER_SPECS, type DriverUnit } from '../../engine/drivers';
import { parseMonth } from '../../engine/timeline';
import type { Adjustment, AdjustmentOp, AdjustmentTarget, DriverKey, Plan } from '../../engine/types';
import { CHANNEL_TYPES, DRIVER_KEYS } from '../../engine/types';
import { formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { defaultSlider, opNumber, withOpNumber } from '../../state/scenarioEdits';
import type { CellSpec, ParseOutcome } from '../grid/cellSpec';
import { formatByUnit, parseUnit, unitToInput, type Money } from '../units';
import { channelName, opNumberText, targetText } from './describe';

export interface AdjustmentRow {
  id: string;
  /** Index of the scenario in plan.scenarios and of the adjustment in it. */
  si: number;
  ai: number;
  adj: Adjustment;
}

const OP_KINDS: readonly AdjustmentOp['kind'][] = ['set', 'scale', 'add', 'move'];

/** The unit of an adjustment's number: percent points for scale, money for a budget move. */
function numberUnit(adj: Adjustment): DriverUnit | 'percent' {
  if (adj.op.kind === 'scale') return 'percent';
  if (adj.op.kind === 'move') return 'money';
  return DRIVER_SPECS[adj.driver].unit;
}

/**
 * Reads an adjustment's number in its unit through the shared parser: a scale as a percent change
 * (Excel's rule: "-0.2" and "-20" are both −20 %), a move as money, a set or add in the driver's unit.
 */
function parseSigned(text: string, adj: Adjustment, currency: string, allowNegative: boolean): ParseOutcome {
  const unit = numberUnit(adj);
  if (unit === 'percent') {
    const r = parseUnit(text, 'rate', currency, { signed: allowNegative, min: -1, max: Infinity });
    // Scale adjustments hold percent points (10 = +10 %).
    return r.ok ? { ...r, value: Math.round((r.value as number) * 1e8) / 1e6 } : r;
  }
  return parseUnit(text, unit, currency, unit === 'rate' ? { signed: allowNegative, min: -1 } : { signed: allowNegative });
}

function numberToInput(adj: Adjustment, n: number, currency: string): string {
  const unit = numberUnit(adj);
  const sign = n < 0 ? '-' : '';
  if (unit === 'percent') return `${n}%`;
  return sign + unitToInput(unit, Math.abs(n), currency);
}

function numberText(adj: Adjustment, n: number, money: Money): string {
  const unit = numberUnit(adj);
  if (unit === 'percent') return `${n}%`;
  return (n < 0 ? '−' : '') + formatByUnit(unit, Math.abs(n), money);
}

function findChannel(plan: Plan, text: string): string | null {
  const s = text.trim().toLowerCase();
  return plan.channels.find((c) => c.id === text.trim() || c.name.toLowerCase() === s)?.id ?? null;
}

function parseTarget(plan: Plan, text: string): ParseOutcome {
  const s = text.trim();
  if (s === '' || s.toLowerCase() === t('adj.all').toLowerCase() || s.toLowerCase() === 'all') return { ok: true, value: { kind: 'all' } satisfies AdjustmentTarget };
  const type = CHANNEL_TYPES.find((ty) => s === ty || s.toLowerCase() === t(`type.${ty}`).toLowerCase() || s === t('adj.typeTarget', { type: t(`type.${ty}`) }));
  if (type) return { ok: true, value: { kind: 'type', type } satisfies AdjustmentTarget };
  const ids: string[] = [];
  for (const part of s.split(/[,，、;]/).map((x) => x.trim()).filter(Boolean)) {
    const id = findChannel(plan, part);
    if (!id) return { ok: false, message: t('adj.unknownTarget', { value: part }) };
    if (!ids.includes(id)) ids.push(id);
  }
  return { ok: true, value: { kind: 'channels', ids } satisfies AdjustmentTarget };
}

function parseOptionalMonth(text: string): ParseOutcome {
  const s = text.trim();
  if (s === '') return { ok: true, value: undefined };
  return parseMonth(s) ? { ok: true, value: s } : { ok: false, message: t('adj.badMonth') };
}

/** Replaces the whole adjustment: one op, one undo step. */
function replace(row: AdjustmentRow, adj: Adjustment) {
  return [{ path: ['scenarios', row.si, 'adjustments', row.ai], value: adj }];
}

/** A new op of another kind keeps the number where it makes sense. */
function switchOp(plan: Plan, adj: Adjustment, kind: AdjustmentOp['kind']): Adjustment {
  const n = opNumber(adj.op);
  const ids = adj.target.kind === 'channels' ? adj.target.ids : [];
  const from = ids[0] ?? plan.channels[0]?.id ?? '';
  const to = plan.channels.find((c) => c.id !== from)?.id ?? from;
  const op: AdjustmentOp =
    kind === 'set' ? { kind, value: Math.max(0, n) } : kind === 'scale' ? { kind, percent: 10 } : kind === 'add' ? { kind, value: n } : { kind, from, to, amount: Math.max(0, adj.driver === 'spend' ? n : 0) };
  const next: Adjustment = { ...adj, op, driver: kind === 'move' ? 'spend' : adj.driver };
  return next.slider ? { ...next, slider: defaultSlider(next) } : next;
}

function column(colId: string, header: string, width: number, text: (r: AdjustmentRow) => string, spec: CellSpec<AdjustmentRow>, select?: { values: string[]; label: (v: string) => string }): ColDef<AdjustmentRow> {
  return {
    colId,
    headerName: header,
    width,
    valueGetter: (p) => (p.data ? text(p.data) : ''),
    editable: true,
    context: { cell: spec },
    ...(select
      ? { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: select.values, formatValue: select.label } }
      : { cellEditorParams: { useFormatter: false } }),
  };
}

export function adjustmentColumns(plan: Plan, money: Money): ColDef<AdjustmentRow>[] {
  const yesNo = { values: ['yes', 'no'], label: (v: string) => t(v === 'yes' ? 'adj.yes' : 'adj.no') };
  const parseYesNo = (text: string): ParseOutcome => {
    const s = text.trim().toLowerCase();
    if (s === 'yes' || s === t('adj.yes').toLowerCase() || s === 'true' || s === '1') return { ok: true, value: true };
    if (s === 'no' || s === t('adj.no').toLowerCase() || s === 'false' || s === '0' || s === '') return { ok: true, value: false };
    return { ok: false, message: t('input.unknownOption', { value: text }) };
  };
  const sliderField = (field: 'min' | 'max' | 'step', header: string): ColDef<AdjustmentRow> =>
    column(`slider.${field}`, header, 110, (r) => (r.adj.slider ? numberText(r.adj, r.adj.slider[field], money) : ''), {
      parse: (text, row) => parseSigned(text, row.adj, money.currency, field !== 'step'),
      ops: (row, value) => {
        const slider = { ...(row.adj.slider ?? defaultSlider(row.adj)), [field]: value as number };
        return replace(row, { ...row.adj, slider });
      },
      copy: (r) => (r.adj.slider ? numberToInput(r.adj, r.adj.slider[field], money.currency) : ''),
    });
  return [
    column('enabled', t('adj.enabled'), 80, (r) => t(r.adj.enabled ? 'adj.yes' : 'adj.no'), {
      parse: parseYesNo,
      ops: (row, value) => replace(row, { ...row.adj, enabled: value as boolean }),
      copy: (r) => t(r.adj.enabled ? 'adj.yes' : 'adj.no'),
    }, yesNo),
    column('target', t('adj.target'), 190, (r) => targetText(plan, r.adj), {
      parse: (text) => parseTarget(plan, text),
      ops: (row, value) => replace(row, { ...row.adj, target: value as AdjustmentTarget }),
      copy: (r) => targetText(plan, r.adj),
    }),
    column('driver', t('adj.driver'), 150, (r) => t(`driver.${r.adj.driver}`), {
      parse: (text) => {
        const k = DRIVER_KEYS.find((d) => d === text.trim() || t(`driver.${d}`).toLowerCase() === text.trim().toLowerCase());
        return k ? { ok: true, value: k } : { ok: false, message: t('input.unknownOption', { value: text }) };
      },
      ops: (row, value) => {
        const next = { ...row.adj, driver: value as DriverKey };
        return replace(row, next.slider ? { ...next, slider: defaultSlider(next) } : next);
      },
      copy: (r) => t(`driver.${r.adj.driver}`),
    }, { values: [...DRIVER_KEYS], label: (v) => t(`driver.${v as DriverKey}`) }),
    column('from', t('adj.from'), 110, (r) => (r.adj.from ? formatMonth(r.adj.from, money.locale) : '—'), {
      parse: parseOptionalMonth,
      ops: (row, value) => replace(row, { ...row.adj, from: value as string | undefined }),
      copy: (r) => r.adj.from ?? '',
    }),
    column('to', t('adj.to'), 110, (r) => (r.adj.to ? formatMonth(r.adj.to, money.locale) : '—'), {
      parse: parseOptionalMonth,
      ops: (row, value) => replace(row, { ...row.adj, to: value as string | undefined }),
      copy: (r) => r.adj.to ?? '',
    }),
    column('op', t('adj.op'), 130, (r) => t(`adj.op.${r.adj.op.kind}`), {
      parse: (text) => {
        const k = OP_KINDS.find((o) => o === text.trim() || t(`adj.op.${o}`).toLowerCase() === text.trim().toLowerCase());
        return k ? { ok: true, value: k } : { ok: false, message: t('input.unknownOption', { value: text }) };
      },
      ops: (row, value) => replace(row, switchOp(plan, row.adj, value as AdjustmentOp['kind'])),
      copy: (r) => t(`adj.op.${r.adj.op.kind}`),
    }, { values: [...OP_KINDS], label: (v) => t(`adj.op.${v as AdjustmentOp['kind']}`) }),
    column('number', t('adj.number'), 120, (r) => opNumberText(r.adj, money), {
      parse: (text, row) => parseSigned(text, row.adj, money.currency, row.adj.op.kind === 'add' || row.adj.op.kind === 'scale'),
      ops: (row, value) => replace(row, { ...row.adj, op: withOpNumber(row.adj.op, value as number) }),
      copy: (r) => numberToInput(r.adj, opNumber(r.adj.op), money.currency),
    }),
    ...(['moveFrom', 'moveTo'] as const).map((field) =>
      column(field, t(`adj.${field}`), 140, (r) => (r.adj.op.kind === 'move' ? channelName(plan, field === 'moveFrom' ? r.adj.op.from : r.adj.op.to) : ''), {
        parse: (text) => {
          const id = findChannel(plan, text);
          return id ? { ok: true, value: id } : { ok: false, message: t('adj.unknownChannel', { value: text }) };
        },
        ops: (row, value) => {
          if (row.adj.op.kind !== 'move') return [];
          const op = field === 'moveFrom' ? { ...row.adj.op, from: value as string } : { ...row.adj.op, to: value as string };
          return replace(row, { ...row.adj, op });
        },
        copy: (r) => (r.adj.op.kind === 'move' ? channelName(plan, field === 'moveFrom' ? r.adj.op.from : r.adj.op.to) : ''),
      }),
    ),
    column('slider', t('adj.slider'), 90, (r) => t(r.adj.slider ? 'adj.yes' : 'adj.no'), {
      parse: parseYesNo,
      ops: (row, value) => {
        const { slider: _drop, ...rest } = row.adj;
        void _drop;
        return replace(row, value ? { ...row.adj, slider: row.adj.slider ?? defaultSlider(row.adj) } : rest);
      },
      copy: (r) => t(r.adj.slider ? 'adj.yes' : 'adj.no'),
    }, yesNo),
    sliderField('min', t('adj.sliderMin')),
    sliderField('max', t('adj.sliderMax')),
    sliderField('step', t('adj.sliderStep')),
  ];
}

export function adjustmentRows(plan: Plan, si: number): AdjustmentRow[] {
  const sc = plan.scenarios?.[si];
  return sc ? sc.adjustments.map((adj, ai) => ({ id: adj.id, si, ai, adj })) : [];
}

