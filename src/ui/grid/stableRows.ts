/**
 * Rows handed to the grid keep their identity while what they show is unchanged. The grid (with
 * row ids) compares a row's new data to its old by reference and redraws every cell of each row
 * whose object is new: rebuilding all rows after an edit redrew the whole grid for a change to one
 * channel. `same` says whether two rows with one id show the same thing.
 */
export function stableRows<Row extends { id: string }>(previous: readonly Row[], next: Row[], same: (a: Row, b: Row) => boolean): Row[] {
  if (previous.length === 0) return next;
  const old = new Map(previous.map((r) => [r.id, r] as const));
  let reused = 0;
  const out = next.map((row) => {
    const before = old.get(row.id);
    if (before && before !== row && same(before, row)) {
      reused++;
      return before;
    }
    return row;
  });
  // Every row the same, in the same order: the same array, so nothing is handed to the grid at all.
  return reused === next.length && next.length === previous.length && out.every((r, i) => r === previous[i]) ? (previous as Row[]) : out;
}

/** Same own keys with identical (===) values; null and undefined equal only themselves. */
export function shallowEqual(a: object | null | undefined, b: object | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.is(ra[k], rb[k]) && k in rb);
}
