import type { Partner, PartnerCriterion, Region } from '../../engine/types';
import { PARTNER_CRITERIA } from '../../engine/types';

/**
 * Three illustrative candidates for a first look at the partner view (a workshop starts from
 * something to argue about): an established distributor strong on resources, a keen young agent,
 * and a franchisee with capital but weak credit. The scores are made up; the notes say so.
 */
const PROFILES: readonly { kind: Partner['kind']; scores: readonly number[] }[] = [
  { kind: 'distributor', scores: [5, 4, 4, 5, 3, 3, 3, 4] },
  { kind: 'agent', scores: [2, 2, 3, 3, 4, 5, 5, 4] },
  { kind: 'franchisee', scores: [3, 5, 2, 2, 3, 4, 4, 2] },
];

export function examplePartners(regions: readonly Region[], name: (n: number) => string): Partner[] {
  return PROFILES.map((p, i) => ({
    id: `pt-example-${i + 1}`,
    name: name(i + 1),
    kind: p.kind,
    regionId: regions.length > 0 ? regions[i % regions.length].id : '',
    scores: Object.fromEntries(PARTNER_CRITERIA.map((c, k) => [c, p.scores[k]])) as Record<PartnerCriterion, number>,
  }));
}
