/**
 * Rolling re-forecast: each channel's net revenue forecast from its actuals up to month M over the
 * plan months after M (ETS by AICc, Spring Festival aligned; docs/model.md#re-forecast). The result
 * is what an actualised scenario stores, plus the 80 % band for the chart.
 */
import { fillShortGaps } from '../forecast/gaps';
import { forecastMonthly } from '../forecast/forecastMonthly';
import type { ForecastNote } from '../forecast/types';
import { roundMoney } from '../money';
import { monthKeys, monthsBetween, shiftMonth } from '../timeline';
import type { Plan, ReforecastSeries } from '../types';
import { channelActuals } from './actualMonths';

export const REFORECAST_LEVEL = 80;

export interface ReforecastBand {
  channelId: string;
  /** Minor units, one per plan month after M (as `ReforecastSeries.netRevenue`). */
  lower: number[];
  upper: number[];
}

/** Why a channel has no re-forecast (it keeps the plan after M). */
export interface ReforecastSkip {
  channelId: string;
  reason: 'noActuals';
}

export interface Reforecast {
  through: string;
  /** Plan months after `through`, the months every series below covers. */
  months: string[];
  reforecast: ReforecastSeries[];
  bands: ReforecastBand[];
  /** How each channel's forecast was made (ETS model, or the honest fallback). */
  notes: { channelId: string; note: ForecastNote; observations: number; from: string; filled: string[] }[];
  skipped: ReforecastSkip[];
}

/**
 * The channel's last unbroken run of actual net revenue ending at or before M: a forecast model needs
 * consecutive months, and a gap is not a zero — short gaps are filled for the forecast only
 * (forecast/gaps.ts), longer ones end the run.
 */
function lastRun(plan: Plan, channelId: string, through: string): { from: string; values: number[]; filled: string[] } | null {
  const actuals = plan.actuals;
  if (!actuals) return null;
  const span = monthsBetween(actuals.start, through);
  if (span === null || span < 0) return null;
  const months = Array.from({ length: span + 1 }, (_, k) => shiftMonth(actuals.start, k) ?? '');
  const given = channelActuals(actuals, channelId, 'netRevenue', months);
  let end = given.length - 1;
  while (end >= 0 && given[end] === null) end--;
  if (end < 0) return null;
  const { values: all, filled } = fillShortGaps(given.slice(0, end + 1));
  let start = end;
  while (start > 0 && all[start - 1] !== null) start--;
  return { from: months[start], values: all.slice(start, end + 1) as number[], filled: filled.filter((t) => t >= start).map((t) => months[t]) };
}

export function reforecastPlan(plan: Plan, through: string): Reforecast {
  const planMonths = monthKeys(plan.timeline);
  const months = planMonths.filter((m) => m > through);
  const out: Reforecast = { through, months, reforecast: [], bands: [], notes: [], skipped: [] };
  if (months.length === 0) return out;
  const lastPlan = planMonths[planMonths.length - 1];
  for (const ch of plan.channels) {
    const run = lastRun(plan, ch.id, through);
    if (!run) {
      out.skipped.push({ channelId: ch.id, reason: 'noActuals' });
      continue;
    }
    const lastObserved = shiftMonth(run.from, run.values.length - 1) ?? through;
    // The forecast runs from the month after the last observation to the plan's end; the plan
    // months after M are its tail (they are the same months unless the data stops before M).
    const horizon = monthsBetween(lastObserved, lastPlan) ?? 0;
    if (horizon <= 0) continue;
    const f = forecastMonthly(run.values, { start: run.from, horizon, levels: [REFORECAST_LEVEL], springFestival: true });
    const band = f.forecast.intervals.find((b) => b.level === REFORECAST_LEVEL);
    const skip = horizon - months.length;
    // Net revenue is not negative: a model's lower tail may be; money rounded once, at the end.
    const money = (a: ArrayLike<number>, k: number): number => Math.max(0, roundMoney(a[skip + k]));
    out.reforecast.push({ channelId: ch.id, netRevenue: months.map((_, k) => money(f.forecast.mean, k)) });
    out.bands.push({
      channelId: ch.id,
      lower: months.map((_, k) => (band ? money(band.lower, k) : money(f.forecast.mean, k))),
      upper: months.map((_, k) => (band ? money(band.upper, k) : money(f.forecast.mean, k))),
    });
    out.notes.push({ channelId: ch.id, note: f.forecast.note, observations: run.values.length, from: run.from, filled: run.filled });
  }
  return out;
}
