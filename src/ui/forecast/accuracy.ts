import type { MonthlyForecast } from '../../engine/forecast';

/**
 * Whether the model did no better than "same month last year" on the hold-out: its MASE is not
 * below the seasonal-naive rule's. Null when there is nothing to compare (no hold-out, or a score
 * that could not be computed).
 */
export function notBetterThanNaive(f: MonthlyForecast): boolean | null {
  const model = f.holdout?.scores.model?.mase;
  const naive = f.holdout?.scores.seasonalNaive?.mase;
  if (model === undefined || naive === undefined || !Number.isFinite(model) || !Number.isFinite(naive)) return null;
  return model >= naive;
}
