import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveInPot, splitWhole, startingMix, type PotRule } from '../../../src/engine/workshop/fixedPot';

/** Limits and a start within them, in whole currency units. */
const game = fc
  .array(fc.record({ lo: fc.integer({ min: 0, max: 500 }), room: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }), at: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 2, maxLength: 7 })
  .map((cs) => {
    const lo = cs.map((c) => c.lo);
    const hi = cs.map((c) => (c.room === undefined ? Infinity : c.lo + c.room));
    const start = cs.map((c, j) => lo[j] + Math.round(c.at * (c.room ?? 8000)));
    return { limits: { lo, hi }, start };
  });

const move = (n: number) =>
  fc.record({
    channel: fc.integer({ min: 0, max: n - 1 }),
    target: fc.integer({ min: -1000, max: 20000 }),
    from: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }),
  });

const sum = (a: readonly number[]): number => a.reduce((s, x) => s + x, 0);

describe('fixed pot', () => {
  it('keeps the total exactly, and every channel within its limits, under any sequence of moves by either rule', () => {
    fc.assert(
      fc.property(
        game.chain((g) => fc.tuple(fc.constant(g), fc.array(move(g.start.length), { minLength: 1, maxLength: 30 }))),
        ([g, moves]) => {
          const pot = sum(g.start);
          let s = g.start;
          for (const m of moves) {
            const rule: PotRule = m.from === undefined ? { kind: 'proportional' } : { kind: 'from', channel: m.from };
            s = moveInPot(s, g.limits, m.channel, m.target, rule);
            expect(sum(s)).toBe(pot);
            s.forEach((x, j) => {
              expect(Number.isInteger(x)).toBe(true);
              expect(x).toBeGreaterThanOrEqual(g.limits.lo[j]);
              expect(x).toBeLessThanOrEqual(g.limits.hi[j]);
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves the slider to its target whenever the others can balance it', () => {
    const s = moveInPot([100, 300, 600], { lo: [0, 0, 0], hi: [Infinity, Infinity, Infinity] }, 0, 400, { kind: 'proportional' });
    // 300 taken from the others in proportion to 300 : 600.
    expect(s).toEqual([400, 200, 400]);
    expect(moveInPot([100, 300, 600], { lo: [0, 0, 0], hi: [Infinity, Infinity, Infinity] }, 0, 400, { kind: 'from', channel: 2 })).toEqual([400, 300, 300]);
  });

  it('goes only as far as the others can give, and a channel at its limit drops out', () => {
    const limits = { lo: [0, 250, 0], hi: [Infinity, Infinity, Infinity] };
    // Channel 1 can give only 50; channel 2 gives the rest.
    expect(moveInPot([100, 300, 600], limits, 0, 500, { kind: 'proportional' })).toEqual([500, 250, 250]);
    // Channel 1 alone can give 50 at most.
    expect(moveInPot([100, 300, 600], limits, 0, 500, { kind: 'from', channel: 1 })).toEqual([150, 250, 600]);
  });

  it('gives evenly when the others spend nothing', () => {
    expect(moveInPot([900, 0, 0], { lo: [0, 0, 0], hi: [Infinity, Infinity, Infinity] }, 0, 500, { kind: 'proportional' })).toEqual([500, 200, 200]);
  });

  it('splits whole units exactly and starts within the limits at the pot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 9 }), (total, w) => {
        expect(sum(splitWhole(total, w))).toBe(total);
      }),
    );
    fc.assert(
      fc.property(game, ({ limits, start }) => {
        const today = start.map((x) => x + 0.37);
        const pot = Math.round(sum(today));
        const s = startingMix(today, pot, limits);
        if (sum(limits.lo) <= pot && sum(limits.hi) >= pot) {
          expect(sum(s)).toBe(pot);
          s.forEach((x, j) => expect(x >= limits.lo[j] && x <= limits.hi[j]).toBe(true));
        }
      }),
    );
  });
});
