import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChoices, diff3, type Side } from '../../../src/engine/merge3';

type M = Map<string, unknown>;

/** An edit of one key: a new value, or removal (null). */
type Edit = [key: string, value: number | null];

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const baseArb = fc.dictionary(fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 5 }), { minKeys: 1 }).map((o) => new Map<string, unknown>(Object.entries(o)));
// Keys beyond KEYS are additions; values 10+ never equal a base value, so every edit is a change.
const editArb = fc.tuple(fc.constantFrom(...KEYS, 'x', 'y', 'z'), fc.option(fc.integer({ min: 10, max: 13 }), { nil: null }));

function applyEdits(base: M, edits: readonly Edit[]): M {
  const out = new Map(base);
  for (const [k, v] of edits) {
    if (v === null) out.delete(k);
    else out.set(k, v);
  }
  return out;
}

const asObject = (m: M) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Edits that change something on the base (removing an absent key is no edit), one per key, last wins. */
function effective(base: M, edits: readonly Edit[]): Edit[] {
  const byKey = new Map<string, number | null>();
  for (const [k, v] of edits) byKey.set(k, v);
  return [...byKey].filter(([k, v]) => !(v === null && !base.has(k)));
}

describe('diff3 over keyed items', () => {
  it('disjoint edits merge with no question and the result holds both sides\' edits', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (base, m, t) => {
        const mineEdits = effective(base, m);
        const mineKeys = new Set(mineEdits.map(([k]) => k));
        const theirsEdits = effective(base, t).filter(([k]) => !mineKeys.has(k));
        const mine = applyEdits(base, mineEdits);
        const theirs = applyEdits(base, theirsEdits);
        const diffs = diff3(base, mine, theirs);
        expect(diffs.filter((d) => d.status === 'conflict')).toEqual([]);
        expect(asObject(applyChoices(diffs))).toEqual(asObject(applyEdits(mine, theirsEdits)));
      }),
    );
  });

  it('a key both sides changed to different values is always a conflict; to the same value never', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (base, m, t) => {
        const mine = applyEdits(base, m);
        const theirs = applyEdits(base, t);
        const diffs = diff3(base, mine, theirs);
        for (const d of diffs) {
          const mineChanged = mine.get(d.key) !== base.get(d.key);
          const theirsChanged = theirs.get(d.key) !== base.get(d.key);
          const differ = mine.get(d.key) !== theirs.get(d.key);
          expect(d.status === 'conflict').toBe(mineChanged && theirsChanged && differ);
          if (mineChanged && theirsChanged && !differ) expect(d.status).toBe('bothSame');
        }
      }),
    );
  });

  it('choosing all mine gives mine, all theirs gives theirs; settling only the conflicts keeps both sides\' other edits', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), fc.constantFrom<Side>('mine', 'theirs'), (base, m, t, side) => {
        const mine = applyEdits(base, m);
        const theirs = applyEdits(base, t);
        const diffs = diff3(base, mine, theirs);
        const all = Object.fromEntries(diffs.map((d) => [d.key, side]));
        expect(asObject(applyChoices(diffs, all))).toEqual(asObject(side === 'mine' ? mine : theirs));
        const conflictsOnly = Object.fromEntries(diffs.filter((d) => d.status === 'conflict').map((d) => [d.key, side]));
        const merged = applyChoices(diffs, conflictsOnly);
        for (const d of diffs) {
          const expected = d.status === 'conflict' ? (side === 'mine' ? d.mine : d.theirs) : d.status === 'onlyTheirs' ? d.theirs : d.mine;
          expect(merged.get(d.key)).toBe(expected);
        }
      }),
    );
  });

  it('merging a version into itself, or merging the same version twice, changes nothing', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (base, m, t) => {
        const mine = applyEdits(base, m);
        const theirs = applyEdits(base, t);
        const self = diff3(base, mine, mine);
        expect(self.every((d) => d.status !== 'conflict' && d.status !== 'onlyTheirs')).toBe(true);
        expect(asObject(applyChoices(self))).toEqual(asObject(mine));
        const diffs = diff3(base, mine, theirs);
        const choices = Object.fromEntries(diffs.filter((d) => d.status === 'conflict').map((d) => [d.key, 'mine' as Side]));
        const once = applyChoices(diffs, choices);
        // Again from the same ancestor, with the same answers…
        expect(asObject(applyChoices(diff3(base, once, theirs), choices))).toEqual(asObject(once));
        // …or from their version, which the first merge made the newest common ancestor.
        const again = diff3(theirs, once, theirs);
        expect(again.some((d) => d.status === 'conflict' || d.status === 'onlyTheirs')).toBe(false);
        expect(asObject(applyChoices(again))).toEqual(asObject(once));
      }),
    );
  });

  it('an unchanged base gives no changes at all', () => {
    const base = new Map<string, unknown>([['a', { x: 1, y: [1, 2] }]]);
    // Key order inside values does not matter: the comparison is on canonical JSON.
    const mine = new Map<string, unknown>([['a', { y: [1, 2], x: 1 }]]);
    expect(diff3(base, mine, base).map((d) => d.status)).toEqual(['unchanged']);
  });
});
