import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { channelHistories, forecastMonthly, type ForecastProgress, type ForecastRequest } from '../../../src/engine/forecast';
import { forecastApi, forecastBuffers, type ForecastApi } from '../../../src/workers/forecastApi';
import { planWithActuals } from './forecastPlan';

function requests(): ForecastRequest[] {
  return channelHistories(planWithActuals(), 'netRevenue')
    .filter((h) => h.values.length > 0)
    .map((h) => ({ id: h.channelId, values: h.values, start: h.start, horizon: 24, holdout: 12, springFestival: true }));
}

describe('forecast worker api', () => {
  it('round trip through a message port: same forecasts as in-process, progress after each series', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(forecastApi, port1 as unknown as Comlink.Endpoint);
    const remote = Comlink.wrap<ForecastApi>(port2 as unknown as Comlink.Endpoint);
    const progress: ForecastProgress[] = [];
    const asked = requests();
    const results = await remote.forecastMany(asked, Comlink.proxy((p: ForecastProgress) => void progress.push(p)));
    expect(results.map((r) => r.id)).toEqual(asked.map((r) => r.id));
    for (const [k, r] of results.entries()) {
      const direct = forecastMonthly(asked[k].values, { start: asked[k].start, horizon: 24, holdout: 12, springFestival: true });
      expect(r.forecast.forecast.model).toBe(direct.forecast.model);
      expect(r.forecast.forecast.mean).toBeInstanceOf(Float64Array);
      expect(Array.from(r.forecast.forecast.mean)).toEqual(Array.from(direct.forecast.mean));
      expect(r.forecast.holdout!.scores.model!.mase).toBe(direct.holdout!.scores.model!.mase);
      expect(r.forecast.firstMonth).toBe('2027-01');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress.map((p) => p.done)).toEqual(asked.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === asked.length)).toBe(true);
    remote[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  });

  it('lists each result buffer once, for transfer', () => {
    const results = forecastApi.forecastMany(requests().slice(0, 1));
    const buffers = forecastBuffers(results);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(results[0].forecast.forecast.mean.buffer);
  });
});
