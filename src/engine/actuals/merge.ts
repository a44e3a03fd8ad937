/**
 * A month's new actuals added to the ones the plan holds: the review each month brings only the
 * latest months, and the history the forecast and the year-to-date figures stand on must stay.
 * The months the new data covers replace the same months of the same series (a month the new data
 * leaves empty keeps its old value); every other month and series is kept as it was.
 */
import { monthsBetween, shiftMonth } from '../timeline';
import { ACTUAL_MEASURES, type ActualSeries, type Actuals, type Plan } from '../types';

const keyOf = (s: ActualSeries) => `${s.channelId}\u0000${s.regionId}`;

/** The merged series follow the plan's channels, then its regions (the whole channel first), as an import orders them. */
export function mergeActuals(existing: Actuals, incoming: Actuals, plan: Pick<Plan, 'channels' | 'regions'>): Actuals {
  const start = incoming.start < existing.start ? incoming.start : existing.start;
  const lastOf = (a: Actuals) => shiftMonth(a.start, a.months - 1)!;
  const end = lastOf(incoming) > lastOf(existing) ? lastOf(incoming) : lastOf(existing);
  const months = monthsBetween(start, end)! + 1;
  const series = new Map<string, ActualSeries>();
  const place = (from: Actuals, s: ActualSeries) => {
    const key = keyOf(s);
    const target = series.get(key) ?? { channelId: s.channelId, regionId: s.regionId, values: {} };
    series.set(key, target);
    const offset = monthsBetween(start, from.start)!;
    for (const measure of ACTUAL_MEASURES) {
      const column = s.values[measure];
      if (!column) continue;
      const out = (target.values[measure] ??= new Array<number | null>(months).fill(null));
      column.forEach((v, i) => {
        if (v !== null) out[offset + i] = v;
      });
    }
  };
  for (const s of existing.series) place(existing, s);
  for (const s of incoming.series) place(incoming, s);
  const channelRank = new Map(plan.channels.map((c, i) => [c.id, i]));
  const regionRank = new Map<string, number>([['', -1], ...plan.regions.map((r, i): [string, number] => [r.id, i])]);
  const rank = (m: Map<string, number>, id: string) => m.get(id) ?? Infinity;
  const sorted = [...series.values()].sort((a, b) => rank(channelRank, a.channelId) - rank(channelRank, b.channelId) || rank(regionRank, a.regionId) - rank(regionRank, b.regionId));
  return { ...incoming, start, months, series: sorted };
}
