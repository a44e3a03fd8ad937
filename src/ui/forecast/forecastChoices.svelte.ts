import type { ActualMeasure } from '../../engine/types';
import { DEFAULT_FORECAST_SETTINGS } from './forecastInputs';

/**
 * The Forecast tab's choices, kept while the user visits other tabs, so the printable report
 * forecasts net revenue the way the tab last showed it (Spring Festival alignment, hold-out).
 */
export const forecastChoices = $state<{ measure: ActualMeasure; springFestival: boolean; holdout: number }>({ ...DEFAULT_FORECAST_SETTINGS });
