/**
 * The stored actuals of one measure as a table: a row per series (channel, and region when the data
 * had regions), a column per month, totals row and column. Money stays in minor units until shown;
 * a month the data did not give stays empty (null), and a total over empty months is empty too.
 */
import type { ActualMeasure, Actuals, Plan } from '../../engine/types';
import { shiftMonth } from '../../engine/timeline';

export interface ActualsRow {
  channel: string;
  region: string;
  values: (number | null)[];
  total: number | null;
}

export interface ActualsTable {
  months: string[];
  rows: ActualsRow[];
  totals: (number | null)[];
  grandTotal: number | null;
  byRegion: boolean;
}

const sum = (values: readonly (number | null)[]): number | null => values.reduce<number | null>((a, v) => (v === null ? a : (a ?? 0) + v), null);

export function actualsTable(plan: Plan, actuals: Actuals, measure: ActualMeasure, removed: (id: string) => string, wholeChannel: string): ActualsTable {
  const months = Array.from({ length: actuals.months }, (_, i) => shiftMonth(actuals.start, i)!);
  const channelName = new Map(plan.channels.map((c) => [c.id, c.name]));
  const regionName = new Map(plan.regions.map((r) => [r.id, r.name]));
  const rows: ActualsRow[] = [];
  for (const s of actuals.series) {
    const values = s.values[measure];
    if (!values) continue;
    rows.push({
      channel: channelName.get(s.channelId) ?? removed(s.channelId),
      region: s.regionId === '' ? wholeChannel : (regionName.get(s.regionId) ?? removed(s.regionId)),
      values,
      total: sum(values),
    });
  }
  const totals = months.map((_, i) => sum(rows.map((r) => r.values[i] ?? null)));
  return { months, rows, totals, grandTotal: sum(totals), byRegion: actuals.series.some((s) => s.regionId !== '') };
}
