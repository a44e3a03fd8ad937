import { fitEts, freeParameterCount, type EtsFit } from './etsFit';
import type { EtsSpec, SeasonType } from './etsModel';

/**
 * Model selection as forecast::ets(y) with its defaults: every admissible combination of error
 * A/M, trend N/A/Ad and season N/A/M is fitted and the lowest AICc wins (ties to the first, in ets's
 * order). Excluded, as ets excludes them: multiplicative trend; additive error with multiplicative
 * season (numerically unstable); multiplicative error unless every value is positive; seasonal
 * models when the period is 1 or above 24, or the series is no longer than one cycle, and any
 * model whose free parameters k leave fewer than two degrees of freedom (k ≥ n − 1). For m = 12 the
 * smallest seasonal models (A,N,A), (M,N,A), (M,N,M) have k = m + 2 = 14 and so need n ≥ 16.
 */
export interface EtsSelection {
  best: EtsFit | null;
  /** AICc of each candidate tried, by name; null where it could not be fitted. */
  candidates: Record<string, number | null>;
  /** Whether any seasonal model was allowed to compete. */
  seasonalConsidered: boolean;
}

export const MAX_SEASONAL_PERIOD = 24;

/** Observations the smallest seasonal model needs: its m + 2 free parameters plus two. */
export function minimumSeasonalLength(period: number): number {
  return freeParameterCount({ error: 'A', trend: 'N', damped: false, season: 'A' }, period) + 2;
}

export function seasonalAllowed(n: number, period: number): boolean {
  return period > 1 && period <= MAX_SEASONAL_PERIOD && n > period && n >= minimumSeasonalLength(period);
}

export function selectEts(y: ArrayLike<number>, period: number): EtsSelection {
  const n = y.length;
  let positive = true;
  for (let i = 0; i < n; i++) if (!(y[i] > 0)) positive = false;
  const seasonalConsidered = seasonalAllowed(n, period);
  const seasons: SeasonType[] = seasonalConsidered ? ['N', 'A', 'M'] : ['N'];
  const candidates: Record<string, number | null> = {};
  let best: EtsFit | null = null;
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'A'] as const)
      for (const season of seasons)
        for (const damped of [true, false]) {
          if (trend === 'N' && damped) continue;
          if (error === 'A' && season === 'M') continue;
          const spec: EtsSpec = { error, trend, damped, season };
          const fit = fitEts(y, spec, period);
          const name = `${error}${trend}${damped ? 'd' : ''}${season}`;
          candidates[name] = fit && Number.isFinite(fit.aicc) ? fit.aicc : null;
          if (fit && Number.isFinite(fit.aicc) && (best === null || fit.aicc < best.aicc)) best = fit;
        }
  }
  return { best, candidates, seasonalConsidered };
}
