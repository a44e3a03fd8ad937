/**
 * "Export plan to Excel": the whole plan as one workbook a finance colleague can work with — the
 * channels with their drivers and results, each main metric by channel and month with totals, the
 * scenarios against the baseline, and the assumptions. Pure: it reads results the engine computed
 * (baseline and each scenario) and takes its labels as a function, so tests run it in Node.
 */
import type { PlanResult } from '../../engine/compute';
import { baseDriverTotals } from '../../engine/driverTotals';
import { DRIVER_SPECS } from '../../engine/drivers';
import { metricFormat } from '../../engine/metrics';
import { rollup, rollupValue } from '../../engine/rollup';
import { monthKeys } from '../../engine/timeline';
import type { Adjustment, MetricKey, Plan, Scenario } from '../../engine/types';
import { DRIVER_KEYS } from '../../engine/types';
import type { MessageKey } from '../../i18n/en';
import { formatMonth } from '../../i18n/format';
import { decimalCell, integerCell, percentCell, unitCell, type ExportCell } from './cells';
import type { Sheet } from './xlsx';
import { varianceSheets } from '../actuals/variance/varianceWorkbook';
import { plannedByRegion, regionSheet } from './regionSheet';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface ScenarioResult {
  id: string;
  name: string;
  result: PlanResult;
}

export interface PlanWorkbookInput {
  /** The plan the results were computed from. */
  plan: Plan;
  baseline: PlanResult;
  /** Every scenario's result, in the plan's order. */
  scenarios: readonly ScenarioResult[];
  locale: string;
  t: Translate;
  /** One adjustment in words ("Spend of Tmall +10 % from Mar 2027"). */
  describe: (adjustment: Adjustment) => string;
  /** A scenario's own channel launches and exits in words, one line each; absent = not listed. */
  describeLifecycle?: (scenario: Scenario) => string[];
}

/** Results per channel over the whole plan: what a budget owner reads first. */
export const CHANNEL_RESULTS: readonly MetricKey[] = [
  'spend', 'traffic', 'orders', 'grossRevenue', 'netRevenue', 'grossProfit', 'channelCost', 'contribution',
  'roi', 'roas', 'cac', 'costRatio', 'revenueShare',
];

/**
 * A plan with promotions shows the discount they give up next to the revenue it comes off
 * (docs/model.md#promotions); a plan without them keeps its columns as they were.
 */
function withPromotionDiscount(plan: Plan, list: readonly MetricKey[], before: MetricKey): readonly MetricKey[] {
  if (!plan.promotions || plan.promotions.length === 0) return list;
  const k = list.indexOf(before);
  return [...list.slice(0, k), 'promotionDiscount', ...list.slice(k)];
}

/** Metrics with a channel × month sheet each. */
export const MONTHLY_METRICS: readonly MetricKey[] = ['spend', 'netRevenue', 'grossProfit', 'channelCost', 'contribution', 'orders', 'roi'];

/** KPIs of the scenario comparison. */
export const SCENARIO_KPIS: readonly MetricKey[] = ['netRevenue', 'contribution', 'spend', 'grossProfit', 'channelCost', 'orders', 'roi', 'roas', 'cac', 'costRatio'];

function metricCell(plan: Plan, m: MetricKey, v: number | null): ExportCell {
  return unitCell(metricFormat(m), v, plan.currency);
}

function channelsSheet(input: PlanWorkbookInput): Sheet {
  const { plan, baseline: result, t } = input;
  const byChannel = rollup(plan, result, 'channel', 'all');
  const whole = rollup(plan, result, 'total', 'all');
  const regionName = (id: string): string => plan.regions.find((r) => r.id === id)?.name ?? id;
  const results = withPromotionDiscount(plan, CHANNEL_RESULTS, 'grossRevenue');
  const head: ExportCell[] = [
    t('grid.name'), t('grid.type'), t('grid.role'), t('grid.regions'),
    ...DRIVER_KEYS.map((k) => t('xport.col.base', { name: t(`driver.${k}`) })),
    t('curve.type'), t('curve.max'), t('curve.halfSat'), t('curve.shape'),
    ...results.map((m) => t(`metric.${m}`)),
  ];
  const rows = plan.channels.map((ch): ExportCell[] => {
    const g = byChannel.groupKeys.indexOf(ch.id);
    return [
      ch.name, t(`type.${ch.type}`), t(`role.${ch.role}`), ch.regions.map(regionName).join(', ') || null,
      ...DRIVER_KEYS.map((k) => unitCell(DRIVER_SPECS[k].unit, ch.drivers[k]?.base, plan.currency)),
      t(`curve.${ch.curve.type}`), unitCell('count', ch.curve.max, plan.currency), unitCell('money', ch.curve.halfSat, plan.currency), decimalCell(ch.curve.shape, 2),
      ...results.map((m) => metricCell(plan, m, g >= 0 ? rollupValue(byChannel, m, g, 0) : null)),
    ];
  });
  // The same total row as the channel grid's: base amounts summed, rates blended over the plan.
  const driverTotals = baseDriverTotals(plan, whole);
  const total: ExportCell[] = [
    t('grid.total'), null, null, null, ...DRIVER_KEYS.map((k) => unitCell(DRIVER_SPECS[k].unit, driverTotals[k], plan.currency)), null, null, null, null,
    ...results.map((m) => metricCell(plan, m, rollupValue(whole, m, 0, 0))),
  ];
  return { name: t('tabs.channels'), rows: [head, ...rows, total], totalRows: 1, freezeColumns: 1 };
}

/**
 * One metric by channel and month, a total column over the plan and a total row over the channels.
 * Ratios (ROI) are not summed: each total is the ratio of the summed flows, as the app computes it.
 */
function monthlySheet(input: PlanWorkbookInput, m: MetricKey): Sheet {
  const { plan, baseline: result, t, locale } = input;
  const months = monthKeys(plan.timeline);
  const byMonth = rollup(plan, result, 'channel', 'month');
  const byChannel = rollup(plan, result, 'channel', 'all');
  const totalByMonth = rollup(plan, result, 'total', 'month');
  const whole = rollup(plan, result, 'total', 'all');
  const head: ExportCell[] = [t('grid.name'), ...months.map((k) => formatMonth(k, locale)), t('grid.total')];
  const rows = plan.channels.map((ch): ExportCell[] => {
    const g = byMonth.groupKeys.indexOf(ch.id);
    return [ch.name, ...months.map((_, b) => metricCell(plan, m, rollupValue(byMonth, m, g, b))), metricCell(plan, m, rollupValue(byChannel, m, g, 0))];
  });
  const total: ExportCell[] = [t('grid.total'), ...months.map((_, b) => metricCell(plan, m, rollupValue(totalByMonth, m, 0, b))), metricCell(plan, m, rollupValue(whole, m, 0, 0))];
  return { name: t('xport.sheet.monthly', { metric: t(`metric.${m}`) }), rows: [head, ...rows, total], totalRows: 1, freezeColumns: 1 };
}

/**
 * KPIs of the baseline and every scenario, each scenario with its difference to the baseline. A
 * ratio's difference is in its own unit (ROI 40 % → 45 % is +5 percentage points), so it has no
 * relative difference.
 */
function scenariosSheet(input: PlanWorkbookInput): Sheet {
  const { plan, t } = input;
  const kpiList = withPromotionDiscount(plan, SCENARIO_KPIS, 'spend');
  const kpis = (r: PlanResult): (number | null)[] => {
    const whole = rollup(plan, r, 'total', 'all');
    return kpiList.map((m) => rollupValue(whole, m, 0, 0));
  };
  const base = kpis(input.baseline);
  const each = input.scenarios.map((s) => kpis(s.result));
  const head: ExportCell[] = [t('csv.metric'), t('scn.baseline')];
  for (const s of input.scenarios) head.push(s.name, `${s.name} ${t('cmp.delta')}`, `${s.name} ${t('cmp.deltaPct')}`);
  const rows = kpiList.map((m, k): ExportCell[] => {
    const row: ExportCell[] = [t(`metric.${m}`), metricCell(plan, m, base[k])];
    const ratio = metricFormat(m) === 'percent' || metricFormat(m) === 'ratio';
    each.forEach((v) => {
      const value = v[k];
      const ref = base[k];
      const delta = value !== null && ref !== null ? value - ref : null;
      const relative = !ratio && delta !== null && ref !== null && ref !== 0 ? delta / Math.abs(ref) : null;
      row.push(metricCell(plan, m, value), metricCell(plan, m, delta), percentCell(relative));
    });
    return row;
  });
  return { name: t('xport.sheet.scenarios'), rows: [head, ...rows], freezeColumns: 1 };
}

/** What the numbers assume: the plan's settings and notes, and what each scenario changes. */
function assumptionsSheet(input: PlanWorkbookInput): Sheet {
  const { plan, t, locale } = input;
  const months = monthKeys(plan.timeline);
  const rows: ExportCell[][] = [
    [t('xport.a.item'), t('xport.a.value')],
    [t('xport.a.plan'), plan.name],
    [t('settings.currency'), plan.currency],
    [t('settings.start'), formatMonth(months[0], locale)],
    [t('xport.a.end'), formatMonth(months[months.length - 1], locale)],
    [t('settings.periods'), integerCell(plan.timeline.periods)],
    [t('settings.regions'), plan.regions.map((r) => r.name).join(', ') || null],
    [t('tabs.channels'), plan.channels.map((c) => c.name).join(', ') || null],
    [t('settings.notes'), plan.notes.trim() || null],
    [t('xport.a.figures'), t('scn.baseline')],
  ];
  const nameOf = (id: string | null): string => (id === null ? t('scn.baseline') : (plan.scenarios.find((s) => s.id === id)?.name ?? id));
  for (const s of plan.scenarios) {
    rows.push([]);
    rows.push([t('xport.a.scenario', { name: s.name }), t('xport.a.basedOn', { name: nameOf(s.parentId) })]);
    if (s.notes.trim()) rows.push([t('scn.notes'), s.notes.trim()]);
    s.adjustments.forEach((adj, i) => rows.push([t('xport.a.adjustment', { n: i + 1 }), adj.enabled ? input.describe(adj) : t('xport.a.disabled', { text: input.describe(adj) })]));
    // Channels the scenario opens or closes change which channels its figures cover: say so.
    for (const line of input.describeLifecycle?.(s) ?? []) rows.push([t('tabs.channels'), line]);
  }
  return { name: t('xport.sheet.assumptions'), rows };
}

/** The workbook's sheets, in reading order. */
export function planWorkbook(input: PlanWorkbookInput): Sheet[] {
  return [
    channelsSheet(input),
    ...MONTHLY_METRICS.map((m) => monthlySheet(input, m)),
    ...(plannedByRegion(input.plan) ? [regionSheet(input.plan, input.baseline, input.t)] : []),
    scenariosSheet(input),
    ...varianceSheets(input.plan, input.baseline, input.t, input.locale),
    assumptionsSheet(input),
  ];
}
