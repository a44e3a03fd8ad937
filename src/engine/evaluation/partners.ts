/**
 * Partner (distributor, agent, franchisee) evaluation (docs/model.md#partners): weighted criteria scored 1–5, a
 * weighted score, rank and tier.
 */
import type { Partner, PartnerCriterion, PartnerSettings } from '../types';
import { PARTNER_CRITERIA } from '../types';
import { competitionRanks } from './rank';
import { WEIGHT_SUM_TOLERANCE } from './scorecard';

/**
 * Seed 004 asks for quantified partner criteria in three groups: qualification (licence, three or
 * more years in the trade, registered capital), market resources (regional market share, customer
 * resources such as local supermarket accounts, the size and skill of the sales team) and brand
 * identification (shares the brand's values, willing to join its promotions). Market resources are
 * the reason to work through a partner at all (the seed: partners "cover a wider market" and reach
 * lower-tier towns quickly), so that group weighs most (40). Capital outweighs years in the trade
 * because a distributor buys stock and carries the risk. Brand fit and willingness share 20. Credit
 * gets 15: the seed's conflict rules (no cross-region selling, unified prices, penalties such as
 * withheld rebates or ending the contract) only work with partners who pay on time and keep to rules.
 */
export const DEFAULT_PARTNER_WEIGHTS: Readonly<Record<PartnerCriterion, number>> = Object.freeze({
  experience: 10,
  capital: 15,
  regionalShare: 15,
  customers: 15,
  team: 10,
  brandFit: 10,
  willingness: 10,
  credit: 15,
});

export const MIN_PARTNER_SCORE = 1;
export const MAX_PARTNER_SCORE = 5;

export type PartnerTier = 'A' | 'B' | 'C';

/** Lowest 0–100 score of tiers A and B; anything below `b` is C. */
export interface TierCutoffs {
  a: number;
  b: number;
}

export const DEFAULT_TIER_CUTOFFS: Readonly<TierCutoffs> = Object.freeze({ a: 80, b: 60 });

export type PartnerProblemCode = 'required' | 'notFinite' | 'notInteger' | 'outOfRange' | 'duplicateId' | 'weightsSum';

export interface PartnerProblem {
  /** Where in the partner settings, e.g. ['partners', 2, 'scores', 'capital']. */
  path: (string | number)[];
  code: PartnerProblemCode;
  params?: Record<string, string | number>;
}

export interface PartnerScore {
  partnerId: string;
  /** Σ weight · score / 100, 1–5; null when the weights or this partner's scores are invalid. */
  score: number | null;
  /** (score − 1) / 4 · 100, 0–100. */
  score100: number | null;
  rank: number | null;
  tier: PartnerTier | null;
}

export interface PartnerEvaluation {
  problems: PartnerProblem[];
  /** In the settings' partner order. */
  partners: PartnerScore[];
  /** Partner indices, best first; exact ties keep settings order. */
  order: number[];
}

function checkWeights(weights: Record<PartnerCriterion, number> | undefined, problems: PartnerProblem[]): boolean {
  let ok = true;
  let sum = 0;
  for (const c of PARTNER_CRITERIA) {
    const w = weights?.[c];
    const path = ['weights', c];
    if (typeof w !== 'number') problems.push({ path, code: 'required' });
    else if (!Number.isFinite(w)) problems.push({ path, code: 'notFinite' });
    else if (w < 0 || w > 100) problems.push({ path, code: 'outOfRange', params: { min: 0, max: 100, value: w } });
    else {
      sum += w;
      continue;
    }
    ok = false;
  }
  // A sum with an invalid weight in it would only repeat that problem in a vaguer way.
  if (ok && Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
    problems.push({ path: ['weights'], code: 'weightsSum', params: { sum } });
    ok = false;
  }
  return ok;
}

/** Whether every score of the partner is an integer 1–5; reports each one that is not. */
function checkScores(p: Partner, i: number, problems: PartnerProblem[]): boolean {
  let ok = true;
  for (const c of PARTNER_CRITERIA) {
    const s = p.scores?.[c];
    const path = ['partners', i, 'scores', c];
    if (typeof s !== 'number') problems.push({ path, code: 'required' });
    else if (!Number.isFinite(s)) problems.push({ path, code: 'notFinite' });
    else if (!Number.isInteger(s)) problems.push({ path, code: 'notInteger', params: { value: s } });
    else if (s < MIN_PARTNER_SCORE || s > MAX_PARTNER_SCORE) {
      problems.push({ path, code: 'outOfRange', params: { min: MIN_PARTNER_SCORE, max: MAX_PARTNER_SCORE, value: s } });
    } else continue;
    ok = false;
  }
  return ok;
}

export interface CheckedPartners {
  problems: PartnerProblem[];
  weightsOk: boolean;
  /** Per partner: all scores valid. */
  scorable: boolean[];
}

/** Problems plus what they leave usable: whether the weights are, and which partners can be scored. */
export function checkPartnerSettings(settings: PartnerSettings): CheckedPartners {
  const problems: PartnerProblem[] = [];
  const weightsOk = checkWeights(settings.weights, problems);
  const ids = new Set<string>();
  const scorable = settings.partners.map((p, i) => {
    if (typeof p.id !== 'string' || p.id === '') problems.push({ path: ['partners', i, 'id'], code: 'required' });
    else if (ids.has(p.id)) problems.push({ path: ['partners', i, 'id'], code: 'duplicateId', params: { value: p.id } });
    ids.add(p.id);
    return checkScores(p, i, problems);
  });
  return { problems, weightsOk, scorable };
}

/** Every problem in the partner settings: weights (0–100, summing to 100), ids, scores (integers 1–5). */
export function validatePartners(settings: PartnerSettings): PartnerProblem[] {
  return checkPartnerSettings(settings).problems;
}

function weightedScore(weights: Record<PartnerCriterion, number>, p: Partner): number {
  let s = 0;
  for (const c of PARTNER_CRITERIA) s += weights[c] * p.scores[c];
  return s / 100;
}

/** Scores of the partners that can be scored; null for the others. */
export function partnerScores(
  weights: Record<PartnerCriterion, number>,
  partners: readonly Partner[],
  weightsOk: boolean,
  scorable: readonly boolean[],
): (number | null)[] {
  return partners.map((p, i) => (weightsOk && scorable[i] ? weightedScore(weights, p) : null));
}

/**
 * Weighted sums of decimal weights can land a hair below a cut-off they meet exactly (79.99999999999999
 * for 80), so the comparison allows for rounding.
 */
const TIER_TOLERANCE = 1e-9;

export function tierOf(score100: number, cutoffs: TierCutoffs = DEFAULT_TIER_CUTOFFS): PartnerTier {
  if (score100 >= cutoffs.a - TIER_TOLERANCE) return 'A';
  return score100 >= cutoffs.b - TIER_TOLERANCE ? 'B' : 'C';
}

/**
 * Weighted scores, competition ranks (1, 2, 2, 4) and tiers. A partner with an invalid score is left
 * unscored rather than ranked on a guess; invalid weights leave everyone unscored.
 */
export function evaluatePartners(settings: PartnerSettings, cutoffs: TierCutoffs = DEFAULT_TIER_CUTOFFS): PartnerEvaluation {
  const { problems, weightsOk, scorable } = checkPartnerSettings(settings);
  const scores = partnerScores(settings.weights, settings.partners, weightsOk, scorable);
  const { ranks, order } = competitionRanks(scores);
  const partners = settings.partners.map((p, i): PartnerScore => {
    const score = scores[i];
    const score100 = score === null ? null : ((score - MIN_PARTNER_SCORE) / (MAX_PARTNER_SCORE - MIN_PARTNER_SCORE)) * 100;
    return { partnerId: p.id, score, score100, rank: ranks[i], tier: score100 === null ? null : tierOf(score100, cutoffs) };
  });
  return { problems, partners, order };
}
