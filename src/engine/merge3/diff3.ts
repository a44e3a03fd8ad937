/**
 * Three-way merge over keyed items: each side is a map from an item's key to its value (absent =
 * the item does not exist on that side). An item changed on one side since the common base takes
 * that side's value without a question; an item changed on both sides to the same value is no
 * question either; changed on both sides to different values is a conflict the user must settle.
 */
import { canonicalJson } from '../canonical';

export type ItemStatus = 'unchanged' | 'onlyTheirs' | 'onlyMine' | 'bothSame' | 'conflict';
export type Side = 'mine' | 'theirs';
export type ItemMap = ReadonlyMap<string, unknown>;

export interface ItemDiff {
  key: string;
  status: ItemStatus;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

const same = (a: unknown, b: unknown): boolean => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b));

/** Every key of any side, in a stable order: mine's keys first, then theirs' new ones, then the base's. */
function unionKeys(base: ItemMap, mine: ItemMap, theirs: ItemMap): string[] {
  const keys = new Set<string>(mine.keys());
  for (const k of theirs.keys()) keys.add(k);
  for (const k of base.keys()) keys.add(k);
  return [...keys];
}

export function diff3(base: ItemMap, mine: ItemMap, theirs: ItemMap): ItemDiff[] {
  return unionKeys(base, mine, theirs).map((key) => {
    const b = base.get(key);
    const m = mine.get(key);
    const t = theirs.get(key);
    const mineChanged = !same(b, m);
    const theirsChanged = !same(b, t);
    const status: ItemStatus = !mineChanged && !theirsChanged ? 'unchanged' : !mineChanged ? 'onlyTheirs' : !theirsChanged ? 'onlyMine' : same(m, t) ? 'bothSame' : 'conflict';
    return { key, status, base: b, mine: m, theirs: t };
  });
}

/** The side taken for an item when the user has not chosen: theirs for their changes, else mine; none for a conflict. */
export function defaultSide(status: ItemStatus): Side | null {
  return status === 'onlyTheirs' ? 'theirs' : status === 'conflict' ? null : 'mine';
}

/** Conflicts without a choice: the merge cannot be applied while any is left. */
export function unsettled(diffs: readonly ItemDiff[], choices: Readonly<Record<string, Side>>): string[] {
  return diffs.filter((d) => d.status === 'conflict' && !choices[d.key]).map((d) => d.key);
}

/**
 * The merged items: each item's chosen side (or its default); an item whose chosen value is absent
 * is left out. Throws when a conflict has no choice (check `unsettled` first).
 */
export function applyChoices(diffs: readonly ItemDiff[], choices: Readonly<Record<string, Side>> = {}): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const d of diffs) {
    const side = choices[d.key] ?? defaultSide(d.status);
    if (!side) throw new Error(`Conflict without a choice: ${d.key}`);
    const value = side === 'mine' ? d.mine : d.theirs;
    if (value !== undefined) out.set(d.key, value);
  }
  return out;
}
