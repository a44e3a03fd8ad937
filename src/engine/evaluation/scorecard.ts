/**
 * The channel KPI scorecard (docs/model.md#scorecard): each KPI is brought to a 0–100 scale, the weighted sum is the
 * channel's score, and thresholds colour the cells red, amber or green. Values come in as a matrix
 * [kpiIndex][channelIndex] so that the caller decides the window and how custom metrics are evaluated.
 */
import type { KpiDirection, ScorecardKpi, ScorecardSettings } from '../types';
import { competitionRanks } from './rank';

/** Weights are percentages; a sum this close to 100 is 100 (sums of decimals like 33.3 + 66.7). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

export type ScorecardProblem =
  | { code: 'noKpis' }
  | { code: 'duplicateKpi'; kpiId: string }
  | { code: 'weightInvalid'; kpiId: string; weight: number }
  | { code: 'weightsSum'; sum: number }
  | { code: 'targetMissing'; kpiId: string }
  | { code: 'targetNotPositive'; kpiId: string; target: number }
  | { code: 'thresholdInvalid'; kpiId: string; threshold: 'red' | 'green' }
  | { code: 'thresholdOrder'; kpiId: string; red: number; green: number }
  /** kpiId null: the matrix has the wrong number of rows; otherwise that KPI's row is short. */
  | { code: 'valuesShape'; kpiId: string | null; expected: number; actual: number }
  /** The KPI has no value for any channel in the window: it is left out and its weight shared out. */
  | { code: 'kpiUndefined'; kpiId: string; weight: number }
  /** The KPI has no value for some channels: they score 0 on it. */
  | { code: 'valuesMissing'; kpiId: string; channels: number[] }
  /** Every KPI that carries weight is undefined in the window: there is nothing to score with. */
  | { code: 'nothingToScore' };

/**
 * Problems that make the weighted score meaningless; the others (duplicate ids, odd thresholds) only
 * affect labels and colours, so the scores are still shown.
 */
const BLOCKING: ReadonlySet<ScorecardProblem['code']> = new Set([
  'noKpis',
  'weightInvalid',
  'weightsSum',
  'targetMissing',
  'targetNotPositive',
  'valuesShape',
  'nothingToScore',
]);

export function isBlockingProblem(p: ScorecardProblem): boolean {
  return BLOCKING.has(p.code);
}

export type RagStatus = 'red' | 'amber' | 'green';

export interface ScoreCell {
  /** The value scored; null when the metric is undefined for the channel (or not a finite number). */
  value: number | null;
  /** 0–100; 0 for a missing value; null when the KPI itself cannot be normalised (see problems). */
  normalised: number | null;
  missing: boolean;
  status: RagStatus | null;
}

export interface ScoreAlert {
  channelIndex: number;
  kpiId: string;
  value: number;
  threshold: number;
}

export interface ScorecardResult {
  problems: ScorecardProblem[];
  /** cells[kpiIndex][channelIndex], laid out like the values. */
  cells: ScoreCell[][];
  /** Weighted score 0–100 per channel; all null while a blocking problem stands. */
  scores: (number | null)[];
  /** Competition ranks, 1 = best; null with the score. */
  ranks: (number | null)[];
  /** Channel indices, best first. */
  order: number[];
  /** Every red cell, channel by channel, KPIs in scorecard order. */
  alerts: ScoreAlert[];
  /**
   * The weight each KPI is scored with, percent, summing to 100: a KPI undefined for every channel
   * gets 0 and the others share its weight in proportion to theirs (see effectiveWeights).
   */
  weights: number[];
}

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function isWorse(direction: KpiDirection, value: number, threshold: number): boolean {
  return direction === 'higher' ? value < threshold : value > threshold;
}

/**
 * RAG colour of a value. Red wins over green when a user sets contradictory thresholds (the alert
 * matters more than the reassurance). With only a red line, anything not red is green: the user said
 * what is bad and nothing else. With only a green line, missing it is amber, not red: a goal that is
 * not met is not an alarm the user asked for.
 */
export function ragStatus(kpi: Pick<ScorecardKpi, 'direction' | 'red' | 'green'>, value: number | null): RagStatus | null {
  if (value === null) return null;
  const red = finiteOrNull(kpi.red);
  const green = finiteOrNull(kpi.green);
  if (red !== null && isWorse(kpi.direction, value, red)) return 'red';
  if (green !== null) return isWorse(kpi.direction, value, green) ? 'amber' : 'green';
  return red !== null ? 'green' : null;
}

/**
 * Min–max over the channels that have a value. When every channel has the same value the KPI does
 * not tell channels apart, so it should neither reward nor punish anyone: all get 100 (as a single
 * channel does), which keeps "100 = as good as the best channel" true and leaves the ranking to the
 * KPIs that discriminate. 0 would drag every score down by the KPI's weight for no reason.
 */
function minMax(direction: KpiDirection, row: readonly (number | null)[]): number[] {
  const present = row.filter((v): v is number => v !== null);
  if (present.length === 0) return row.map(() => 0);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return row.map((v) => {
    if (v === null) return 0;
    if (max === min) return 100;
    const up = ((v - min) / (max - min)) * 100;
    return direction === 'higher' ? up : 100 - up;
  });
}

/**
 * Against a target (> 0), capped at 100 and never below 0. Higher is better: v / target; a value at
 * or below zero scores 0. Lower is better: target / v; a value at or below zero is at or under any
 * positive target and scores 100, which keeps the score monotone (target / v grows without bound as
 * v falls towards 0). Lower-is-better metrics (cost ratio, CAC) only go negative through negative
 * revenue, which the other KPIs and a red threshold on revenue or ROI are there to catch.
 */
function againstTarget(direction: KpiDirection, target: number, row: readonly (number | null)[]): number[] {
  return row.map((v) => {
    if (v === null) return 0;
    if (direction === 'higher') return v <= 0 ? 0 : Math.min(100, (v / target) * 100);
    return v <= 0 ? 100 : Math.min(100, (target / v) * 100);
  });
}

function checkKpis(kpis: readonly ScorecardKpi[], values: readonly (readonly (number | null)[])[], channels: number): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  if (kpis.length === 0) problems.push({ code: 'noKpis' });
  if (values.length !== kpis.length) problems.push({ code: 'valuesShape', kpiId: null, expected: kpis.length, actual: values.length });
  const ids = new Set<string>();
  let sum = 0;
  let weightsOk = true;
  kpis.forEach((kpi, k) => {
    if (ids.has(kpi.id)) problems.push({ code: 'duplicateKpi', kpiId: kpi.id });
    ids.add(kpi.id);
    if (typeof kpi.weight !== 'number' || !Number.isFinite(kpi.weight) || kpi.weight < 0) {
      problems.push({ code: 'weightInvalid', kpiId: kpi.id, weight: kpi.weight });
      weightsOk = false;
    } else {
      sum += kpi.weight;
    }
    if (kpi.normalisation === 'target') {
      if (finiteOrNull(kpi.target) === null) problems.push({ code: 'targetMissing', kpiId: kpi.id });
      else if ((kpi.target as number) <= 0) problems.push({ code: 'targetNotPositive', kpiId: kpi.id, target: kpi.target as number });
    }
    for (const threshold of ['red', 'green'] as const) {
      const t = kpi[threshold];
      if (t !== undefined && finiteOrNull(t) === null) problems.push({ code: 'thresholdInvalid', kpiId: kpi.id, threshold });
    }
    const red = finiteOrNull(kpi.red);
    const green = finiteOrNull(kpi.green);
    if (red !== null && green !== null && isWorse(kpi.direction, green, red)) {
      problems.push({ code: 'thresholdOrder', kpiId: kpi.id, red, green });
    }
    const row = values[k];
    if (row !== undefined && row.length !== channels) problems.push({ code: 'valuesShape', kpiId: kpi.id, expected: channels, actual: row.length });
  });
  // A sum with an invalid weight in it would only repeat that problem in a vaguer way.
  if (weightsOk && kpis.length > 0 && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) problems.push({ code: 'weightsSum', sum });
  return problems;
}

/**
 * The weights scoring uses. A KPI with no value for any channel (year-on-year growth in a plan's
 * first year, ROAS where nothing is spent) cannot tell channels apart, and scoring it as 0 for all
 * would silently spend its weight on nothing: every score would fall short of 100 by it, and a
 * threshold on scores would mean something else. It is left out and the others are scaled up in
 * proportion, so their relative importance is what the user set. Null when nothing defined carries
 * weight.
 */
export function effectiveWeights(kpis: readonly Pick<ScorecardKpi, 'weight'>[], undefinedKpi: readonly boolean[]): number[] | null {
  const usable = kpis.map((k, i) => (undefinedKpi[i] || !(k.weight > 0) ? 0 : k.weight));
  const sum = usable.reduce((a, w) => a + w, 0);
  if (!(sum > 0)) return null;
  const total = kpis.reduce((a, k) => a + (k.weight > 0 ? k.weight : 0), 0);
  return usable.map((w) => (w * total) / sum);
}

/**
 * Scores channels on the scorecard's KPIs. Never throws: problems are returned, and the cells are
 * filled as far as they can be so the grid can show what is wrong next to the numbers. A value that
 * is null (an undefined ratio, e.g. ROI without spend) or not finite is missing: it scores 0 for that
 * KPI, gets no colour and raises no alert, and the KPI is reported as having missing values. A KPI
 * missing for every channel is left out of the scores (see effectiveWeights). The channel count is
 * the longest row.
 */
export function scoreChannels(kpis: readonly ScorecardKpi[], values: readonly (readonly (number | null)[])[]): ScorecardResult {
  const channels = values.reduce((n, row) => Math.max(n, row.length), 0);
  const problems = checkKpis(kpis, values, channels);
  const cells: ScoreCell[][] = kpis.map((kpi, k) => {
    const row = Array.from({ length: channels }, (_, c) => finiteOrNull(values[k]?.[c]));
    const target = finiteOrNull(kpi.target);
    const scorable = kpi.normalisation === 'minmax' || (target !== null && target > 0);
    const normalised = !scorable
      ? null
      : kpi.normalisation === 'minmax'
        ? minMax(kpi.direction, row)
        : againstTarget(kpi.direction, target as number, row);
    return row.map((value, c) => ({
      value,
      normalised: normalised ? normalised[c] : null,
      missing: value === null,
      status: ragStatus(kpi, value),
    }));
  });

  // A row of the wrong length is already a problem of its own (valuesShape), not a missing value.
  const complete = kpis.map((_, k) => values[k]?.length === channels);
  const undefinedKpi = cells.map((row, k) => complete[k] && channels > 0 && row.every((cell) => cell.missing));
  kpis.forEach((kpi, k) => {
    if (!complete[k]) return;
    if (undefinedKpi[k]) problems.push({ code: 'kpiUndefined', kpiId: kpi.id, weight: kpi.weight });
    else {
      const missing = cells[k].flatMap((cell, c) => (cell.missing ? [c] : []));
      if (missing.length > 0) problems.push({ code: 'valuesMissing', kpiId: kpi.id, channels: missing });
    }
  });
  let weights = effectiveWeights(kpis, undefinedKpi);
  if (weights === null) {
    if (!problems.some(isBlockingProblem) && kpis.length > 0) problems.push({ code: 'nothingToScore' });
    weights = kpis.map(() => 0);
  }
  const used = weights;
  const blocked = problems.some(isBlockingProblem);
  const scores: (number | null)[] = Array.from({ length: channels }, (_, c) => {
    if (blocked) return null;
    let s = 0;
    kpis.forEach((_, k) => {
      if (used[k] > 0) s += (used[k] * (cells[k][c].normalised as number)) / 100;
    });
    return s;
  });
  const { ranks, order } = competitionRanks(scores);

  const alerts: ScoreAlert[] = [];
  for (let c = 0; c < channels; c++) {
    kpis.forEach((kpi, k) => {
      const cell = cells[k][c];
      if (cell.status === 'red') alerts.push({ channelIndex: c, kpiId: kpi.id, value: cell.value as number, threshold: kpi.red as number });
    });
  }
  return { problems, cells, scores, ranks, order, alerts, weights: used };
}

/**
 * A starting scorecard for a channel manager: profitability first (ROI, contribution), then cost
 * discipline, growth and the price of a new customer. Thresholds are only set where they do not
 * depend on the currency or the business's size: ROI below 0 loses money and at 1 doubles it; a
 * cost ratio above 35 % of net revenue is a common ceiling for indirect and platform channels;
 * shrinking net revenue (growth below 0) is red. Contribution and CAC are money, so they get no
 * default thresholds.
 */
export function defaultScorecard(): ScorecardSettings {
  return {
    kpis: [
      { id: 'kpi-roi', metric: 'roi', weight: 30, direction: 'higher', normalisation: 'minmax', red: 0, green: 1 },
      { id: 'kpi-contribution', metric: 'contribution', weight: 25, direction: 'higher', normalisation: 'minmax' },
      { id: 'kpi-cost-ratio', metric: 'costRatio', weight: 20, direction: 'lower', normalisation: 'minmax', red: 0.35, green: 0.25 },
      { id: 'kpi-growth', metric: 'growth', weight: 15, direction: 'higher', normalisation: 'minmax', red: 0, green: 0.1 },
      { id: 'kpi-cac', metric: 'cac', weight: 10, direction: 'lower', normalisation: 'minmax' },
    ],
  };
}
