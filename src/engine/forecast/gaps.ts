/**
 * Short gaps in a monthly history, filled for the forecast only. A model needs consecutive months,
 * and the monthly review often leaves one out (December's figures arrive after January's are
 * imported); dropping everything before the gap would leave a few months and a flat forecast.
 * A gap of at most MAX_FILLED_GAP months between two known months is filled with the same months a
 * year earlier scaled to the level around the gap — or, without that year, a straight line between
 * the two neighbours. Longer gaps are left: the caller uses the run after them. The filled values
 * are never stored as actuals, and the caller says which months were filled.
 */

/** Longest run of missing months that is filled. */
export const MAX_FILLED_GAP = 2;

const SEASON = 12;

export interface FilledHistory {
  values: (number | null)[];
  /** Indices of the values that were filled. */
  filled: number[];
}

export function fillShortGaps(values: readonly (number | null)[], maxGap = MAX_FILLED_GAP): FilledHistory {
  const out = [...values];
  const filled: number[] = [];
  let t = 0;
  while (t < out.length) {
    if (out[t] !== null) {
      t++;
      continue;
    }
    const from = t;
    while (t < out.length && out[t] === null) t++;
    const left = from - 1;
    const right = t;
    if (left < 0 || right >= out.length || right - from > maxGap) continue;
    const a = out[left]!;
    const b = out[right]!;
    const aBefore = left >= SEASON ? out[left - SEASON] : null;
    const bBefore = right >= SEASON ? out[right - SEASON] : null;
    const yearEarlier = aBefore !== null && bBefore !== null && aBefore + bBefore > 0;
    for (let k = from; k < right; k++) {
      const before = k >= SEASON ? out[k - SEASON] : null;
      out[k] =
        yearEarlier && before !== null
          ? (before * (a + b)) / (aBefore + bBefore)
          : a + ((b - a) * (k - left)) / (right - left);
      filled.push(k);
    }
  }
  return { values: out, filled };
}
