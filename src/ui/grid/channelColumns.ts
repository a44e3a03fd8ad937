import type { ColDef, ColGroupDef, ICellRendererParams, ITooltipParams } from 'ag-grid-community';
import type { PlanResult } from '../../engine/compute';
import type { ChannelLtvCac } from '../../engine/customerValue';
import { customerValueColumns } from './customerValueColumns';
import { baseDriverTotals, SUMMABLE_DRIVERS } from '../../engine/driverTotals';
import { DRIVER_SPECS } from '../../engine/drivers';
import { GROWING_DRIVERS, type GrowingDriver } from '../../engine/channelDefaults';
import { HEADLINE_METRICS, metricFormat } from '../../engine/metrics';
import { hasOwnRegionalValues, regionShares } from '../../engine/regions/shares';
import { resultPlan } from '../../engine/lifecycle/resultPlan';
import { rollupValue, sharedRollup, type Rollup } from '../../engine/rollup';
import { growthOpAt } from '../../engine/seasonality/edits';
import { parseGrowthInput, yearlyFromMonthly } from '../../engine/seasonality/growthRate';
import { previewDriver } from '../../engine/seasonality/preview';
import { isFlat } from '../../engine/seasonality/profile';
import type { Channel, CurveType, CustomerValue, DriverKey, MetricKey, Plan, Region, Timeline } from '../../engine/types';
import { CHANNEL_ROLES, CHANNEL_TYPES, DRIVER_KEYS } from '../../engine/types';
import { MAX_NAME_LENGTH, sameNameKey } from '../../engine/validate';
import { formatMonth, formatPercent } from '../../i18n/format';
import { i18n, t } from '../../state/i18n.svelte';
import { formatGrowth, formatIndex, presetOf, seasonList, seasonSummary } from '../plan/seasonText';
import { formatByUnit, formatMetric, parseDriver, parseUnit, unitToInput, type Money } from '../units';
import { decimalCell, percentCell, unitCell } from '../export/cells';
import type { CellSpec, ColumnContext } from './cellSpec';
import { shallowEqual } from './stableRows';

export interface ChannelRow {
  /** Position in plan.channels; -1 for the total row, -2 for a channel the shown scenario launches (read-only). */
  index: number;
  id: string;
  channel: Channel | null;
  name: string;
  metrics: Partial<Record<MetricKey, number | null>>;
  /** Total row only: what it shows under the base drivers (see baseDriverTotals). */
  driverTotals: Record<DriverKey, number | null> | null;
  /** LTV:CAC and payback when the plan uses CLV (customerValueColumns); absent otherwise. */
  customerValue?: ChannelLtvCac | null;
}

/** Results the channel grid shows per channel over the whole plan: the budget first, then the P&L. */
const RESULT_METRICS: readonly MetricKey[] = ['spend', 'fixedCost', ...HEADLINE_METRICS];

/**
 * One row per channel of the current plan with its whole-plan results from the latest result
 * (matched by channel id: the result may lag an edit by a frame), and a total row.
 */
export function channelRows(plan: Plan, computed: { plan: Plan; out: { result: PlanResult } } | null): { rows: ChannelRow[]; total: ChannelRow } {
  const byChannel = computed ? sharedRollup(computed.plan, computed.out.result, 'channel', 'all') : null;
  const whole = computed ? sharedRollup(computed.plan, computed.out.result, 'total', 'all') : null;
  const metrics = (r: Rollup | null, g: number): ChannelRow['metrics'] => {
    const out: ChannelRow['metrics'] = {};
    if (r && g >= 0) for (const m of [...RESULT_METRICS, 'cannibalised' as const, 'promotionDiscount' as const]) out[m] = rollupValue(r, m, g, 0);
    return out;
  };
  const rows = plan.channels.map((ch, i): ChannelRow => ({
    index: i,
    id: ch.id,
    channel: ch,
    name: ch.name,
    metrics: metrics(byChannel, byChannel ? byChannel.groupKeys.indexOf(ch.id) : -1),
    driverTotals: null,
  }));
  // A channel the shown scenario launches has results but no baseline drivers to edit: a read-only
  // row (index -2), so that the total is the sum of the rows on screen.
  if (computed && byChannel) {
    const own = new Set(plan.channels.map((ch) => ch.id));
    for (const ch of resultPlan(computed.plan, computed.out.result).channels) {
      if (own.has(ch.id)) continue;
      rows.push({ index: -2, id: ch.id, channel: null, name: t('grid.launched', { name: ch.name }), metrics: metrics(byChannel, byChannel.groupKeys.indexOf(ch.id)), driverTotals: null });
    }
  }
  const total: ChannelRow = {
    index: -1,
    id: '__total',
    channel: null,
    name: t('grid.total'),
    metrics: metrics(whole, 0),
    driverTotals: baseDriverTotals(plan, whole),
  };
  return { rows, total };
}

/** Whether two rows of one channel show the same thing (the grid then keeps the old row). */
export function sameChannelRow(a: ChannelRow, b: ChannelRow): boolean {
  return a.index === b.index && a.id === b.id && a.channel === b.channel && a.name === b.name && shallowEqual(a.metrics, b.metrics) && shallowEqual(a.driverTotals, b.driverTotals) && shallowEqual(a.customerValue, b.customerValue);
}

/** What the columns need besides the rows. */
export interface ChannelColumnsEnv {
  regions: readonly Region[];
  money: Money;
  timeline: Timeline;
  /** Show the cannibalised-revenue column (only when the plan has cannibalisation pairs). */
  showCannibalised: boolean;
  /** Show the promotion-discount column, before net revenue (only when the plan has promotions). */
  showPromotionDiscount?: boolean;
  /** Opens the growth and seasonality editor on a channel. */
  openSeasonEditor: (channelId: string) => void;
  /** The plan's CLV snapshot: adds the LTV:CAC and payback columns. */
  customerValue?: CustomerValue;
  /** The plan's channels as they are when a name is typed (read then, so the columns do not follow every edit). */
  channels?: () => readonly { id: string; name: string }[];
}

/** English headers are long: wrap them over lines instead of cutting them off. */
function readable<T extends ColDef<ChannelRow> | ColGroupDef<ChannelRow>>(col: T): T {
  return { ...col, wrapHeaderText: true, autoHeaderHeight: true };
}

function editable(spec: CellSpec<ChannelRow>): Pick<ColDef<ChannelRow>, 'editable' | 'context' | 'cellEditorParams'> & { context: ColumnContext<ChannelRow> } {
  return { editable: (p) => (p.data?.index ?? -1) >= 0, context: { cell: spec }, cellEditorParams: { useFormatter: true } };
}

/**
 * The tooltip of a base cell: the base, the first month it turns into and why, growth, and how many
 * months are typed — so ¥1,200,000 next to a January of ¥1,120,800 explains itself.
 */
function baseTooltip(ch: Channel, key: DriverKey, env: ChannelColumnsEnv): string {
  const { money, timeline } = env;
  const unit = DRIVER_SPECS[key].unit;
  const driver = ch.drivers[key];
  const fmt = (v: number): string => formatByUnit(unit, v, money);
  const p = previewDriver(driver, key, timeline);
  const month = formatMonth(p.months[0], money.locale);
  const lines = [t('growth.tip.base', { base: fmt(driver.base) })];
  if (p.overridden[0]) lines.push(t('growth.tip.typed', { month, value: fmt(p.values[0]) }));
  else if (driver.seasonality && !isFlat(driver.seasonality)) {
    const cal = Number(timeline.start.slice(5, 7)) - 1;
    lines.push(t('growth.tip.first', { month, value: fmt(p.values[0]), index: formatIndex(driver.seasonality[cal], money.locale) }));
  } else lines.push(t('growth.tip.firstFlat', { month, value: fmt(p.values[0]) }));
  lines.push(driver.growth === undefined ? t('growth.tip.noGrowth') : t('growth.tip.growth', growthParams(driver.growth, money.locale)));
  if (p.overrideCount === 1) lines.push(t('growth.tip.overridesOne'));
  else if (p.overrideCount > 1) lines.push(t('growth.tip.overrides', { count: p.overrideCount }));
  return lines.join('\n');
}

function growthParams(perMonth: number, locale: string): { year: string; month: string } {
  return { year: formatGrowth(perMonth, 'year', locale), month: formatGrowth(perMonth, 'month', locale) };
}

function totalTooltip(key: DriverKey, value: number | null, money: Money): string {
  const text = formatByUnit(DRIVER_SPECS[key].unit, value, money);
  if (SUMMABLE_DRIVERS.has(key)) return t('growth.grid.sumBase', { value: text });
  return t('growth.grid.blended', { formula: t(`growth.blend.${key as Exclude<DriverKey, 'spend' | 'baseTraffic' | 'fixedCost'>}`), value: text });
}

function driverColumn(key: DriverKey, env: ChannelColumnsEnv): ColDef<ChannelRow> {
  const { money } = env;
  const unit = DRIVER_SPECS[key].unit;
  const base = (r: ChannelRow): number => r.channel?.drivers[key]?.base ?? 0;
  return readable({
    colId: `driver.${key}`,
    headerName: t(`driver.${key}`),
    headerTooltip: t('growth.grid.driverHint', { driver: t(`driver.${key}`) }),
    type: 'rightAligned',
    width: unit === 'money' ? 130 : 110,
    valueGetter: (p) => (p.data?.channel ? base(p.data) : (p.data?.driverTotals?.[key] ?? null)),
    valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : formatByUnit(unit, p.value as number, money)),
    tooltipValueGetter: (p: ITooltipParams<ChannelRow>) => {
      const row = p.data;
      if (!row) return '';
      if (row.channel) return baseTooltip(row.channel, key, env);
      return row.driverTotals ? totalTooltip(key, row.driverTotals[key], money) : '';
    },
    ...typed(editable({
      parse: (text) => parseDriver(text, key, money.currency),
      ops: (row, value) => [{ path: ['channels', row.index, 'drivers', key, 'base'], value }],
      copy: (row) => {
        const v = row.channel ? base(row) : (row.driverTotals?.[key] ?? null);
        return v === null ? '' : unitToInput(unit, v, money.currency);
      },
    }), (v) => unitCell(unit, v, money.currency)),
  });
}

/** Says what a numeric column's values are, for exports (see ColumnContext.format). */
function typed<T extends { context: ColumnContext<ChannelRow> }>(def: T, format: NonNullable<ColumnContext<ChannelRow>['format']>): T {
  return { ...def, context: { ...def.context, format } };
}

/** Yearly growth of spend or base traffic, typed per year and stored as the monthly compound rate. */
function growthColumn(key: GrowingDriver, env: ChannelColumnsEnv): ColDef<ChannelRow> {
  const { money } = env;
  const driverName = t(`driver.${key}`);
  const growth = (r: ChannelRow | undefined): number | undefined => r?.channel?.drivers[key]?.growth;
  return readable({
    colId: `growth.${key}`,
    headerName: t(key === 'spend' ? 'growth.grid.spendGrowth' : 'growth.grid.trafficGrowth'),
    headerTooltip: t('growth.grid.growthHint', { driver: driverName }),
    type: 'rightAligned',
    width: 134,
    valueGetter: (p) => (p.data?.channel ? (growth(p.data) ?? null) : null),
    valueFormatter: (p) => {
      if (!p.data?.channel) return '';
      const g = growth(p.data);
      return g === undefined ? t('growth.grid.notSet') : formatGrowth(g, 'year', money.locale);
    },
    cellClassRules: { 'not-set': (p) => !!p.data?.channel && growth(p.data) === undefined },
    tooltipValueGetter: (p: ITooltipParams<ChannelRow>) => {
      if (!p.data?.channel) return '';
      const g = growth(p.data);
      return g === undefined ? t('growth.grid.notSetHint', { driver: driverName }) : t('growth.tip.growth', growthParams(g, money.locale));
    },
    ...typed(editable({
      // An empty cell (Delete, or an empty pasted cell) unsets growth again.
      parse: (text) => {
        if (text.trim() === '') return { ok: true, value: undefined };
        const r = parseGrowthInput(text, 'year');
        return r.ok ? { ok: true, value: r.perMonth } : { ok: false, message: t(`growth.error.${r.error}`, { value: text }) };
      },
      ops: (row, value) => [growthOpAt(row.index, key, value as number | undefined)],
      copy: (row) => {
        const g = growth(row);
        return g === undefined ? '' : `${Number((yearlyFromMonthly(g) * 100).toPrecision(12))}%`;
      },
    }), (v) => percentCell(yearlyFromMonthly(v))),
  });
}

/** A text on a button: user data (channel names) never becomes markup. */
function seasonButton(p: ICellRendererParams<ChannelRow>, env: ChannelColumnsEnv): HTMLElement | string {
  const row = p.data;
  if (!row?.channel) return '';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'season-cell';
  button.dataset.testid = `season-edit-${row.index}`;
  button.textContent = String(p.value ?? '');
  button.addEventListener('click', () => env.openSeasonEditor(row.id));
  return button;
}

function seasonColumn(env: ChannelColumnsEnv): ColDef<ChannelRow> {
  const { locale } = env.money;
  const profile = (r: ChannelRow | undefined): number[] | undefined => r?.channel?.drivers.spend?.seasonality;
  return readable({
    colId: 'season.spend',
    headerName: t('growth.grid.season'),
    headerTooltip: t('growth.grid.seasonHint'),
    width: 150,
    valueGetter: (p) => (p.data?.channel ? seasonSummary(profile(p.data), locale) : ''),
    cellRenderer: (p: ICellRendererParams<ChannelRow>) => seasonButton(p, env),
    tooltipValueGetter: (p: ITooltipParams<ChannelRow>) => {
      const s = profile(p.data);
      if (!p.data?.channel) return '';
      if (!s || isFlat(s)) return t('growth.grid.seasonHint');
      const preset = presetOf(s);
      return [preset ? t(`growth.preset.${preset}`) : '', seasonList(s, locale), t('growth.grid.seasonHint')].filter(Boolean).join('\n');
    },
    context: { copy: (row: ChannelRow) => (row.channel ? seasonSummary(profile(row), locale) : '') } satisfies ColumnContext<ChannelRow>,
  });
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
  return readable({
    colId: field,
    headerName: t(`grid.${field}`),
    width,
    valueGetter: (p) => p.data?.channel?.[field] ?? null,
    valueFormatter: (p) => (p.value ? label(p.value as T) : ''),
    cellEditor: 'agSelectCellEditor',
    ...editable(choiceSpec(choices, label, field)),
    cellEditorParams: { values: [...choices], formatValue: (v: T) => label(v) },
  });
}

function curveColumns(money: Money): ColDef<ChannelRow>[] {
  const curveTypes: readonly CurveType[] = ['hill', 'linear', 'none'];
  const numeric = (field: 'max' | 'halfSat' | 'shape', unit: 'count' | 'money'): ColDef<ChannelRow> =>
    readable({
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
    readable({
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
    }),
    numeric('max', 'count'),
    numeric('halfSat', 'money'),
    numeric('shape', 'count'),
  ];
}

function regionsColumn(regions: readonly Region[]): ColDef<ChannelRow> {
  const nameOf = (id: string): string => regions.find((r) => r.id === id)?.name ?? id;
  const text = (row: ChannelRow): string => (row.channel ? row.channel.regions.map(nameOf).join(', ') : '');
  // Shares and regional values read the plan's regions only.
  const plan = { regions } as Pick<Plan, 'regions'> as Plan;
  const byRegion = (row: ChannelRow): boolean => !!row.channel && hasOwnRegionalValues(plan, row.channel);
  /** Each region's share, and whether the channel is planned by region (its drivers then apply only where a region has none of its own). */
  const tooltip = (row: ChannelRow): string => {
    if (!row.channel) return '';
    const shares = regionShares(plan, row.channel).map((r) => `${nameOf(r.regionId)} ${formatPercent(r.share, i18n.locale, 1)}`);
    return [shares.join(' · ') || text(row), byRegion(row) ? t('grid.regionsOwn') : ''].filter(Boolean).join(' — ');
  };
  return readable({
    colId: 'regions',
    headerName: t('grid.regions'),
    headerTooltip: t('grid.regionsHint'),
    width: 160,
    valueGetter: (p) => (p.data ? text(p.data) : ''),
    tooltipValueGetter: (p: ITooltipParams<ChannelRow>) => (p.data ? tooltip(p.data) : ''),
    cellClassRules: { 'by-region': (p) => !!p.data && byRegion(p.data) },
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
  });
}

function resultHeader(m: MetricKey): string {
  if (m === 'spend') return t('growth.grid.spendTotal');
  if (m === 'fixedCost') return t('growth.grid.fixedCostTotal');
  return t(`metric.${m}`);
}

/**
 * Whether another channel (not `exceptId`) has this name, in any case or spacing: two channels of
 * one name could not be told apart in charts, files and the actuals' mapping.
 */
export function channelNameTaken(channels: readonly { id: string; name: string }[], name: string, exceptId?: string): boolean {
  const wanted = sameNameKey(name);
  return channels.some((c) => c.id !== exceptId && sameNameKey(c.name) === wanted);
}

export function channelColumns(env: ChannelColumnsEnv): (ColDef<ChannelRow> | ColGroupDef<ChannelRow>)[] {
  const { money } = env;
  const nameSpec: CellSpec<ChannelRow> = {
    parse: (text, row) => {
      const s = text.trim();
      if (!s) return { ok: false, message: t('input.nameRequired') };
      const name = s.slice(0, MAX_NAME_LENGTH);
      if (env.channels && channelNameTaken(env.channels(), name, row.id)) return { ok: false, message: t('input.nameTaken', { name }) };
      return { ok: true, value: name };
    },
    ops: (row, value) => [{ path: ['channels', row.index, 'name'], value }],
    copy: (row) => row.name,
  };
  const metricCol = (m: MetricKey): ColDef<ChannelRow> =>
    readable({
      colId: `metric.${m}`,
      headerName: resultHeader(m),
      headerTooltip: resultHeader(m),
      type: 'rightAligned',
      width: 130,
      valueGetter: (p) => p.data?.metrics[m] ?? null,
      valueFormatter: (p) => formatMetric(m, (p.value as number | null) ?? null, money),
      cellClassRules: { negative: (p) => typeof p.value === 'number' && p.value < 0 },
      context: { format: (v: number) => unitCell(metricFormat(m), v, money.currency) } satisfies ColumnContext<ChannelRow>,
    });
  const withDiscount = env.showPromotionDiscount ? RESULT_METRICS.flatMap((m) => (m === 'netRevenue' ? ['promotionDiscount' as const, m] : [m])) : RESULT_METRICS;
  const results = env.showCannibalised ? [...withDiscount, 'cannibalised' as const] : withDiscount;
  return [
    readable({
      colId: 'name',
      headerName: t('grid.name'),
      pinned: 'left',
      width: 180,
      valueGetter: (p) => p.data?.name ?? '',
      tooltipValueGetter: (p: ITooltipParams<ChannelRow>) => (p.data?.index === -1 ? t('growth.grid.totalHint', { months: env.timeline.periods }) : (p.data?.name ?? '')),
      cellClassRules: { 'total-cell': (p) => p.data?.index === -1 },
      ...editable(nameSpec),
    }),
    choiceColumn('type', CHANNEL_TYPES, (v) => t(`type.${v}`), 150),
    choiceColumn('role', CHANNEL_ROLES, (v) => t(`role.${v}`), 100),
    regionsColumn(env.regions),
    readable({
      headerName: t('growth.grid.baseGroup'),
      headerTooltip: t('growth.grid.baseGroupHint'),
      children: DRIVER_KEYS.map((k) => driverColumn(k, env)),
    }),
    readable({
      headerName: t('growth.grid.group'),
      headerTooltip: t('growth.grid.seasonHint'),
      children: [...GROWING_DRIVERS.map((k) => growthColumn(k, env)), seasonColumn(env)],
    }),
    readable({ headerName: t('grid.curve'), children: curveColumns(money) }),
    readable({ headerName: t('growth.grid.resultsGroup', { months: env.timeline.periods }), children: results.map(metricCol) }),
    ...(env.customerValue ? [customerValueColumns(env.customerValue, money)] : []),
  ];
}
