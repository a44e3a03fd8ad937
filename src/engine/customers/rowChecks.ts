/** The errors of a transaction row whose dictionary codes point outside their dictionaries. */

export function customerOutOfRange(row: number, c: number, k: number): never {
  throw new RangeError(`row ${row}: customer index ${c} outside 0…${k - 1}`);
}

export function channelOutOfRange(row: number, ch: number, m: number): never {
  throw new RangeError(`row ${row}: channel index ${ch} outside 0…${m - 1}`);
}
