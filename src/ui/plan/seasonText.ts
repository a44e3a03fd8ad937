/** How growth rates and seasonality profiles read on screen, in the chosen language. */
import { yearlyFromMonthly } from '../../engine/seasonality/growthRate';
import { presetProfile, SEASON_PRESETS, type SeasonPreset } from '../../engine/seasonality/presets';
import { isFlat, peakMonth, sameProfile } from '../../engine/seasonality/profile';
import { DASH, formatPercent, numberFormat } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';

const monthNames = new Map<string, string[]>();

/** Short names of the twelve calendar months, January first ("Jan" / "1月"). */
export function monthNamesShort(locale: string): string[] {
  let names = monthNames.get(locale);
  if (!names) {
    const f = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    names = Array.from({ length: 12 }, (_, m) => f.format(Date.UTC(2027, m, 1)));
    monthNames.set(locale, names);
  }
  return names;
}

/** An index as the editor shows it: three decimals, always ("0.934", "1.000"). */
export function formatIndex(x: number, locale: string): string {
  return numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(x);
}

/** A growth rate with its sign ("+10%", "−2.5%"); per month shown with more decimals. */
export function formatGrowth(perMonth: number | undefined, period: 'month' | 'year', locale: string): string {
  if (perMonth === undefined) return DASH;
  const v = period === 'year' ? yearlyFromMonthly(perMonth) : perMonth;
  const text = formatPercent(Math.abs(v), locale, period === 'year' ? 2 : 3);
  return Math.abs(v) < 5e-7 ? text : `${v < 0 ? '−' : '+'}${text}`;
}

/** The preset a profile is (to the three decimals a user sees), or null. */
export function presetOf(indices: readonly number[] | undefined): SeasonPreset | null {
  if (isFlat(indices)) return null;
  return SEASON_PRESETS.find((p) => sameProfile(indices, presetProfile(p))) ?? null;
}

/** One short line for a grid cell: "Flat" or "Peak Nov ×1.530". */
export function seasonSummary(indices: readonly number[] | undefined, locale: string): string {
  if (!indices || isFlat(indices)) return t('growth.grid.flat');
  const m = peakMonth(indices);
  return t('growth.grid.custom', { month: monthNamesShort(locale)[m], index: formatIndex(indices[m], locale) });
}

/** The twelve indices with their months, for a tooltip ("Jan 0.950 · Feb 0.750 · …"). */
export function seasonList(indices: readonly number[], locale: string): string {
  const names = monthNamesShort(locale);
  return indices.map((x, m) => `${names[m]} ${formatIndex(x, locale)}`).join(' · ');
}
