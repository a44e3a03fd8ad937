/**
 * The plan's actuals laid on the plan's months: one value per plan month (null where the actuals
 * do not give it), for a channel as a whole (its region series summed) or for one region.
 */
import { monthsBetween, shiftMonth } from '../timeline';
import type { ActualMeasure, Actuals } from '../types';

/** Sums the given values of the matching series per plan month; null where none of them gives the month. */
function sumSeries(actuals: Actuals, months: readonly string[], measure: ActualMeasure, keep: (channelId: string, regionId: string) => boolean): (number | null)[] {
  const out: (number | null)[] = months.map(() => null);
  const offset = monthsBetween(actuals.start, months[0] ?? actuals.start) ?? 0;
  for (const s of actuals.series) {
    if (!keep(s.channelId, s.regionId)) continue;
    const values = s.values[measure];
    if (!values) continue;
    for (let t = 0; t < months.length; t++) {
      const a = offset + t;
      if (a < 0 || a >= values.length || a >= actuals.months) continue;
      const v = values[a];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      out[t] = (out[t] ?? 0) + v;
    }
  }
  return out;
}

/**
 * A channel's actual `measure` per plan month, its region series summed. A month counts as given when
 * at least one of its series gives it: a region that reported nothing for a month adds nothing.
 */
export function channelActuals(actuals: Actuals, channelId: string, measure: ActualMeasure, months: readonly string[]): (number | null)[] {
  return sumSeries(actuals, months, measure, (c) => c === channelId);
}

/** Actual `measure` of one region (all channels) per plan month; '' = series that name no region. */
export function regionActuals(actuals: Actuals, regionId: string, measure: ActualMeasure, months: readonly string[]): (number | null)[] {
  return sumSeries(actuals, months, measure, (_, r) => r === regionId);
}

/** Whether any series of the actuals gives `measure` for at least one month. */
export function hasMeasure(actuals: Actuals, measure: ActualMeasure): boolean {
  return actuals.series.some((s) => s.values[measure]?.some((v) => v !== null && v !== undefined));
}

/** Whether the data names regions (some series is for a region rather than the whole channel). */
export function hasRegions(actuals: Actuals): boolean {
  return actuals.series.some((s) => s.regionId !== '');
}

/** The last month for which any series gives `measure`, `YYYY-MM`; null when none does. */
export function lastActualMonth(actuals: Actuals, measure: ActualMeasure = 'netRevenue'): string | null {
  let last = -1;
  for (const s of actuals.series) {
    const values = s.values[measure];
    if (!values) continue;
    for (let a = Math.min(values.length, actuals.months) - 1; a > last; a--) {
      const v = values[a];
      if (v !== null && v !== undefined) {
        last = a;
        break;
      }
    }
  }
  return last < 0 ? null : shiftMonth(actuals.start, last);
}
