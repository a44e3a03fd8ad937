/**
 * Totals of transactions have no row for a month without sales: within the months the data covers,
 * that month's true total is zero, not unknown. This adds the zeros — for data that covers every
 * month from its first to its last (a transaction data set, the warehouse query over one), never
 * for a table someone typed, where an empty cell is a month not given.
 */
import { monthsBetween, shiftMonth } from '../timeline';
import { seriesKey, type ActualRecord } from './records';

export function completeMonths(records: readonly ActualRecord[], first?: string, last?: string): ActualRecord[] {
  if (records.length === 0) return [];
  let from = first ?? records[0].month;
  let to = last ?? records[0].month;
  if (first === undefined || last === undefined) for (const r of records) {
    if (r.month < from) from = r.month;
    if (r.month > to) to = r.month;
  }
  const span = monthsBetween(from, to)! + 1;
  const months = Array.from({ length: span }, (_, i) => shiftMonth(from, i)!);
  const have = new Set<string>();
  const series = new Map<string, Omit<ActualRecord, 'month' | 'value'>>();
  for (const r of records) {
    have.add(`${seriesKey(r.channel, r.region)}\u0000${r.measure}\u0000${r.month}`);
    series.set(`${seriesKey(r.channel, r.region)}\u0000${r.measure}`, { row: 0, channel: r.channel, region: r.region, measure: r.measure });
  }
  const out = [...records];
  for (const [key, s] of series) for (const month of months) if (!have.has(`${key}\u0000${month}`)) out.push({ ...s, month, value: 0 });
  return out;
}
