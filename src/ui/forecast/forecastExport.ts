/**
 * The Forecast tab's two tables as saved files: the models and their hold-out accuracy per channel,
 * and every forecast value (point, 80 % and 95 % ranges, both benchmarks) per channel and month.
 */
import type { AccuracyScores, MonthlyForecast } from '../../engine/forecast';
import { ACTUAL_MONEY_MEASURES, type ActualMeasure } from '../../engine/types';
import { shiftMonth } from '../../engine/timeline';
import { t } from '../../state/i18n.svelte';
import { countCell, decimalCell, moneyCell, percentCell, type ExportCell, type ExportTable } from '../export/cells';
import { etsCode, modelWords, noteText } from './forecastText';
import { notBetterThanNaive } from './accuracy';

export interface ExportedChannel {
  name: string;
  start: string;
  forecast: MonthlyForecast;
  notes: Parameters<typeof noteText>[0][];
}

function scoreCells(s: AccuracyScores | null | undefined): ExportCell[] {
  const share = (level: number) => percentCell(s?.coverage.find((c) => c.level === level)?.share);
  return [decimalCell(s?.mase), percentCell(s ? s.smape / 100 : null), share(80), share(95)];
}

export function modelTable(channels: readonly ExportedChannel[], locale: string): ExportTable {
  const methods = [t('forecast.model'), t('forecast.series.seasonalNaive'), t('forecast.series.drift')];
  const scoreHead = methods.flatMap((m) => [`${m}: ${t('forecast.accuracy.mase')}`, `${m}: ${t('forecast.accuracy.smape')}`, `${m}: ${t('forecast.accuracy.coverage80')}`, `${m}: ${t('forecast.accuracy.coverage95')}`]);
  const head: ExportCell[] = [t('forecast.table.channel'), t('forecast.table.code'), t('forecast.table.words'), t('forecast.table.notes'), t('forecast.holdout'), ...scoreHead, t('forecast.table.noBetter')];
  const rows = channels.map((c): ExportCell[] => {
    const f = c.forecast.forecast;
    const scores = c.forecast.holdout?.scores;
    const flag = notBetterThanNaive(c.forecast);
    return [
      c.name,
      f.model ? etsCode(f.model) : null,
      modelWords(f.method, f.model),
      c.notes.map((n) => noteText(n, { locale, start: c.start })).join(' '),
      countCell(c.forecast.holdout?.holdout ?? null),
      ...scoreCells(scores?.model),
      ...scoreCells(scores?.seasonalNaive),
      ...scoreCells(scores?.drift),
      flag === null ? null : t(flag ? 'forecast.table.yes' : 'forecast.table.no'),
    ];
  });
  return { rows: [head, ...rows] };
}

export function valuesTable(channels: readonly ExportedChannel[], measure: ActualMeasure, currency: string): ExportTable {
  const cell = (v: number | undefined) => (ACTUAL_MONEY_MEASURES.has(measure) ? moneyCell(v ?? null, currency) : countCell(v ?? null));
  const head: ExportCell[] = [
    t('forecast.table.channel'),
    t('forecast.values.month'),
    t('forecast.values.point'),
    t('forecast.values.lower80'),
    t('forecast.values.upper80'),
    t('forecast.values.lower95'),
    t('forecast.values.upper95'),
    t('forecast.series.seasonalNaive'),
    t('forecast.series.drift'),
  ];
  const rows: ExportCell[][] = [];
  for (const c of channels) {
    const f = c.forecast;
    const b80 = f.forecast.intervals.find((b) => b.level === 80);
    const b95 = f.forecast.intervals.find((b) => b.level === 95);
    for (let k = 0; k < f.forecast.mean.length; k++) {
      rows.push([
        c.name,
        shiftMonth(f.firstMonth, k),
        cell(f.forecast.mean[k]),
        cell(b80?.lower[k]),
        cell(b80?.upper[k]),
        cell(b95?.lower[k]),
        cell(b95?.upper[k]),
        cell(f.seasonalNaive?.mean[k]),
        cell(f.drift?.mean[k]),
      ]);
    }
  }
  return { rows: [head, ...rows] };
}
