/**
 * Counter-based uniform numbers for Monte Carlo: the k-th uniform of draw i is a pure function of
 * (seed, i, k). Nothing is carried from one draw to the next, so draws can be computed in any order
 * and split over any number of workers and still give the same values.
 *
 * Construction: murmur3's 32-bit finaliser (a bijection with full avalanche) applied to a Weyl
 * sequence keyed per draw, then mixed again with a second per-draw key, so that two draws never share
 * a shifted run of numbers (a plain keyed Weyl sequence would, for keys that differ by a multiple of
 * the increment). The 32-bit result is mapped to (u32 + 0.5) / 2³², strictly inside (0, 1), so an
 * inverse CDF never sees 0 or 1 (the normal's tails reach about ±6.3σ).
 */

const GOLDEN = 0x9e3779b9;

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed as the 32-bit unsigned integer the generator uses (integers 0 … 2³² − 1 are kept as is). */
export function normaliseSeed(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
}

/** First key of draw i. */
export function drawKey(seed: number, draw: number): number {
  return fmix32((fmix32(normaliseSeed(seed) ^ 0x5bd1e995) + Math.imul(draw >>> 0, GOLDEN)) >>> 0);
}

/** Second key of draw i (see the note above). */
export function drawKey2(key: number): number {
  return fmix32((key ^ 0x27d4eb2f) >>> 0);
}

/** The k-th uniform of a draw, from its two keys. */
export function uniformAt(key: number, key2: number, k: number): number {
  const h = fmix32((fmix32((key + Math.imul(k, GOLDEN)) >>> 0) + key2) >>> 0);
  return (h + 0.5) / 4294967296;
}

/** The k-th uniform number of draw `draw` for `seed`, in (0, 1). */
export function drawUniform(seed: number, draw: number, k: number): number {
  const key = drawKey(seed, draw);
  return uniformAt(key, drawKey2(key), k);
}
