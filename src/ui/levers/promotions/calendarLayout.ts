/**
 * Where the promotion calendar draws things: months across the plan's timeline, one row per channel
 * that runs an event, each event a bar over its days (in lanes when two overlap). Positions are
 * percentages of the timeline's width, so the calendar scales with the screen or a projector.
 */
import { dayNumber, monthDays } from '../../../engine/levers/promotionDays';
import { eventSpan } from '../../../engine/levers/promotions';
import type { Plan, Promotion } from '../../../engine/types';

export interface MonthTick {
  key: string;
  left: number;
  width: number;
}

export interface CalendarBar {
  promotion: Promotion;
  left: number;
  width: number;
  lane: number;
  /** Part of the event falls outside the timeline. */
  clipped: boolean;
  /** Near the end of the timeline the label ends where the bar ends, so it stays inside. */
  labelAtEnd: boolean;
}

export interface CalendarRow {
  channelId: string;
  name: string;
  color: string;
  lanes: number;
  bars: CalendarBar[];
}

export interface CalendarLayout {
  months: MonthTick[];
  rows: CalendarRow[];
}

/**
 * Room a bar's label needs, as a share of the timeline: a short event's label runs past its bar, so
 * the next event in the same lane must start after the label, not only after the bar. Estimated from
 * its characters (a Chinese character is about twice as wide) on a track of about 1,000 px.
 */
function labelShare(label: string): number {
  let px = 12;
  for (const ch of label) px += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 15 : 8;
  return Math.min(0.6, px / 1000);
}

export function calendarLayout(plan: Plan, months: readonly string[], promotions: readonly Promotion[], label: (p: Promotion) => string = (p) => p.name): CalendarLayout {
  const first = monthDays(months[0]).first;
  const lastMonth = monthDays(months[months.length - 1]);
  const last = lastMonth.first + lastMonth.days - 1;
  const total = last - first + 1;
  const pct = (days: number): number => (days / total) * 100;
  const ticks = months.map((key): MonthTick => {
    const m = monthDays(key);
    return { key, left: pct(m.first - first), width: pct(m.days) };
  });
  const rows: CalendarRow[] = [];
  for (const ch of plan.channels) {
    const bars: CalendarBar[] = [];
    const laneEnds: number[] = [];
    const mine = promotions
      .map((p) => ({ p, span: eventSpan(p) }))
      .filter((x): x is { p: Promotion; span: NonNullable<typeof x.span> } => x.span !== null && x.p.channelIds.includes(ch.id) && x.span.to >= first && x.span.from <= last)
      .sort((a, b) => a.span.from - b.span.from);
    for (const { p, span } of mine) {
      const from = Math.max(span.from, first);
      const to = Math.min(span.to, last);
      const share = labelShare(label(p));
      const taken = Math.max(to, from + Math.ceil(total * share));
      let lane = laneEnds.findIndex((end) => end < from);
      if (lane < 0) lane = laneEnds.push(taken) - 1;
      else laneEnds[lane] = taken;
      const left = pct(from - first);
      const width = pct(to - from + 1);
      bars.push({ promotion: p, left, width, lane, clipped: from !== span.from || to !== span.to, labelAtEnd: left + share * 100 > 100 });
    }
    if (bars.length > 0) rows.push({ channelId: ch.id, name: ch.name, color: ch.color, lanes: laneEnds.length, bars });
  }
  return { months: ticks, rows };
}

/** Whether a date typed in a date field is a real day. */
export function isDay(text: string): boolean {
  return dayNumber(text) !== null;
}
