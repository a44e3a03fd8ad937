import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, getAt, setAt, type Op } from '../../../src/engine/patch';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';

describe('path edits', () => {
  it('changes only the path and shares the rest', () => {
    const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 1 });
    const next = setAt(plan, ['channels', 1, 'drivers', 'spend', 'base'], 42);
    expect(next.channels[1].drivers.spend.base).toBe(42);
    expect(plan.channels[1].drivers.spend.base).not.toBe(42);
    expect(next.channels[0]).toBe(plan.channels[0]);
    expect(next.channels[1].drivers.aov).toBe(plan.channels[1].drivers.aov);
  });

  it('undoes the removal of a middle element by inserting it back', () => {
    const before = { xs: ['a', 'b', 'c'] };
    const { result, inverse } = applyOps(before, [{ path: ['xs', 1], value: undefined }]);
    expect(result.xs).toEqual(['a', 'c']);
    expect(applyOps(result, inverse).result).toEqual(before);
    const ins = applyOps(before, [{ path: ['xs', 1], value: 'n', insert: true }]);
    expect(ins.result.xs).toEqual(['a', 'n', 'b', 'c']);
    expect(applyOps(ins.result, ins.inverse).result).toEqual(before);
  });

  it('refuses prototype keys', () => {
    expect(() => setAt({}, ['__proto__', 'x'], 1)).toThrow();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('undoes any sequence of ops exactly (property)', () => {
    const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed: 7 });
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        path: fc.tuple(fc.constant('channels'), fc.integer({ min: 0, max: 3 }), fc.constant('drivers'),
          fc.constantFrom('spend', 'aov', 'conversion'), fc.constant('base')),
        value: fc.integer({ min: 0, max: 1e6 }),
      }),
      fc.record({
        path: fc.tuple(fc.constant('channels'), fc.integer({ min: 0, max: 3 }), fc.constant('drivers'),
          fc.constant('spend'), fc.constant('overrides'), fc.constantFrom('2027-01', '2027-02')),
        value: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      }),
      fc.record({ path: fc.constant(['name']), value: fc.string() }),
      fc.record({ path: fc.tuple(fc.constant('regions'), fc.integer({ min: 0, max: 2 })), value: fc.constant(undefined) }),
      fc.record({
        path: fc.tuple(fc.constant('regions'), fc.integer({ min: 0, max: 2 })),
        value: fc.record({ id: fc.string(), name: fc.string() }),
        insert: fc.constant(true),
      }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), (ops) => {
        let applied: ReturnType<typeof applyOps<typeof plan>>;
        try {
          applied = applyOps(plan, ops);
        } catch (e) {
          // Only an index past the end of an array is refused; the plan is left as it was.
          expect(String(e)).toMatch(/Invalid array index/);
          return;
        }
        const { result, inverse } = applied;
        for (const op of ops.slice(-1)) if (!op.path.includes('regions')) expect(getAt(result, op.path)).toEqual(op.value);
        expect(applyOps(result, inverse).result).toEqual(plan);
      }),
    );
  });
});
