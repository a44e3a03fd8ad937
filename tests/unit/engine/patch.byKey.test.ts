import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressByKey, applyOps, getAt, isRef, moveOp, type Op } from '../../../src/engine/patch';

interface Ch {
  id: string;
  name: string;
  drivers: { spend: { base: number; overrides?: Record<string, number> } };
}
interface Sc {
  id: string;
  name: string;
  adjustments: { id: string; value: number }[];
}
interface Doc {
  channels: Ch[];
  scenarios: Sc[];
}

const base: Doc = {
  channels: ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, name: id.toUpperCase(), drivers: { spend: { base: (i + 1) * 100 } } })),
  scenarios: ['s1', 's2', 's3'].map((id) => ({ id, name: id, adjustments: [{ id: `${id}-x`, value: 1 }, { id: `${id}-y`, value: 2 }] })),
};

/** What a user does, in the terms a view sees: rows by their position on screen. */
type Action =
  | { kind: 'spend'; row: number; value: number }
  | { kind: 'override'; row: number; value: number }
  | { kind: 'rename'; row: number; name: string }
  | { kind: 'insert' }
  | { kind: 'delete'; row: number }
  | { kind: 'moveUp'; row: number }
  | { kind: 'moveDown'; row: number }
  | { kind: 'adjust'; si: number; ai: number; value: number }
  | { kind: 'addScenario' }
  | { kind: 'deleteScenario'; si: number }
  | { kind: 'renameScenario'; si: number; name: string }
  | { kind: 'writeScenarioList'; name: string }
  | { kind: 'writeChannelList'; row: number; value: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('spend' as const), row: fc.nat(6), value: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ kind: fc.constant('override' as const), row: fc.nat(6), value: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ kind: fc.constant('rename' as const), row: fc.nat(6), name: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.constant({ kind: 'insert' as const }),
  fc.record({ kind: fc.constant('delete' as const), row: fc.nat(6) }),
  fc.record({ kind: fc.constant('moveUp' as const), row: fc.nat(6) }),
  fc.record({ kind: fc.constant('moveDown' as const), row: fc.nat(6) }),
  fc.record({ kind: fc.constant('adjust' as const), si: fc.nat(3), ai: fc.nat(2), value: fc.integer({ min: 1, max: 99 }) }),
  fc.constant({ kind: 'addScenario' as const }),
  fc.record({ kind: fc.constant('deleteScenario' as const), si: fc.nat(3) }),
  fc.record({ kind: fc.constant('renameScenario' as const), si: fc.nat(3), name: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('writeScenarioList' as const), name: fc.string({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('writeChannelList' as const), row: fc.nat(6), value: fc.integer({ min: 1, max: 1e6 }) }),
);

/** The ops a view builds for an action on the document it shows (positions), or none. */
function viewOps(doc: Doc, a: Action, tab: string, n: number): Op[] {
  const chs = doc.channels;
  const sc = doc.scenarios;
  switch (a.kind) {
    case 'spend':
      return a.row < chs.length ? [{ path: ['channels', a.row, 'drivers', 'spend', 'base'], value: a.value }] : [];
    case 'override':
      return a.row < chs.length ? [{ path: ['channels', a.row, 'drivers', 'spend', 'overrides', '2027-03'], value: a.value }] : [];
    case 'rename':
      return a.row < chs.length ? [{ path: ['channels', a.row, 'name'], value: a.name }] : [];
    case 'insert':
      return [{ path: ['channels', chs.length], value: { id: `${tab}${n}`, name: `new ${tab}${n}`, drivers: { spend: { base: 7 } } } }];
    case 'delete':
      return a.row < chs.length ? [{ path: ['channels', a.row], value: undefined }] : [];
    case 'moveUp':
      return a.row > 0 && a.row < chs.length ? [moveOp(['channels', a.row], a.row >= 2 ? chs[a.row - 2].id : null)] : [];
    case 'moveDown':
      return a.row + 1 < chs.length ? [moveOp(['channels', a.row], chs[a.row + 1].id)] : [];
    case 'adjust':
      return a.si < sc.length && a.ai < sc[a.si].adjustments.length ? [{ path: ['scenarios', a.si, 'adjustments', a.ai, 'value'], value: a.value }] : [];
    case 'addScenario':
      return [{ path: ['scenarios', sc.length], value: { id: `${tab}s${n}`, name: 'new', adjustments: [] } }];
    case 'deleteScenario':
      return a.si < sc.length ? [{ path: ['scenarios', a.si], value: undefined }] : [];
    case 'renameScenario':
      return a.si < sc.length ? [{ path: ['scenarios', a.si, 'name'], value: a.name }] : [];
    // Views that write a whole list: a new scenario appended, one channel's spend changed.
    case 'writeScenarioList':
      return [{ path: ['scenarios'], value: [...sc, { id: `${tab}w${n}`, name: a.name, adjustments: [] }] }];
    case 'writeChannelList':
      return a.row < chs.length
        ? [{ path: ['channels'], value: chs.map((c, i) => (i === a.row ? { ...c, drivers: { spend: { ...c.drivers.spend, base: a.value } } } : c)) }]
        : [];
  }
}

/** One tab: its actions become key-addressed ops, as the session records them. */
function session(actions: Action[], tab: string): { doc: Doc; ops: Op[] } {
  let doc = base;
  const ops: Op[] = [];
  actions.forEach((a, n) => {
    const made = addressByKey(doc, viewOps(doc, a, tab, n));
    doc = applyOps(doc, made).result;
    ops.push(...made);
  });
  return { doc, ops };
}

/** Keys of the items an op list touches (any item named on a path, inserted or moved). */
function touched(ops: Op[]): Set<string> {
  const out = new Set<string>();
  for (const op of ops) for (const k of op.path) if (isRef(k)) out.add(k.id);
  return out;
}

const byId = <T extends { id: string }>(xs: T[]): Map<string, T> => new Map(xs.map((x) => [x.id, x]));

describe('edits addressed by key', () => {
  it('a field edit made before another tab moved the row lands on the same channel', () => {
    const b = session([{ kind: 'moveUp', row: 1 }], 'B');
    const a = session([{ kind: 'spend', row: 0, value: 123_456 }], 'A');
    const merged = applyOps(b.doc, a.ops);
    expect(merged.dropped).toEqual([]);
    expect(merged.result.channels.map((c) => c.id)).toEqual(['b', 'a', 'c', 'd', 'e']);
    expect(merged.result.channels.find((c) => c.id === 'a')?.drivers.spend.base).toBe(123_456);
    expect(merged.result.channels.find((c) => c.id === 'b')?.drivers.spend.base).toBe(200);
  });

  it('an edit to a channel deleted elsewhere is dropped and reported, never applied to a neighbour', () => {
    const b = session([{ kind: 'delete', row: 0 }], 'B');
    const a = session([{ kind: 'spend', row: 0, value: 9 }], 'A');
    const merged = applyOps(b.doc, a.ops);
    expect(merged.dropped).toHaveLength(1);
    expect(merged.dropped[0].reason).toBe('missing');
    expect(merged.result).toEqual(b.doc);
  });

  it('a move and an edit of the moved row commute, and undo of the edit leaves the move', () => {
    const a = session([{ kind: 'spend', row: 2, value: 5 }], 'A');
    const b = session([{ kind: 'moveUp', row: 2 }], 'B');
    const ab = applyOps(applyOps(base, b.ops).result, a.ops);
    const ba = applyOps(applyOps(base, a.ops).result, b.ops);
    expect(ab.result).toEqual(ba.result);
    const undone = applyOps(ab.result, ab.inverse).result;
    expect(undone).toEqual(b.doc);
  });

  it('undo puts a deleted item back after its old neighbour, wherever that neighbour now is', () => {
    const { result, inverse } = applyOps(base, addressByKey(base, [{ path: ['channels', 2], value: undefined }]));
    const moved = applyOps(result, [moveOp(['channels', { id: 'b' }], null)]).result;
    const back = applyOps(moved, inverse).result;
    expect(back.channels.map((c) => c.id)).toEqual(['b', 'c', 'a', 'd', 'e']);
  });

  it('a whole list written by a view becomes the ops for what changed (property: the result is that list)', () => {
    const listArb = fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), v: fc.nat(3) }), { selector: (x) => x.id, maxLength: 6 });
    fc.assert(
      fc.property(listArb, listArb, (before, after) => {
        const doc = { xs: before, other: 1 };
        const ops = addressByKey(doc, [{ path: ['xs'], value: after }]);
        const { result, inverse } = applyOps(doc, ops);
        expect(result.xs).toEqual(after);
        expect(applyOps(result, inverse).result).toEqual(doc);
        // Nothing is written for an element that did not change.
        for (const op of ops) if (!op.move && !op.insert && op.value !== undefined) expect(getAt(doc, op.path)).not.toEqual(op.value);
      }),
    );
  });

  it('reads a row swap written the old way (two whole items at two positions) as one move', () => {
    const chs = base.channels;
    const ops = addressByKey(base, [{ path: ['channels', 1], value: chs[2] }, { path: ['channels', 2], value: chs[1] }]);
    expect(ops).toEqual([moveOp(['channels', { id: 'c' }], 'a')]);
    expect(applyOps(base, ops).result.channels.map((c) => c.id)).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('turns positions into keys, and leaves key-addressed ops as they are', () => {
    const ops = addressByKey(base, [
      { path: ['channels', 1, 'drivers', 'spend', 'base'], value: 1 },
      { path: ['channels', 5], value: { id: 'z', name: 'Z', drivers: { spend: { base: 0 } } } },
      { path: ['scenarios', 0, 'adjustments', 1], value: undefined },
    ]);
    expect(ops[0].path).toEqual(['channels', { id: 'b' }, 'drivers', 'spend', 'base']);
    expect(ops[1]).toMatchObject({ path: ['channels', { id: 'z' }], insert: true, after: 'e' });
    expect(ops[2].path).toEqual(['scenarios', { id: 's1' }, 'adjustments', { id: 's1-y' }]);
    expect(addressByKey(base, ops)).toEqual(ops);
  });

  it('case 47: two tabs: replayed in either order, no item that neither tab edited changes, and every edit lands on its item or is reported (property)', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 8 }), fc.array(actionArb, { maxLength: 8 }), (actsA, actsB) => {
        const a = session(actsA, 'A');
        const b = session(actsB, 'B');
        // Each tab's own history undoes exactly.
        for (const tab of [a, b]) {
          const applied = applyOps(base, tab.ops);
          expect(applied.result).toEqual(tab.doc);
          expect(applyOps(applied.result, applied.inverse).result).toEqual(base);
        }
        const untouched = (id: string): boolean => !touched(a.ops).has(id) && !touched(b.ops).has(id);
        for (const [first, second] of [[a, b], [b, a]] as const) {
          const stored = applyOps(base, first.ops).result;
          const merged = applyOps(stored, second.ops);
          const chans = byId(merged.result.channels);
          for (const ch of base.channels) if (untouched(ch.id)) expect(chans.get(ch.id)).toEqual(ch);
          const scs = byId(merged.result.scenarios);
          for (const sc of base.scenarios) if (untouched(sc.id)) expect(scs.get(sc.id)).toEqual(sc);
          // Nothing is duplicated or lost that neither tab deleted.
          expect(new Set(merged.result.channels.map((c) => c.id)).size).toBe(merged.result.channels.length);
          for (const ch of first.doc.channels) {
            const deletedBySecond = !second.doc.channels.some((c) => c.id === ch.id) && base.channels.some((c) => c.id === ch.id);
            if (!deletedBySecond) expect(chans.has(ch.id)).toBe(true);
          }
          // The second tab's last write to each field holds, or was dropped with a reason.
          const dropped = new Set(merged.dropped.map((d) => d.op));
          const lastWrite = new Map<string, Op>();
          for (const op of second.ops) if (!op.move && !op.insert && op.value !== undefined) lastWrite.set(JSON.stringify(op.path), op);
          for (const op of lastWrite.values()) {
            if (dropped.has(op)) {
              expect(getAt(stored, op.path.slice(0, 2))).toBeUndefined();
              continue;
            }
            if (getAt(merged.result, op.path.slice(0, 2)) === undefined) continue; // deleted later by this tab
            expect(getAt(merged.result, op.path)).toEqual(op.value);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
