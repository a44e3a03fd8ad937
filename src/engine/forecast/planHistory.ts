/**
 * What the Forecast view forecasts from a plan: one monthly series per channel (its regions summed)
 * of one measure of `plan.actuals`, and the plan months the forecast has to cover. Money measures
 * stay in minor units, as plain numbers (see types.ts).
 */
import { monthsBetween, shiftMonth } from '../timeline';
import type { ActualMeasure, Plan } from '../types';
import { fillShortGaps } from './gaps';

/**
 * Why a channel's history is shorter than its data, or why it has none:
 *  - `history.gap`: months inside the data are missing; only the unbroken run after the last gap
 *    (from `from`) is used, since a model cannot run across months it never saw;
 *  - `history.filled`: short gaps (gaps.ts) were filled for the forecast, these months;
 *  - `history.empty`: the channel has no month of this measure.
 */
export type HistoryNote =
  | { code: 'history.gap'; params: { missing: number; from: string } }
  | { code: 'history.filled'; params: { months: string[] } }
  | { code: 'history.empty'; params: Record<string, never> };

export interface ChannelHistory {
  channelId: string;
  /** Month of the first value, `YYYY-MM`. */
  start: string;
  /** Month of the last value. */
  end: string;
  /** One value a month, the regions summed; empty when the channel has no data of the measure. */
  values: Float64Array;
  /** Series (regions) summed into it. */
  regions: number;
  notes: HistoryNote[];
}

/**
 * Per plan channel, in plan order, the measure summed over the channel's series. A month counts when
 * at least one of its series gives it (regions that give nothing add nothing). Leading and trailing
 * missing months are dropped; missing months inside are a gap (see HistoryNote).
 */
export function channelHistories(plan: Plan, measure: ActualMeasure): ChannelHistory[] {
  const actuals = plan.actuals;
  return plan.channels.map((channel) => {
    const empty: ChannelHistory = { channelId: channel.id, start: plan.timeline.start, end: plan.timeline.start, values: new Float64Array(0), regions: 0, notes: [{ code: 'history.empty', params: {} }] };
    if (!actuals) return empty;
    const months = actuals.months;
    const sum = new Float64Array(months);
    const given = new Uint8Array(months);
    let regions = 0;
    for (const s of actuals.series) {
      if (s.channelId !== channel.id) continue;
      const column = s.values[measure];
      if (!column) continue;
      regions++;
      for (let t = 0; t < months && t < column.length; t++) {
        const v = column[t];
        if (v === null || v === undefined) continue;
        sum[t] += v;
        given[t] = 1;
      }
    }
    let last = months - 1;
    while (last >= 0 && !given[last]) last--;
    if (last < 0) return { ...empty, regions };
    const gapsFilled = fillShortGaps(Array.from(sum, (v, t) => (given[t] ? v : null)));
    for (const t of gapsFilled.filled) {
      sum[t] = gapsFilled.values[t]!;
      given[t] = 1;
    }
    let first = last;
    while (first > 0 && given[first - 1]) first--;
    let earliest = 0;
    while (!given[earliest]) earliest++;
    const notes: HistoryNote[] = [];
    const filledInRun = gapsFilled.filled.filter((t) => t >= first);
    if (filledInRun.length > 0) notes.push({ code: 'history.filled', params: { months: filledInRun.map((t) => shiftMonth(actuals.start, t) ?? actuals.start) } });
    if (earliest < first) {
      let missing = 0;
      for (let t = earliest; t < first; t++) if (!given[t]) missing++;
      notes.push({ code: 'history.gap', params: { missing, from: shiftMonth(actuals.start, first) ?? actuals.start } });
    }
    return {
      channelId: channel.id,
      start: shiftMonth(actuals.start, first) ?? actuals.start,
      end: shiftMonth(actuals.start, last) ?? actuals.start,
      values: sum.slice(first, last + 1),
      regions,
      notes,
    };
  });
}

/**
 * How the data and the plan's timeline meet: the forecast runs from the month after the data's last
 * month to the plan's last month. When the plan starts before the data ends, its first months are
 * history, not forecast (`overlap` months); when the data ends more than a month before the plan
 * starts, the months between are forecast but lie outside the plan (`gap` months).
 */
export interface ForecastWindow {
  /** First forecast month. */
  firstMonth: string;
  /** Months to forecast (0 when the data reaches the plan's end). */
  horizon: number;
  /** Index of the first plan period the forecast covers (0 … periods). */
  firstPeriod: number;
  /** Months forecast before the plan starts. */
  gap: number;
  /** Plan months that the data already covers. */
  overlap: number;
}

export function forecastWindow(plan: Plan, dataEnd: string): ForecastWindow {
  const firstMonth = shiftMonth(dataEnd, 1) ?? dataEnd;
  const planEnd = shiftMonth(plan.timeline.start, plan.timeline.periods - 1) ?? plan.timeline.start;
  const horizon = Math.max(0, (monthsBetween(firstMonth, planEnd) ?? -1) + 1);
  const offset = monthsBetween(plan.timeline.start, firstMonth) ?? 0;
  return {
    firstMonth,
    horizon,
    firstPeriod: Math.min(plan.timeline.periods, Math.max(0, offset)),
    gap: Math.max(0, -offset),
    overlap: Math.min(plan.timeline.periods, Math.max(0, offset)),
  };
}

/**
 * Hold-out months for a series of n months: the asked number (12 by default) while 2 years remain
 * to train on (what a seasonal model wants); for shorter series the larger of what leaves 2 years
 * and a quarter of the series, but always more than one cycle of training data (MASE is scaled by
 * the seasonal change within it); 0 when even that is out of reach.
 */
export function holdoutFor(n: number, asked = 12): number {
  if (asked <= 0) return 0;
  return Math.max(0, Math.min(asked, Math.max(n - 24, Math.min(Math.floor(n / 4), n - 13))));
}
