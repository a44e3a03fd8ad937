/**
 * Alerts on the channel KPIs (docs/model.md#channel-kpis): a stock backlog (库存积压预警) when turnover
 * days exceed the channel's threshold, over the window or in any of its months; satisfaction under the
 * plan's floor; a complaint rate over its ceiling.
 */
import type { PlanResult } from '../compute';
import { buckets } from '../timeline';
import type { Plan } from '../types';
import { ChannelKpiSource, type KpiWindow } from './figures';
import { kpiValueProblem, TYPED_KPI_SPECS } from './fields';

export interface BacklogMonth {
  month: string;
  /** Null: stock but no sales that month (it never turns). */
  days: number | null;
}

export type ChannelKpiAlert =
  | {
      kind: 'backlog';
      channelIndex: number;
      /** Over the whole window; null when stock never turns (nothing sold at cost). */
      turnoverDays: number | null;
      threshold: number;
      /** The window as a whole is over the threshold (not only some of its months). */
      windowOver: boolean;
      /** Months of the window over the threshold, in order. */
      monthsOver: BacklogMonth[];
      /** Months in the window (to say "every month" rather than list them all). */
      windowMonths: number;
    }
  | { kind: 'satisfaction'; channelIndex: number; value: number; floor: number }
  | { kind: 'complaints'; channelIndex: number; value: number; ceiling: number };

function rateSetting(v: number | undefined): number | null {
  return v !== undefined && kpiValueProblem(TYPED_KPI_SPECS.satisfaction, v) === null ? v : null;
}

/** The months of the window whose own turnover is over the threshold. */
function monthsOver(source: ChannelKpiSource, c: number, w: KpiWindow, months: readonly string[]): BacklogMonth[] {
  const out: BacklogMonth[] = [];
  for (let t = w.start; t < w.end; t++) {
    const m = source.figures(c, { start: t, end: t + 1 });
    if (m.backlog) out.push({ month: months[t], days: m.stuck ? null : m.turnoverDays });
  }
  return out;
}

/** Every alert of every channel over the window, channel by channel (backlog first). */
export function channelKpiAlerts(plan: Plan, source: ChannelKpiSource, months: readonly string[], w: KpiWindow): ChannelKpiAlert[] {
  if (!plan.channelKpis) return [];
  const floor = rateSetting(plan.channelKpis.satisfactionFloor);
  const ceiling = rateSetting(plan.channelKpis.complaintCeiling);
  const out: ChannelKpiAlert[] = [];
  for (let c = 0; c < plan.channels.length; c++) {
    const f = source.figures(c, w);
    if (f.stock !== null) {
      const over = monthsOver(source, c, w, months);
      if (f.backlog || over.length > 0) {
        out.push({ kind: 'backlog', channelIndex: c, turnoverDays: f.stuck ? null : f.turnoverDays, threshold: f.threshold, windowOver: f.backlog, monthsOver: over, windowMonths: f.months });
      }
    }
    if (floor !== null && f.satisfaction !== null && f.satisfaction < floor) out.push({ kind: 'satisfaction', channelIndex: c, value: f.satisfaction, floor });
    if (ceiling !== null && f.complaintRate !== null && f.complaintRate > ceiling) out.push({ kind: 'complaints', channelIndex: c, value: f.complaintRate, ceiling });
  }
  return out;
}

/** The months of a scorecard window: one calendar year of the plan, or all of it; null for a year it lacks. */
export function kpiWindowOf(plan: Plan, window: { kind: 'year'; key: string } | { kind: 'all' }): KpiWindow | null {
  if (window.kind === 'all') return { start: 0, end: plan.timeline.periods };
  const b = buckets(plan.timeline, 'year').find((x) => x.key === window.key);
  return b ? { start: b.start, end: b.end } : null;
}

/** The alerts over a scorecard window, for the scorecard's alert list. */
export function windowAlerts(plan: Plan, result: PlanResult, window: { kind: 'year'; key: string } | { kind: 'all' }): ChannelKpiAlert[] {
  const w = kpiWindowOf(plan, window);
  if (!plan.channelKpis || !w) return [];
  return channelKpiAlerts(plan, new ChannelKpiSource(plan, result), result.months, w);
}
