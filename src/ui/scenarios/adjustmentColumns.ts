import type { ColDef, ICellEditorParams } from 'ag-grid-community';
import { DRIVER_SPECS, type DriverUnit } from '../../engine/drivers';
import { convertContext, switchDriver, switchOperation } from '../../engine/scenarios/convert';
import { monthKeys, parseMonth } from '../../engine/timeline';
import type { Adjustment, AdjustmentOp, AdjustmentTarget, DriverKey, Plan } from '../../engine/types';
import { CHANNEL_ROLES, CHANNEL_TYPES, DRIVER_KEYS } from '../../engine/types';
import { formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { defaultSlider, opNumber, withOpNumber } from '../../state/scenarioEdits';
import { percentCell, unitCell, type ExportCell } from '../export/cells';
import type { CellSpec, ParseOutcome } from '../grid/cellSpec';
import { formatByUnit, parseUnit, unitToInput, type Money } from '../units';
import { channelName, opNumberText, regionName, targetText } from './describe';
import { TargetEditor } from './targetEditor';

export interface AdjustmentRow {
  id: string;
  /** Index of the scenario in plan.scenarios and of the adjustment in it. */
  si: number;
  ai: number;
  adj: Adjustment;
  /** What applying it had to cap, limit or skip, in words (empty when it applied as asked). */
  notices: string[];
}

const OP_KINDS: readonly AdjustmentOp['kind'][] = ['set', 'scale', 'add', 'move'];

/** The unit of an adjustment's number: percent for scale, money for a budget move, else the driver's. */
function numberUnit(adj: Adjustment): DriverUnit | 'percent' {
  if (adj.op.kind === 'scale') return 'percent';
  if (adj.op.kind === 'move') return 'money';
  return DRIVER_SPECS[adj.driver].unit;
}

/** Adding to a rate is in percentage points: "+0.5 pp" of a 3 % conversion gives 3.5 %. */
const POINTS_SUFFIX = /\s*(pp|个百分点|個百分點|百分点|百分點)$/i;

/**
 * Reads an adjustment's number in its unit through the shared parser: a scale as a percent change
 * (Excel's rule: "-0.2" and "-20" are both −20 %), a move as money, a set or add in the driver's unit;
 * an amount added to a rate may be written in percentage points ("+0.5pp").
 */
function parseSigned(text: string, adj: Adjustment, currency: string, allowNegative: boolean): ParseOutcome {
  const unit = numberUnit(adj);
  if (unit === 'rate' && POINTS_SUFFIX.test(text.trim())) {
    const r = parseUnit(text.trim().replace(POINTS_SUFFIX, ''), 'count', currency, { signed: allowNegative });
    return r.ok ? { ...r, value: Math.round((r.value as number) * 1e8) / 1e10 } : r;
  }
  if (unit === 'percent') {
    const r = parseUnit(text, 'rate', currency, { signed: allowNegative, min: -1, max: Infinity });
    // Scale adjustments hold percent points (10 = +10 %).
    return r.ok ? { ...r, value: Math.round((r.value as number) * 1e8) / 1e6 } : r;
  }
  return parseUnit(text, unit, currency, unit === 'rate' ? { signed: allowNegative, min: -1 } : { signed: allowNegative });
}

/** Text the parser reads back to the same number (editing and copying). */
function numberToInput(adj: Adjustment, n: number, currency: string): string {
  const unit = numberUnit(adj);
  const sign = n < 0 ? '-' : adj.op.kind === 'add' ? '+' : '';
  if (unit === 'percent') return `${n}%`;
  if (unit === 'rate' && adj.op.kind === 'add') return `${sign}${Number((Math.abs(n) * 100).toPrecision(12))}pp`;
  return sign + unitToInput(unit, Math.abs(n), currency);
}

/** Slider bounds as shown: same units as the adjustment's number. */
function sliderText(adj: Adjustment, n: number, money: Money): string {
  const unit = numberUnit(adj);
  if (unit === 'percent') return `${n}%`;
  if (unit === 'rate' && adj.op.kind === 'add') return t('se.pp', { value: (n < 0 ? '−' : '') + Number((Math.abs(n) * 100).toPrecision(6)) });
  return (n < 0 ? '−' : '') + formatByUnit(unit, Math.abs(n), money);
}

/** The adjustment's number as an exported cell: a scale as a percentage, money in the currency. */
function numberCell(adj: Adjustment, n: number, currency: string): ExportCell {
  const unit = numberUnit(adj);
  return unit === 'percent' ? percentCell(n / 100) : unitCell(unit, n, currency);
}

function findChannel(plan: Plan, text: string): string | null {
  const s = text.trim().toLowerCase();
  return plan.channels.find((c) => c.id === text.trim() || c.name.toLowerCase() === s)?.id ?? null;
}

/** A target from the picker (JSON) or typed and pasted text: channel names, a type, a role, or "all". */
function parseTarget(plan: Plan, text: string): ParseOutcome {
  const s = text.trim();
  if (s.startsWith('{')) {
    try {
      const picked = JSON.parse(s) as AdjustmentTarget;
      if (picked.kind === 'all') return { ok: true, value: { kind: 'all' } };
      if (picked.kind === 'type' && CHANNEL_TYPES.includes(picked.type)) return { ok: true, value: { kind: 'type', type: picked.type } };
      if (picked.kind === 'role' && CHANNEL_ROLES.includes(picked.role)) return { ok: true, value: { kind: 'role', role: picked.role } };
      if (picked.kind === 'channels' && Array.isArray(picked.ids) && picked.ids.length > 0 && picked.ids.every((id) => plan.channels.some((c) => c.id === id))) {
        return { ok: true, value: { kind: 'channels', ids: [...picked.ids] } };
      }
    } catch {
      // Not the picker's: read it as names below.
    }
  }
  const lower = s.toLowerCase();
  if (s === '' || lower === t('adj.all').toLowerCase() || lower === 'all') return { ok: true, value: { kind: 'all' } satisfies AdjustmentTarget };
  const type = CHANNEL_TYPES.find((ty) => s === ty || lower === t(`type.${ty}`).toLowerCase() || s === t('adj.typeTarget', { type: t(`type.${ty}`) }));
  if (type) return { ok: true, value: { kind: 'type', type } satisfies AdjustmentTarget };
  const role = CHANNEL_ROLES.find((r) => lower === t(`se.target.role.${r}`).toLowerCase() || lower === t(`role.${r}`).toLowerCase());
  if (role) return { ok: true, value: { kind: 'role', role } satisfies AdjustmentTarget };
  const ids: string[] = [];
  for (const part of s.split(/[,，、;；]/).map((x) => x.trim()).filter(Boolean)) {
    const id = findChannel(plan, part);
    if (!id) return { ok: false, message: t('adj.unknownTarget', { value: part }) };
    if (!ids.includes(id)) ids.push(id);
  }
  return { ok: true, value: { kind: 'channels', ids } satisfies AdjustmentTarget };
}

/** Replaces the whole adjustment: one op, one undo step. */
function replace(row: AdjustmentRow, adj: Adjustment) {
  return [{ path: ['scenarios', row.si, 'adjustments', row.ai], value: adj }];
}

/** A new op or driver keeps its slider, with bounds that fit the new number. */
function withSlider(adj: Adjustment): Adjustment {
  return adj.slider ? { ...adj, slider: defaultSlider(adj) } : adj;
}

const isMove = (r: AdjustmentRow | undefined): boolean => r?.adj.op.kind === 'move';

/** A typed or pasted cell: text editor, parsed by `spec`. */
function textColumn(
  colId: string, header: string, width: number, text: (r: AdjustmentRow) => string, spec: CellSpec<AdjustmentRow>,
  extra: Partial<ColDef<AdjustmentRow>> = {}, exportCell?: (r: AdjustmentRow) => ExportCell,
): ColDef<AdjustmentRow> {
  return {
    colId,
    headerName: header,
    headerTooltip: header,
    width,
    valueGetter: (p) => (p.data ? text(p.data) : ''),
    editable: true,
    context: { cell: spec, exportCell },
    cellEditorParams: { useFormatter: false },
    ...extra,
  };
}

/**
 * A choice: the cell holds the code (what is stored) and shows its label, so the select lists labels
 * and the chosen option is always one of its values (no "Invalid selection").
 */
function selectColumn(
  colId: string, header: string, width: number,
  choice: { code: (r: AdjustmentRow) => string; label: (code: string) => string; values: (r: AdjustmentRow) => string[] },
  spec: CellSpec<AdjustmentRow>, applies: (r: AdjustmentRow | undefined) => boolean = () => true,
): ColDef<AdjustmentRow> {
  return {
    colId,
    headerName: header,
    headerTooltip: header,
    width,
    valueGetter: (p) => (p.data && applies(p.data) ? choice.code(p.data) : null),
    valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : choice.label(String(p.value))),
    editable: (p) => applies(p.data),
    cellClass: (p) => (applies(p.data) ? undefined : 'na'),
    context: { cell: spec },
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: (p: ICellEditorParams<AdjustmentRow>) => ({ values: p.data ? choice.values(p.data) : [], valueListMaxHeight: 260 }),
  };
}

/** Reads a label or a code back to the code (typing and pasting into a choice cell). */
function choiceParser(codes: () => readonly string[], label: (code: string) => string): (text: string) => ParseOutcome {
  return (text) => {
    const s = text.trim();
    const hit = codes().find((c) => c === s || label(c).toLowerCase() === s.toLowerCase());
    return hit !== undefined ? { ok: true, value: hit } : { ok: false, message: t('input.unknownOption', { value: s }) };
  };
}

const YES_NO = ['yes', 'no'];
const yesNoLabel = (v: string): string => t(v === 'yes' ? 'adj.yes' : 'adj.no');
const parseYesNo = (text: string): ParseOutcome => {
  const s = text.trim().toLowerCase();
  if (s === 'yes' || s === t('adj.yes').toLowerCase() || s === 'true' || s === '1') return { ok: true, value: 'yes' };
  if (s === 'no' || s === t('adj.no').toLowerCase() || s === 'false' || s === '0' || s === '') return { ok: true, value: 'no' };
  return { ok: false, message: t('input.unknownOption', { value: text }) };
};

function monthColumn(plan: Plan, money: Money, field: 'from' | 'to'): ColDef<AdjustmentRow> {
  const months = monthKeys(plan.timeline);
  const label = (code: string): string => (code === '' ? t(field === 'from' ? 'se.month.start' : 'se.month.end') : formatMonth(code, money.locale));
  const parse = choiceParser(() => ['', ...months], label);
  return selectColumn(field, t(`adj.${field}`), 105, {
    code: (r) => r.adj[field] ?? '',
    label,
    // A month outside today's timeline (the timeline moved) stays pickable until changed.
    values: (r) => {
      const own = r.adj[field];
      return own && !months.includes(own) ? ['', own, ...months] : ['', ...months];
    },
  }, {
    parse: (text) => {
      const s = text.trim();
      if (/^\d{4}-\d{2}$/.test(s)) return parseMonth(s) ? { ok: true, value: s } : { ok: false, message: t('adj.badMonth') };
      const hit = parse(s);
      return hit.ok ? hit : { ok: false, message: t('adj.badMonth') };
    },
    ops: (row, value) => {
      const { [field]: _old, ...rest } = row.adj;
      void _old;
      return replace(row, value === '' ? rest : { ...row.adj, [field]: value as string });
    },
    copy: (r) => r.adj[field] ?? '',
  });
}

/** The region an adjustment is limited to: any region of the plan, or '' for all regions. */
function regionColumn(plan: () => Plan): ColDef<AdjustmentRow> {
  const label = (code: string): string => (code === '' ? t('rs.allRegions') : regionName(plan(), code));
  const codes = (): string[] => ['', ...plan().regions.map((r) => r.id)];
  const column = selectColumn('region', t('rs.region'), 130, {
    code: (r) => r.adj.regionId ?? '',
    label,
    // A region deleted since stays pickable (and named by its id) until changed.
    values: (r) => {
      const own = r.adj.regionId;
      return own !== undefined && !codes().includes(own) ? [...codes(), own] : codes();
    },
  }, {
    parse: choiceParser(codes, label),
    ops: (row, value) => {
      const { regionId: _old, ...rest } = row.adj;
      void _old;
      return replace(row, value === '' ? rest : { ...rest, regionId: value as string });
    },
    copy: (r) => label(r.adj.regionId ?? ''),
  });
  return { ...column, headerTooltip: t('rs.regionHint') };
}

/**
 * The adjustments grid's columns. `plan` gives the plan as it is when a cell is drawn or edited: the
 * columns themselves depend only on the channels, the timeline, the currency and the language, so
 * the caller rebuilds them when those change, not on every edit (rebuilding columns makes ag-grid
 * lay the whole grid out again, which a what-if slider would do many times a second).
 */
export function adjustmentColumns(plan: () => Plan, money: Money): ColDef<AdjustmentRow>[] {
  const channelIds = () => plan().channels.map((c) => c.id);
  const channelLabel = (id: string): string => channelName(plan(), id);
  // Baseline values the op and driver switches measure against: read once per switch, not per cell.
  const convert = () => convertContext(plan());

  const sliderField = (field: 'min' | 'max' | 'step', header: string): ColDef<AdjustmentRow> =>
    textColumn(`slider.${field}`, header, 110, (r) => (r.adj.slider ? sliderText(r.adj, r.adj.slider[field], money) : ''), {
      parse: (text, row) => parseSigned(text, row.adj, money.currency, field !== 'step'),
      ops: (row, value) => {
        const slider = { ...(row.adj.slider ?? defaultSlider(row.adj)), [field]: value as number };
        return replace(row, { ...row.adj, slider });
      },
      copy: (r) => (r.adj.slider ? numberToInput(r.adj, r.adj.slider[field], money.currency) : ''),
    }, {}, (r) => (r.adj.slider ? numberCell(r.adj, r.adj.slider[field], money.currency) : null));

  const moveEnd = (field: 'moveFrom' | 'moveTo'): ColDef<AdjustmentRow> =>
    selectColumn(field, t(`adj.${field}`), 130, {
      code: (r) => (r.adj.op.kind === 'move' ? (field === 'moveFrom' ? r.adj.op.from : r.adj.op.to) : ''),
      label: channelLabel,
      values: (r) => {
        const own = r.adj.op.kind === 'move' ? (field === 'moveFrom' ? r.adj.op.from : r.adj.op.to) : '';
        const ids = channelIds();
        return own && !ids.includes(own) ? [own, ...ids] : ids;
      },
    }, {
      parse: (text, row) => {
        if (!isMove(row)) return { ok: false, message: t('se.onlyForMove') };
        const id = findChannel(plan(), text);
        return id ? { ok: true, value: id } : { ok: false, message: t('adj.unknownChannel', { value: text }) };
      },
      ops: (row, value) => {
        if (row.adj.op.kind !== 'move') return [];
        const op = field === 'moveFrom' ? { ...row.adj.op, from: value as string } : { ...row.adj.op, to: value as string };
        return replace(row, { ...row.adj, op });
      },
      copy: (r) => (r.adj.op.kind === 'move' ? channelName(plan(), field === 'moveFrom' ? r.adj.op.from : r.adj.op.to) : ''),
    }, isMove);

  return [
    selectColumn('enabled', t('adj.enabled'), 70, { code: (r) => (r.adj.enabled ? 'yes' : 'no'), label: yesNoLabel, values: () => YES_NO }, {
      parse: parseYesNo,
      ops: (row, value) => replace(row, { ...row.adj, enabled: value === 'yes' }),
      copy: (r) => t(r.adj.enabled ? 'adj.yes' : 'adj.no'),
    }),
    selectColumn('op', t('adj.op'), 130, { code: (r) => r.adj.op.kind, label: (v) => t(`adj.op.${v as AdjustmentOp['kind']}`), values: () => [...OP_KINDS] }, {
      parse: choiceParser(() => OP_KINDS, (v) => t(`adj.op.${v as AdjustmentOp['kind']}`)),
      ops: (row, value) => replace(row, withSlider(switchOperation(convert(), row.adj, value as AdjustmentOp['kind']))),
      copy: (r) => t(`adj.op.${r.adj.op.kind}`),
    }),
    {
      ...textColumn('target', t('adj.target'), 180, (r) => (isMove(r) ? '' : targetText(plan(), r.adj)), {
        parse: (text, row) => (isMove(row) ? { ok: false, message: t('se.notForMove') } : parseTarget(plan(), text)),
        ops: (row, value) => replace(row, { ...row.adj, target: value as AdjustmentTarget }),
        copy: (r) => (isMove(r) ? '' : targetText(plan(), r.adj)),
      }),
      valueFormatter: (p) => (isMove(p.data) ? '—' : String(p.value ?? '')),
      editable: (p) => !isMove(p.data),
      cellClass: (p) => (isMove(p.data) ? 'na' : 'picker-cell'),
      cellEditor: TargetEditor,
      cellEditorParams: () => ({ plan: plan() }),
      cellEditorPopup: true,
      tooltipValueGetter: (p) => (isMove(p.data) ? t('se.notForMove') : t('se.picker.open')),
    },
    ...(plan().regions.length > 0 ? [regionColumn(plan)] : []),
    selectColumn('driver', t('adj.driver'), 130, { code: (r) => r.adj.driver, label: (v) => t(`driver.${v as DriverKey}`), values: () => [...DRIVER_KEYS] }, {
      parse: (text, row) => (isMove(row) ? { ok: false, message: t('se.notForMove') } : choiceParser(() => DRIVER_KEYS, (v) => t(`driver.${v as DriverKey}`))(text)),
      ops: (row, value) => replace(row, withSlider(switchDriver(convert(), row.adj, value as DriverKey))),
      copy: (r) => t(`driver.${r.adj.driver}`),
    }, (r) => !isMove(r)),
    textColumn('number', t('adj.number'), 120, (r) => numberToInput(r.adj, opNumber(r.adj.op), money.currency), {
      parse: (text, row) => parseSigned(text, row.adj, money.currency, row.adj.op.kind === 'add' || row.adj.op.kind === 'scale'),
      ops: (row, value) => replace(row, { ...row.adj, op: withOpNumber(row.adj.op, value as number) }),
      copy: (r) => numberToInput(r.adj, opNumber(r.adj.op), money.currency),
    }, {
      valueFormatter: (p) => (p.data ? opNumberText(p.data.adj, money) : ''),
      headerTooltip: t('se.number.hint'),
      type: 'rightAligned',
      // A capped amount is marked where it was typed; the notice itself is on hover and in the list below.
      cellClassRules: { notice: (p) => (p.data?.notices.length ?? 0) > 0 },
      tooltipValueGetter: (p) => p.data?.notices.join('\n') || null,
    }, (r) => numberCell(r.adj, opNumber(r.adj.op), money.currency)),
    moveEnd('moveFrom'),
    moveEnd('moveTo'),
    monthColumn(plan(), money, 'from'),
    monthColumn(plan(), money, 'to'),
    selectColumn('slider', t('adj.slider'), 90, { code: (r) => (r.adj.slider ? 'yes' : 'no'), label: yesNoLabel, values: () => YES_NO }, {
      parse: parseYesNo,
      ops: (row, value) => {
        const { slider: _drop, ...rest } = row.adj;
        void _drop;
        return replace(row, value === 'yes' ? { ...row.adj, slider: row.adj.slider ?? defaultSlider(row.adj) } : rest);
      },
      copy: (r) => t(r.adj.slider ? 'adj.yes' : 'adj.no'),
    }),
    sliderField('min', t('adj.sliderMin')),
    sliderField('max', t('adj.sliderMax')),
    sliderField('step', t('adj.sliderStep')),
    {
      colId: 'notices',
      headerName: t('se.notices'),
      headerTooltip: t('se.notices'),
      width: 260,
      valueGetter: (p) => p.data?.notices.join(' ') ?? '',
      tooltipValueGetter: (p) => p.data?.notices.join('\n') || null,
      cellClass: (p) => (p.data?.notices.length ? 'notice' : undefined),
      context: { copy: (r: AdjustmentRow) => r.notices.join(' ') },
    },
  ];
}

export function adjustmentRows(plan: Plan, si: number, noticesOf: (adjustmentId: string) => string[] = () => []): AdjustmentRow[] {
  const sc = plan.scenarios[si];
  return sc ? sc.adjustments.map((adj, ai) => ({ id: adj.id, si, ai, adj, notices: noticesOf(adj.id) })) : [];
}
