/**
 * Demand forecasting on plain-number series (see types.ts for why not money): ETS models chosen by
 * AICc as R's forecast::ets, the seasonal-naive and drift benchmarks, hold-out accuracy, and the
 * Spring Festival alignment of January and February. See docs/model.md#forecasting.
 */
export type { ForecastNote, ForecastOptions, PredictionInterval } from './types';
export { forecastMonthly, type MonthlyForecast, type MonthlyForecastOptions } from './forecastMonthly';
export { forecastSeries, DEFAULT_LEVELS, MINIMUM_ETS_LENGTH, type SeriesForecast } from './forecastSeries';
export { seasonalNaive, randomWalk, type BenchmarkForecast } from './benchmarks';
export { holdoutAccuracy, maseScale, scoreForecast, type AccuracyScores, type HoldoutReport } from './accuracy';
export { selectEts, seasonalAllowed, minimumSeasonalLength, type EtsSelection } from './etsSelect';
export { fitEts, evaluateEts, freeParameterCount, type EtsFit } from './etsFit';
export { etsForecastMoments, type ForecastMoments } from './etsIntervals';
export { etsName, parseEtsName, type EtsSpec, type EtsParams } from './etsModel';
export {
  springFestivalDate,
  festivalJanuaryWeight,
  fitSpringFestival,
  alignSpringFestival,
  restoreSpringFestival,
  januaryShare,
  SPRING_FESTIVAL_YEARS,
  FESTIVAL_WINDOW,
  type SpringFestivalAdjustment,
  type MonthlyStart,
} from './springFestival';
export { channelHistories, forecastWindow, holdoutFor, type ChannelHistory, type HistoryNote, type ForecastWindow } from './planHistory';
export { forecastSteps, type ForecastRequest, type ForecastResult, type ForecastProgress } from './forecastBatch';
export { baselineFromForecast, baseTrafficOp, uncertaintyOp, type BaselineMode, type BaselineTarget, type BaselineChange, type ChannelBaseline, type UncertaintyChange } from './applyBaseline';
export { fitProfile, type ProfileFit } from './baselineFit';
