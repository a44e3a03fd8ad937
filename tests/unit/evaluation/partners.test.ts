import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftedWeights, weightSensitivity } from '../../../src/engine/evaluation/partnerSensitivity';
import {
  DEFAULT_PARTNER_WEIGHTS,
  evaluatePartners,
  tierOf,
  validatePartners,
} from '../../../src/engine/evaluation/partners';
import type { Partner, PartnerCriterion, PartnerSettings } from '../../../src/engine/types';
import { PARTNER_CRITERIA } from '../../../src/engine/types';

type Scores = Record<PartnerCriterion, number>;

function uniform(score: number, extra: Partial<Scores> = {}): Scores {
  return { ...(Object.fromEntries(PARTNER_CRITERIA.map((c) => [c, score])) as Scores), ...extra };
}

function partner(id: string, scores: Scores): Partner {
  return { id, name: id, kind: 'distributor', regionId: '', scores };
}

function settings(partners: Partner[], weights: Scores = { ...DEFAULT_PARTNER_WEIGHTS }): PartnerSettings {
  return { weights, partners };
}

describe('default weights', () => {
  it('cover every criterion and sum to 100', () => {
    expect(Object.keys(DEFAULT_PARTNER_WEIGHTS).sort()).toEqual([...PARTNER_CRITERIA].sort());
    expect(PARTNER_CRITERIA.reduce((s, c) => s + DEFAULT_PARTNER_WEIGHTS[c], 0)).toBe(100);
    expect(Object.isFrozen(DEFAULT_PARTNER_WEIGHTS)).toBe(true);
  });
});

describe('weighted score, rank and tier', () => {
  it('scores Σ w·s / 100 on 1–5 and (score − 1) / 4 on 0–100 (worked by hand)', () => {
    const r = evaluatePartners(
      settings([
        partner('top', uniform(5)),
        partner('bottom', uniform(1)),
        partner('four', uniform(4)),
        // all 4 (400) + experience and team at 5 (+10 +10) = 420 → 4.2 → exactly 80: tier A
        partner('edgeA', uniform(4, { experience: 5, team: 5 })),
        // all 3 (300) + capital, regional share, team at 4 (+15 +15 +10) = 340 → 3.4 → exactly 60: tier B
        partner('edgeB', uniform(3, { capital: 4, regionalShare: 4, team: 4 })),
        // all 3 (300) + capital, customers, experience at 4 (+15 +15 +10) − team at 2 (−10) = 330 → 3.3 → 57.5: tier C
        partner('belowB', uniform(3, { capital: 4, customers: 4, experience: 4, team: 2 })),
      ]),
    );
    expect(r.problems).toEqual([]);
    const by = Object.fromEntries(r.partners.map((p) => [p.partnerId, p]));
    expect(by.top).toMatchObject({ score: 5, score100: 100, tier: 'A', rank: 1 });
    expect(by.bottom).toMatchObject({ score: 1, score100: 0, tier: 'C', rank: 6 });
    expect(by.four).toMatchObject({ score: 4, score100: 75, tier: 'B' });
    expect(by.edgeA.score).toBeCloseTo(4.2, 12);
    expect(by.edgeA.score100).toBeCloseTo(80, 9);
    expect(by.edgeA.tier).toBe('A');
    expect(by.edgeB.score100).toBeCloseTo(60, 9);
    expect(by.edgeB.tier).toBe('B');
    expect(by.belowB.score100).toBeCloseTo(57.5, 9);
    expect(by.belowB.tier).toBe('C');
    expect(r.partners.map((p) => p.rank)).toEqual([1, 6, 3, 2, 4, 5]);
    expect(r.order).toEqual([0, 3, 2, 4, 5, 1]);
  });

  it('uses competition ranking with ties sharing a rank', () => {
    const r = evaluatePartners(settings([partner('a', uniform(3)), partner('b', uniform(4)), partner('c', uniform(3)), partner('d', uniform(2))]));
    expect(r.partners.map((p) => p.rank)).toEqual([2, 1, 2, 4]);
    expect(r.order).toEqual([1, 0, 2, 3]);
  });

  it('takes tier cut-offs as a parameter', () => {
    const r = evaluatePartners(settings([partner('a', uniform(4)), partner('b', uniform(3))]), { a: 70, b: 50 });
    expect(r.partners.map((p) => p.tier)).toEqual(['A', 'B']);
    expect(tierOf(79.99, { a: 80, b: 60 })).toBe('B');
    expect(tierOf(79.999999999999, { a: 80, b: 60 })).toBe('A');
    expect(tierOf(59.99, { a: 80, b: 60 })).toBe('C');
  });
});

describe('validation', () => {
  it('lists every invalid score with its path and leaves that partner unscored', () => {
    const bad = uniform(3, { experience: 0, capital: 6, team: 2.5, credit: Number.NaN });
    delete (bad as Partial<Scores>).brandFit;
    const r = evaluatePartners(settings([partner('ok', uniform(4)), partner('bad', bad), partner('ok2', uniform(2))]));
    expect(r.problems).toEqual([
      { path: ['partners', 1, 'scores', 'experience'], code: 'outOfRange', params: { min: 1, max: 5, value: 0 } },
      { path: ['partners', 1, 'scores', 'capital'], code: 'outOfRange', params: { min: 1, max: 5, value: 6 } },
      { path: ['partners', 1, 'scores', 'team'], code: 'notInteger', params: { value: 2.5 } },
      { path: ['partners', 1, 'scores', 'brandFit'], code: 'required' },
      { path: ['partners', 1, 'scores', 'credit'], code: 'notFinite' },
    ]);
    expect(r.partners[1]).toEqual({ partnerId: 'bad', score: null, score100: null, rank: null, tier: null });
    expect(r.partners.map((p) => p.rank)).toEqual([1, null, 2]);
    expect(r.order).toEqual([0, 2]);
  });

  it('refuses weights that do not sum to 100 or leave 0–100, and scores nobody', () => {
    const off = settings([partner('a', uniform(4))], { ...DEFAULT_PARTNER_WEIGHTS, credit: 5 });
    const r = evaluatePartners(off);
    expect(r.problems).toEqual([{ path: ['weights'], code: 'weightsSum', params: { sum: 90 } }]);
    expect(r.partners[0].score).toBeNull();
    const negative = validatePartners(settings([], { ...DEFAULT_PARTNER_WEIGHTS, credit: -5, capital: 35 }));
    expect(negative).toEqual([{ path: ['weights', 'credit'], code: 'outOfRange', params: { min: 0, max: 100, value: -5 } }]);
    const missing = { ...DEFAULT_PARTNER_WEIGHTS } as Partial<Scores>;
    delete missing.team;
    expect(validatePartners(settings([], missing as Scores))).toEqual([{ path: ['weights', 'team'], code: 'required' }]);
  });

  it('reports duplicate and empty partner ids', () => {
    const r = validatePartners(settings([partner('a', uniform(3)), partner('a', uniform(3)), partner('', uniform(3))]));
    expect(r).toEqual([
      { path: ['partners', 1, 'id'], code: 'duplicateId', params: { value: 'a' } },
      { path: ['partners', 2, 'id'], code: 'required' },
    ]);
  });
});

describe('shifted weights', () => {
  it('rescales the others in proportion so the sum stays 100', () => {
    const w = shiftedWeights({ ...uniform(0), experience: 35, capital: 25, regionalShare: 40 }, 'capital', 10);
    expect(w.capital).toBe(35);
    expect(w.experience).toBeCloseTo((35 * 65) / 75, 12);
    expect(w.regionalShare).toBeCloseTo((40 * 65) / 75, 12);
    expect(w.team).toBe(0);
  });

  it('clamps at 100 and at 0', () => {
    const up = shiftedWeights({ ...uniform(0), experience: 95, capital: 5 }, 'experience', 10);
    expect(up).toEqual({ ...uniform(0), experience: 100 });
    const down = shiftedWeights({ ...uniform(0), experience: 5, capital: 95 }, 'experience', -10);
    expect(down).toEqual({ ...uniform(0), capital: 100 });
  });

  it('spreads evenly over the others when they are all 0', () => {
    const w = shiftedWeights({ ...uniform(0), experience: 100 }, 'experience', -10);
    expect(w.experience).toBe(90);
    for (const c of PARTNER_CRITERIA.filter((k) => k !== 'experience')) expect(w[c]).toBeCloseTo(10 / 7, 12);
  });

  it('always sums to 100 within 0–100', () => {
    const weights = fc
      .array(fc.nat(1000), { minLength: PARTNER_CRITERIA.length, maxLength: PARTNER_CRITERIA.length })
      .filter((xs) => xs.some((x) => x > 0))
      .map((xs) => {
        const sum = xs.reduce((a, b) => a + b, 0);
        return Object.fromEntries(PARTNER_CRITERIA.map((c, i) => [c, (xs[i] * 100) / sum])) as Scores;
      });
    fc.assert(
      fc.property(weights, fc.constantFrom(...PARTNER_CRITERIA), fc.double({ min: -150, max: 150, noNaN: true }), (w, c, d) => {
        const out = shiftedWeights(w, c, d);
        const sum = PARTNER_CRITERIA.reduce((s, k) => s + out[k], 0);
        expect(sum).toBeCloseTo(100, 9);
        for (const k of PARTNER_CRITERIA) {
          expect(out[k]).toBeGreaterThanOrEqual(0);
          expect(out[k]).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
    );
  });
});

describe('weight sensitivity', () => {
  // Weights: experience 35, capital 25, regional share 40. P1 is experienced, P2 well funded.
  //   P1 = 5·35 + 2·25 + 3·40 = 345 → 3.45      P2 = 2·35 + 5·25 + 3·40 = 315 → 3.15
  // Capital +10 → 35; experience 35·65/75 = 30.33, regional share 40·65/75 = 34.67:
  //   P1 = 151.67 + 70 + 104 = 325.67            P2 = 60.67 + 175 + 104 = 339.67 → P2 overtakes P1
  const weights = { ...uniform(0), experience: 35, capital: 25, regionalShare: 40 };
  const p1 = partner('P1', uniform(1, { experience: 5, capital: 2, regionalShare: 3 }));
  const p2 = partner('P2', uniform(1, { experience: 2, capital: 5, regionalShare: 3 }));
  const p3 = partner('P3', uniform(1, { experience: 1, capital: 1, regionalShare: 2 }));

  it('swaps two partners when capital gains 10 points (worked by hand)', () => {
    const s = weightSensitivity(settings([p1, p2, p3], weights));
    expect(s.problems).toEqual([]);
    expect(s.ranks).toEqual([1, 2, 3]);
    const capital = s.criteria.find((c) => c.criterion === 'capital');
    expect(capital?.up.ranks).toEqual([2, 1, 3]);
    expect(capital?.up.rankChanges).toEqual([1, 1, 0]);
    expect(capital?.up.maxRankChange).toBe(1);
    expect(capital?.up.weights.capital).toBe(35);
    expect(capital?.down.ranks).toEqual([1, 2, 3]);
    expect(capital?.down.maxRankChange).toBe(0);
  });

  it('covers every criterion in order, both ways', () => {
    const s = weightSensitivity(settings([p1, p2, p3], weights));
    expect(s.criteria.map((c) => c.criterion)).toEqual([...PARTNER_CRITERIA]);
    // More weight on a criterion where both score 1 dilutes the others but keeps the order.
    const team = s.criteria.find((c) => c.criterion === 'team');
    expect(team?.up.ranks).toEqual([1, 2, 3]);
    expect(team?.up.weights.team).toBe(10);
    expect(team?.down.weights).toEqual(weights);
  });

  it('takes another delta', () => {
    // +5 on capital: 30 vs 70·(35, 40)/75 → P1 = 5·32.67 + 60 + 3·37.33 = 335.3, P2 = 65.3 + 150 + 112 = 327.3
    const s = weightSensitivity(settings([p1, p2, p3], weights), 5);
    expect(s.criteria.find((c) => c.criterion === 'capital')?.up.ranks).toEqual([1, 2, 3]);
  });

  it('depends only on the scores, not on the order partners are listed in', () => {
    const a = weightSensitivity(settings([p1, p2, p3], weights));
    const b = weightSensitivity(settings([p3, p2, p1], weights));
    const capA = a.criteria.find((c) => c.criterion === 'capital')?.up.ranks;
    const capB = b.criteria.find((c) => c.criterion === 'capital')?.up.ranks;
    expect(capB).toEqual([...(capA as number[])].reverse());
  });

  it('keeps tied partners tied and leaves unscorable partners out', () => {
    const twin = partner('twin', { ...p1.scores });
    const broken = partner('broken', uniform(3, { team: 9 }));
    const s = weightSensitivity(settings([p1, twin, broken, p2], weights));
    expect(s.ranks).toEqual([1, 1, null, 3]);
    const capital = s.criteria.find((c) => c.criterion === 'capital');
    expect(capital?.up.ranks).toEqual([2, 2, null, 1]);
    expect(capital?.up.rankChanges).toEqual([1, 1, null, 2]);
    expect(capital?.up.maxRankChange).toBe(2);
    expect(s.problems).toHaveLength(1);
  });

  it('returns no rows while the weights are invalid', () => {
    const s = weightSensitivity(settings([p1, p2], { ...weights, capital: 20 }));
    expect(s.criteria).toEqual([]);
    expect(s.ranks).toEqual([null, null]);
    expect(s.problems[0].code).toBe('weightsSum');
  });
});
