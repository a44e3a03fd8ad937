import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioSeries } from '../../../src/engine/compute';
import { buildModels, channelValue, optimiseBudget, type OptimiseResult, type ResponseModel } from '../../../src/engine/optimiser';
import type { Channel, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

function ok(r: OptimiseResult): Extract<OptimiseResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error}`);
  return r;
}

function hillChannel(id: string, perPeriod: number, max: number, halfSat: number, shape: number): Channel {
  return simpleChannel(id, { spend: { base: perPeriod } }, { type: 'hill', max, halfSat, shape });
}

function models(plan: Plan): ResponseModel[] {
  return buildModels(plan, scenarioSeries(plan, null).series, 'contribution');
}

/** Best objective over a grid of splits of `budget` over 2 or 3 channels (each ≥ its lo). */
function bruteForce(ms: ResponseModel[], budget: number, lo: number[], steps: number): number {
  let best = -Infinity;
  if (ms.length === 2) {
    for (let k = 0; k <= steps; k++) {
      const s0 = lo[0] + ((budget - lo[0] - lo[1]) * k) / steps;
      best = Math.max(best, channelValue(ms[0], s0) + channelValue(ms[1], budget - s0));
    }
    return best;
  }
  const room = budget - lo[0] - lo[1] - lo[2];
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; i + j <= steps; j++) {
      const s0 = lo[0] + (room * i) / steps;
      const s1 = lo[1] + (room * j) / steps;
      best = Math.max(best, channelValue(ms[0], s0) + channelValue(ms[1], s1) + channelValue(ms[2], budget - s0 - s1));
    }
  }
  return best;
}

const channelArb = fc.record({
  spend: fc.integer({ min: 500_000, max: 20_000_000 }),
  max: fc.integer({ min: 5_000, max: 200_000 }),
  halfSat: fc.integer({ min: 1_000_000, max: 30_000_000 }),
  shape: fc.double({ min: 0.4, max: 5, noNaN: true }),
});

describe('optimiser: exact search over S-shaped channels', () => {
  it('equals brute force on two and three channels with S-curves (property)', () => {
    let sCases = 0;
    fc.assert(
      fc.property(fc.array(channelArb, { minLength: 2, maxLength: 3 }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (chs, factor, minShare) => {
        const plan = simplePlan(chs.map((c, i) => hillChannel(`c${i}`, c.spend, c.max, c.halfSat, c.shape)));
        const ms = models(plan);
        const budget = Math.round(ms.reduce((s, m) => s + m.today, 0) * factor);
        const lo = ms.map((_, c) => (c === 0 ? Math.round((budget * minShare) / 2) : 0));
        const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds: [{ channelId: 'c0', min: lo[0] }] }));
        const brute = bruteForce(ms, budget, lo, ms.length === 2 ? 20_000 : 300);
        const scale = Math.max(1, Math.abs(brute), budget);
        expect(r.allocations.reduce((s, a) => s + a.optimal, 0)).toBe(budget);
        // At least as good as every point of the grid (to whole-unit rounding): the best split.
        expect(r.objective).toBeGreaterThanOrEqual(brute - 1e-9 * scale);
        if (chs.some((c) => c.shape > 1)) {
          sCases++;
          expect(['exactSearch', 'waterFilling']).toContain(r.method);
        }
      }),
      { numRuns: 80, seed: 424242 },
    );
    expect(sCases).toBeGreaterThan(40);
  });

  it('finds the concentrated split of two identical S-curves exactly, with no gap left', () => {
    const plan = simplePlan([hillChannel('a', 1_000_000, 100_000, 10_000_000, 4), hillChannel('b', 1_000_000, 100_000, 10_000_000, 4)]);
    const ms = models(plan);
    const budget = 12 * 12_000_000;
    const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: budget, scenarioId: null, bounds: [] }));
    expect(r.method).toBe('exactSearch');
    expect(r.gapBound).toBe(0);
    expect(r.objective).toBeGreaterThanOrEqual(bruteForce(ms, budget, [0, 0], 50_000) - 1e-9 * budget);
  });

  it('keeps the envelope bound for more than twelve S-shaped channels', () => {
    const plan = simplePlan(Array.from({ length: 13 }, (_, i) => hillChannel(`s${i}`, 1_000_000 + i * 10_000, 100_000, 10_000_000, 3)));
    const ms = models(plan);
    const r = ok(optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: ms.reduce((s, m) => s + m.today, 0), scenarioId: null, bounds: [] }));
    expect(r.method).toBe('concaveEnvelope');
    expect(r.gapBound).toBeGreaterThanOrEqual(0);
  });
});
