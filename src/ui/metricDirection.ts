import { metricFormat } from '../engine/metrics';
import type { MetricKey, RatioMetric } from '../engine/types';
import { RATIO_METRICS } from '../engine/types';

/**
 * Which way each metric is good and how its changes are measured; plain data, no messages, so that
 * models and tests can use it without the i18n state. Texts are in metricDefinitions.ts.
 */

/** Which way a metric is better. Spend is a decision, not a result: its changes are not judged. */
export type MetricDirection = 'higher' | 'lower' | 'neutral';

const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set<MetricKey>([
  'promotionDiscount',
  'returns',
  'intermediaryMargin',
  'cannibalised',
  'variableCost',
  'fixedCost',
  'rebate',
  'channelCost',
  'cac',
  'costRatio',
]);
/** Inputs and volumes whose size says nothing good or bad on its own. */
const NEUTRAL: ReadonlySet<MetricKey> = new Set<MetricKey>(['spend', 'baseTraffic', 'revenueShare']);

export function metricDirection(key: MetricKey): MetricDirection {
  if (NEUTRAL.has(key)) return 'neutral';
  return LOWER_IS_BETTER.has(key) ? 'lower' : 'higher';
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Good or bad for the plan: by the metric's direction, never by the sign of the change alone. */
export function deltaTone(key: MetricKey, delta: number | null): Tone {
  const dir = metricDirection(key);
  if (delta === null || delta === 0 || dir === 'neutral') return 'neutral';
  return (delta > 0) === (dir === 'higher') ? 'good' : 'bad';
}

/**
 * Ratios shown as percents (ROI, cost ratio, revenue share, growth) change in percentage points:
 * ROI going from 40 % to 44 % is +4 pp, not +10 %. A relative change of a ratio is left out.
 */
export function deltaInPoints(key: MetricKey): boolean {
  return (RATIO_METRICS as readonly string[]).includes(key) && metricFormat(key as RatioMetric) === 'percent';
}

/** The relative change "+5.2 %", or null where it is not meaningful (ratios, a zero base). */
export function relativeDelta(key: MetricKey, value: number | null, reference: number | null): number | null {
  if (deltaInPoints(key) || value === null || reference === null || reference === 0) return null;
  return (value - reference) / Math.abs(reference);
}

