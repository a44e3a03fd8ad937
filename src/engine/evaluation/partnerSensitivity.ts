/** How the partner ranking moves when one criterion's weight changes (docs/model.md#partners). */
import type { PartnerCriterion, PartnerSettings } from '../types';
import { PARTNER_CRITERIA } from '../types';
import { checkPartnerSettings, partnerScores, type PartnerProblem } from './partners';
import { competitionRanks } from './rank';

export interface SensitivityRun {
  /** The weights tried; they sum to 100. */
  weights: Record<PartnerCriterion, number>;
  /** New rank of every partner, in settings order; null for partners that cannot be scored. */
  ranks: (number | null)[];
  /** |new rank − current rank| per partner; null with the rank. */
  rankChanges: (number | null)[];
  maxRankChange: number;
}

export interface CriterionSensitivity {
  criterion: PartnerCriterion;
  up: SensitivityRun;
  down: SensitivityRun;
}

export interface WeightSensitivity {
  problems: PartnerProblem[];
  /** Ranks under the current weights. */
  ranks: (number | null)[];
  /** One row per criterion in PARTNER_CRITERIA order; empty while the weights are invalid. */
  criteria: CriterionSensitivity[];
}

/**
 * Moves one criterion's weight by `delta` points (kept within 0–100) and rescales the others in
 * proportion so the sum stays 100: their relative importance is what the user chose and is kept.
 * When all the others are 0 there is no proportion to keep, so what the criterion gives up is
 * spread evenly over them.
 */
export function shiftedWeights(
  weights: Readonly<Record<PartnerCriterion, number>>,
  criterion: PartnerCriterion,
  delta: number,
): Record<PartnerCriterion, number> {
  const own = Math.min(100, Math.max(0, weights[criterion] + delta));
  const others = PARTNER_CRITERIA.filter((c) => c !== criterion);
  const othersSum = others.reduce((s, c) => s + weights[c], 0);
  const rest = 100 - own;
  const out = { [criterion]: own } as Record<PartnerCriterion, number>;
  for (const c of others) out[c] = othersSum > 0 ? (weights[c] * rest) / othersSum : rest / others.length;
  return out;
}

/**
 * For each criterion, the ranking with its weight `delta` points higher and lower. Ties share a rank
 * (competition ranking) and are decided by score alone, never by order or name, so the result only
 * depends on the numbers.
 */
export function weightSensitivity(settings: PartnerSettings, delta = 10): WeightSensitivity {
  const { problems, weightsOk, scorable } = checkPartnerSettings(settings);
  const { ranks } = competitionRanks(partnerScores(settings.weights, settings.partners, weightsOk, scorable));
  if (!weightsOk || !Number.isFinite(delta)) return { problems, ranks, criteria: [] };
  const run = (criterion: PartnerCriterion, d: number): SensitivityRun => {
    const weights = shiftedWeights(settings.weights, criterion, d);
    const moved = competitionRanks(partnerScores(weights, settings.partners, true, scorable)).ranks;
    const rankChanges = moved.map((r, i) => (r === null || ranks[i] === null ? null : Math.abs(r - (ranks[i] as number))));
    const maxRankChange = rankChanges.reduce<number>((m, v) => Math.max(m, v ?? 0), 0);
    return { weights, ranks: moved, rankChanges, maxRankChange };
  };
  const criteria = PARTNER_CRITERIA.map((criterion) => ({ criterion, up: run(criterion, delta), down: run(criterion, -delta) }));
  return { problems, ranks, criteria };
}
