import { describe, expect, it } from 'vitest';
import { competitionRanks } from '../../../src/engine/evaluation/rank';

describe('competition ranking', () => {
  it('ranks 1, 2, 2, 4 with ties sharing a rank', () => {
    expect(competitionRanks([9, 7, 7, 3])).toEqual({ ranks: [1, 2, 2, 4], order: [0, 1, 2, 3] });
    expect(competitionRanks([3, 7, 9, 7])).toEqual({ ranks: [4, 2, 1, 2], order: [2, 1, 3, 0] });
  });

  it('gives unknown scores no rank and no place', () => {
    expect(competitionRanks([null, 5, Number.NaN, 6])).toEqual({ ranks: [null, 2, null, 1], order: [3, 1] });
    expect(competitionRanks([])).toEqual({ ranks: [], order: [] });
  });

  it('treats scores within rounding of each other as tied', () => {
    expect(competitionRanks([0.3, 0.1 + 0.2, 0.2]).ranks).toEqual([1, 1, 3]);
    expect(competitionRanks([1, 1 - 1e-6]).ranks).toEqual([1, 2]);
  });
});
