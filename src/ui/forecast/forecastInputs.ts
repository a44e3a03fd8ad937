/**
 * From the plan to the forecast worker's requests and back: each channel's history of the chosen
 * measure, its forecast window within the plan, its hold-out, and the run's key (a request already
 * shown is not sent again).
 */
import { channelHistories, forecastWindow, holdoutFor, type ChannelHistory, type ForecastRequest, type ForecastWindow, type MonthlyForecast } from '../../engine/forecast';
import { ACTUAL_MEASURES, type ActualMeasure, type Channel, type Plan } from '../../engine/types';

export interface ForecastSettings {
  measure: ActualMeasure;
  springFestival: boolean;
  holdout: number;
}

/** What the Forecast tab starts with, and what the printable report forecasts with. */
export const DEFAULT_FORECAST_SETTINGS: ForecastSettings = { measure: 'netRevenue', springFestival: true, holdout: 12 };

export interface ChannelInput {
  channel: Channel;
  history: ChannelHistory;
  /** Null when the channel has no data of the measure. */
  window: ForecastWindow | null;
  holdout: number;
}

/** Measures some series of the plan's actuals gives, in the table's order. */
export function availableMeasures(plan: Plan): ActualMeasure[] {
  const given = new Set<ActualMeasure>();
  for (const s of plan.actuals?.series ?? []) for (const m of ACTUAL_MEASURES) if (s.values[m]?.some((v) => v !== null)) given.add(m);
  return ACTUAL_MEASURES.filter((m) => given.has(m));
}

export function forecastInputs(plan: Plan, settings: ForecastSettings): { channels: ChannelInput[]; requests: ForecastRequest[]; key: string } {
  const channels = channelHistories(plan, settings.measure).map((history, i): ChannelInput => {
    const has = history.values.length > 0;
    return {
      channel: plan.channels[i],
      history,
      window: has ? forecastWindow(plan, history.end) : null,
      holdout: has ? holdoutFor(history.values.length, settings.holdout) : 0,
    };
  });
  const requests = channels
    .filter((c) => c.window && c.window.horizon > 0)
    .map((c) => ({ id: c.channel.id, values: c.history.values, start: c.history.start, horizon: c.window!.horizon, holdout: c.holdout, springFestival: settings.springFestival }));
  const key = JSON.stringify([settings, plan.timeline, requests.map((r) => [r.id, r.start, r.horizon, r.holdout, Array.from(r.values)])]);
  return { channels, requests, key };
}

export interface DataSpan {
  start: string;
  end: string;
  window: ForecastWindow;
}

/** The data's span over all channels and the forecast window it leaves in the plan; null without data. */
export function dataSpan(plan: Plan, channels: readonly ChannelInput[]): DataSpan | null {
  const withData = channels.filter((c) => c.window !== null);
  if (withData.length === 0) return null;
  const start = withData.map((c) => c.history.start).sort()[0];
  const end = withData.map((c) => c.history.end).sort()[withData.length - 1];
  return { start, end, window: forecastWindow(plan, end) };
}

/** The part of a forecast that falls in the plan: months from the window's first plan period on. */
export function planPart(forecast: MonthlyForecast, window: ForecastWindow, periods: number): { from: number; count: number } {
  return { from: window.gap, count: Math.max(0, Math.min(window.horizon - window.gap, periods - window.firstPeriod)) };
}
