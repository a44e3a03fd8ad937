import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/random';
import { obrienFlemingBounds } from '../../../src/engine/experiments/sequential';

/**
 * References: R, mvtnorm::pmvnorm with the Miwa algorithm (steps 4096) solving each look's bound by
 * uniroot (tests/fixtures/experiments/obrienFleming.R), and gsDesign's published symmetric two-sided
 * sfLDOF boundaries for 5 looks at α = 5 %: 4.8769, 3.3569, 2.6803, 2.2898, 2.0310.
 */
const R_BOUNDS: Record<number, number[]> = {
  2: [2.9625880427, 1.9685956406],
  3: [3.7103028733, 2.5114274813, 1.9930474776],
  5: [4.8768849488, 3.3570119216, 2.6802800645, 2.2898167677, 2.0310320431],
};

describe('group-sequential boundaries (O’Brien–Fleming-type alpha spending)', () => {
  it('match R to 1e-4 and the published 5-look boundaries to their 4 decimals', () => {
    for (const [K, bounds] of Object.entries(R_BOUNDS)) {
      const got = obrienFlemingBounds(Number(K), 0.05);
      expect(got).toHaveLength(bounds.length);
      got.forEach((l, i) => expect(Math.abs(l.bound - bounds[i])).toBeLessThan(1e-4));
    }
    const five = obrienFlemingBounds(5).map((l) => Math.round(l.bound * 1e4) / 1e4);
    expect(five).toEqual([4.8769, 3.357, 2.6803, 2.2898, 2.031]);
    expect(obrienFlemingBounds(1)[0].bound).toBeCloseTo(1.959964, 6);
  });

  it('keep the chance of a false positive over all looks at α (simulated, 200,000 null paths)', () => {
    const K = 10;
    const bounds = obrienFlemingBounds(K, 0.05).map((l) => l.bound);
    const u = mulberry32(7);
    let hits = 0;
    const paths = 200_000;
    for (let p = 0; p < paths; p++) {
      let s = 0;
      for (let k = 1; k <= K; k++) {
        s += Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
        if (Math.abs(s) / Math.sqrt(k) >= bounds[k - 1]) {
          hits++;
          break;
        }
      }
    }
    // Binomial sd at 5 % over 200,000 paths is 0.05 points: 4 sd.
    expect(Math.abs(hits / paths - 0.05)).toBeLessThan(0.002);
  });

  it('stays finite for the most looks the designer plans, even where the first look spends almost nothing', () => {
    const looks = obrienFlemingBounds(20, 0.01);
    expect(looks).toHaveLength(20);
    for (const l of looks) expect(Number.isFinite(l.bound) && l.bound > 0).toBe(true);
    expect(looks[0].bound).toBeGreaterThan(looks[19].bound);
  });

  it('spends α cumulatively and ends at α, with nominal p = the bound’s two-sided p', () => {
    const looks = obrienFlemingBounds(8, 0.1);
    for (let i = 1; i < looks.length; i++) expect(looks[i].spent).toBeGreaterThan(looks[i - 1].spent);
    expect(looks[looks.length - 1].spent).toBe(0.1);
    for (const l of looks) expect(l.nominalP).toBeLessThan(0.1);
  });
});
