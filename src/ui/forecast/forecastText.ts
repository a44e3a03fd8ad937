/**
 * The forecast's codes in words: the model's name ("ETS(M,Ad,M) — multiplicative error, damped
 * trend, multiplicative seasonality") and every note the engine can return, one formatter per
 * code so that a new code without wording does not compile.
 */
import { parseEtsName, type ForecastNote, type HistoryNote, type SpringFestivalAdjustment } from '../../engine/forecast';
import { shiftMonth } from '../../engine/timeline';
import { formatCount, formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { DataSpan } from './forecastInputs';

/** "ETS(M,Ad,M)" from "MAdM"; the short name when it is not one. */
export function etsCode(model: string): string {
  const spec = parseEtsName(model);
  return spec ? `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season})` : model;
}

/** The model in words, with its code; the fallbacks by what they do. */
export function modelWords(method: 'ets' | 'naive' | 'none', model: string | null): string {
  if (method === 'naive') return t('forecast.model.naive');
  const spec = model ? parseEtsName(model) : null;
  if (method === 'none' || !spec || !model) return t('forecast.model.none');
  return t('forecast.model.words', {
    code: etsCode(model),
    error: t(`forecast.error.${spec.error}`),
    trend: t(spec.trend === 'N' ? 'forecast.trend.N' : spec.damped ? 'forecast.trend.Ad' : 'forecast.trend.A'),
    season: t(`forecast.season.${spec.season}`),
  });
}

export type AnyNote = ForecastNote | SpringFestivalAdjustment['note'] | HistoryNote;
type Code = AnyNote['code'];
type ParamsOf<C extends Code> = Extract<AnyNote, { code: C }>['params'];

export interface NoteContext {
  locale: string;
  /** Month of the series' first value, so an index can be named as a month. */
  start: string;
}

const whole = (v: number, c: NoteContext) => formatCount(v, c.locale);
const FORMATTERS: { [C in Code]: (p: ParamsOf<C>, c: NoteContext) => Record<string, string> } = {
  'forecast.ets': () => ({}),
  'forecast.etsNonSeasonal': (p, c) => ({ observations: whole(p.observations, c), needed: whole(p.needed, c) }),
  'forecast.naiveTooShort': (p, c) => ({ observations: whole(p.observations, c), needed: whole(p.needed, c) }),
  'forecast.naiveConstant': () => ({}),
  'forecast.naiveNoModel': () => ({}),
  'forecast.notFinite': (p, c) => ({ month: formatMonth(shiftMonth(c.start, p.index) ?? c.start, c.locale) }),
  'springFestival.fitted': (p, c) => ({ years: whole(p.years, c) }),
  'springFestival.tooFewYears': (p, c) => ({ years: whole(p.years, c), needed: whole(p.needed, c) }),
  'history.gap': (p, c) => ({ missing: whole(p.missing, c), from: formatMonth(p.from, c.locale) }),
  'history.filled': (p, c) => ({ months: p.months.map((m) => formatMonth(m, c.locale)).join(c.locale.startsWith('zh') ? '、' : ', '), count: whole(p.months.length, c) }),
  'history.empty': () => ({}),
};

export function noteText(note: AnyNote, context: NoteContext): string {
  const format = FORMATTERS[note.code] as (p: unknown, c: NoteContext) => Record<string, string>;
  return t(`forecast.note.${note.code}`, format(note.params, context));
}

/** Every note code, for the test that each has wording in every language. */
export const NOTE_CODES = Object.keys(FORMATTERS) as Code[];

/** "Data Jan 2024 to Dec 2026; forecast Jan 2027 to Dec 2028 (24 months)." — or that nothing is left to forecast. */
export function windowSentence(span: DataSpan, locale: string): string {
  const w = span.window;
  if (w.horizon <= 0) return t('forecast.window.none');
  return t('forecast.window', {
    dataStart: formatMonth(span.start, locale),
    dataEnd: formatMonth(span.end, locale),
    first: formatMonth(w.firstMonth, locale),
    last: formatMonth(shiftMonth(w.firstMonth, w.horizon - 1) ?? w.firstMonth, locale),
    months: w.horizon,
  });
}
