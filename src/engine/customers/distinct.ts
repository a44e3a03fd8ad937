/**
 * Groups of items with exactly equal values (or pairs of values), found by hashing the values' bits.
 * The CLV models depend on a customer only through a few numbers that take far fewer distinct values
 * than there are customers (frequency, T, recency in whole periods), so whatever depends on those
 * alone is computed once per group and read back per item.
 */

export interface DistinctGroups {
  /** Group of each item; −1 for items left out. */
  readonly group: Int32Array;
  /** An item of each group (its first), to read the group's values from. */
  readonly first: Int32Array;
  readonly count: number;
}

const scratch = new Float64Array(2);
const bits = new Uint32Array(scratch.buffer);

function hashPair(x: number, y: number): number {
  scratch[0] = x;
  scratch[1] = y;
  let h = Math.imul(bits[0] ^ Math.imul(bits[1], 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ bits[2], 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(bits[3], 0x27d4eb2f), 0x165667b1);
  return h ^ (h >>> 16);
}

/**
 * Items grouped by (a[i], b[i]) — or by a[i] alone without `b` — in order of first appearance,
 * keeping only items with include[i] ≠ 0 when `include` is given. Values are compared with `===`
 * (a NaN is a group of its own; 0 and −0 may be two groups, which only costs a repeat).
 */
export function distinctGroups(a: ArrayLike<number>, b?: ArrayLike<number>, include?: ArrayLike<number>): DistinctGroups {
  const n = a.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Slot → group + 1 (0: empty). Open addressing with linear probing at load ≤ ½.
  const slots = new Int32Array(size);
  const group = new Int32Array(n);
  const firstOf = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) {
      group[i] = -1;
      continue;
    }
    const x = a[i];
    const y = b ? b[i] : 0;
    let s = hashPair(x, y) & mask;
    for (;;) {
      const g = slots[s] - 1;
      if (g < 0) {
        slots[s] = count + 1;
        firstOf[count] = i;
        group[i] = count++;
        break;
      }
      const j = firstOf[g];
      if (a[j] === x && (!b || b[j] === y)) {
        group[i] = g;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { group, first: firstOf.slice(0, count), count };
}

/** Items by group: `items[offsets[g] … offsets[g + 1])` are group g's, in item order. */
export function itemsByGroup(groups: DistinctGroups): { offsets: Int32Array; items: Int32Array } {
  const offsets = new Int32Array(groups.count + 1);
  const { group } = groups;
  for (let i = 0; i < group.length; i++) if (group[i] >= 0) offsets[group[i] + 1]++;
  for (let g = 0; g < groups.count; g++) offsets[g + 1] += offsets[g];
  const cursor = offsets.slice(0, groups.count);
  const items = new Int32Array(offsets[groups.count]);
  for (let i = 0; i < group.length; i++) if (group[i] >= 0) items[cursor[group[i]]++] = i;
  return { offsets, items };
}
