import * as Comlink from 'comlink';
import { forecastApi, forecastBuffers, type ForecastApi } from './forecastApi';

// The api as declared, except that results are handed over (transferred) instead of copied.
const exposed: ForecastApi = {
  forecastMany(requests, onProgress) {
    const results = forecastApi.forecastMany(requests, onProgress);
    return Comlink.transfer(results, forecastBuffers(results));
  },
};

Comlink.expose(exposed);
