/**
 * The BCG matrix of channels (docs/model.md#bcg-matrix; seed 004's 明星 / 现金牛 / 问题 / 瘦狗渠道): x = revenue share
 * (or relative share), y = growth of net revenue, bubble = contribution.
 */
import type { BcgSettings, BcgShareMode } from '../types';
import { mean, median } from './average';

// Actions, advice and the inputs from a computed plan have files of their own; `bcg` is the one import for the matrix.
export {
  DEFAULT_QUESTION_MARK_PERCENT,
  EXIT_DRIVERS,
  QUADRANT_ACTIONS,
  actionAdjustments,
  actionExit,
  actionPercent,
  actionScenario,
  minimumSpendPerPeriod,
  type ActionChange,
  type ActionOptions,
  type ActionScenarioOptions,
  type BcgActionKey,
  type QuadrantAction,
} from './bcgActions';
export { actionEffect, exitEffect, quadrantWarnings, type BcgWarning } from './bcgAdvice';
export {
  bcgInputs,
  seasonallyAdjustedNetRevenue,
  type BcgGrowth,
  type BcgGrowthMethod,
  type BcgInputs,
  type ChannelReturns,
  type PeriodWindow,
} from './bcgInputs';

export type BcgQuadrant = 'star' | 'cashCow' | 'questionMark' | 'dog';

export interface BcgInput {
  /** Channel net revenue ÷ all channels' net revenue; null when undefined. */
  share: number | null;
  /** Growth of net revenue as a fraction (0.1 = +10 %); null when undefined. */
  growth: number | null;
  /** Bubble size, minor units. */
  contribution: number;
}

export interface BcgPoint {
  /** Share, or relative share in 'relative' mode. */
  x: number | null;
  y: number | null;
  contribution: number;
  /** Null when x or y is, or when there is no threshold to compare with. */
  quadrant: BcgQuadrant | null;
}

export interface BcgThresholds {
  share: number | null;
  growth: number | null;
  /** Whether each threshold came from the settings or is the default. */
  shareSource: 'settings' | 'default';
  growthSource: 'settings' | 'default';
}

export interface BcgResult {
  points: BcgPoint[];
  thresholds: BcgThresholds;
}

/**
 * Relative share in the classic BCG sense: a channel's share ÷ the largest share among the OTHER
 * channels. The largest channel is therefore compared with the runner-up (its lead, ≥ 1) and every
 * other channel with the largest (< 1, or 1 when tied for first). Null when there is no other channel
 * to compare with (one channel: it is the whole mix, and a ratio to nothing means nothing) or when
 * every other channel's share is zero or unknown.
 */
export function relativeShares(shares: readonly (number | null)[]): (number | null)[] {
  // The largest and second largest known shares (by index, so a tie for first still compares with the other).
  let first = -1;
  let second = -1;
  shares.forEach((s, i) => {
    if (s === null) return;
    if (first < 0 || s > (shares[first] as number)) {
      second = first;
      first = i;
    } else if (second < 0 || s > (shares[second] as number)) {
      second = i;
    }
  });
  return shares.map((s, i) => {
    if (s === null) return null;
    const rival = i === first ? second : first;
    if (rival < 0) return null;
    const r = s / (shares[rival] as number);
    return Number.isFinite(r) ? r : null;
  });
}

/**
 * The relative-share line sits at 1.0, the classic BCG divider: at or above it a channel is at least
 * as big as its largest rival, i.e. it leads the mix. Plain share uses the average share, so "high"
 * means bigger than an equal split.
 */
function defaultShareThreshold(mode: BcgShareMode, xs: readonly (number | null)[]): number | null {
  return mode === 'relative' ? 1 : mean(xs);
}

export function quadrantOf(x: number, y: number, shareLine: number, growthLine: number): BcgQuadrant {
  // Exactly on a line counts as high: a channel that only just reaches the average share or the
  // median growth has reached it, and a line the user typed in reads "from this value up".
  const highShare = x >= shareLine;
  const highGrowth = y >= growthLine;
  if (highShare) return highGrowth ? 'star' : 'cashCow';
  return highGrowth ? 'questionMark' : 'dog';
}

function finiteOr(v: number | null | undefined, fallback: number | null): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function setting(v: number | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Places channels in the matrix. Default lines: average share (1.0 for relative share) and the
 * median growth of the channels whose growth is known; finite thresholds in the settings win.
 * `marketRelative` holds, per channel, the relative share of its market where the user typed market
 * data (docs/model.md#channel-kpis); in relative mode it replaces the share of the mix for that
 * channel. Both read "≥ 1 = leads its largest rival", so the 1.0 line means the same for either.
 */
export function classifyChannels(inputs: readonly BcgInput[], settings: BcgSettings, marketRelative?: readonly (number | null)[]): BcgResult {
  const shares = inputs.map((i) => (i.share !== null && Number.isFinite(i.share) ? i.share : null));
  const xs = settings.shareMode === 'relative' ? relativeShares(shares).map((x, c) => finiteOr(marketRelative?.[c], x)) : shares;
  const ys = inputs.map((i) => (i.growth !== null && Number.isFinite(i.growth) ? i.growth : null));
  const shareSetting = setting(settings.shareThreshold);
  const growthSetting = setting(settings.growthThreshold);
  const thresholds: BcgThresholds = {
    share: shareSetting ?? defaultShareThreshold(settings.shareMode, xs),
    growth: growthSetting ?? median(ys),
    shareSource: shareSetting === null ? 'default' : 'settings',
    growthSource: growthSetting === null ? 'default' : 'settings',
  };
  const points = inputs.map((input, c): BcgPoint => {
    const x = xs[c];
    const y = ys[c];
    const quadrant =
      x === null || y === null || thresholds.share === null || thresholds.growth === null
        ? null
        : quadrantOf(x, y, thresholds.share, thresholds.growth);
    return { x, y, contribution: input.contribution, quadrant };
  });
  return { points, thresholds };
}
