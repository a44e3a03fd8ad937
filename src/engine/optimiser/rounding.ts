/** From the solver's real-valued spends to whole minor units: per channel, and per month. */
import { channelValue, type ResponseModel } from './model';

/**
 * Whole minor units with the exact total: every channel's spend floored, then the units left over
 * (fewer than there are channels) given one each to the channels where one more unit earns the most
 * — largest remainder, ranked by what the extra unit is worth rather than by the fraction dropped,
 * so the result is the best of all floor/ceiling roundings. Bounds are whole units, so neither step
 * leaves them.
 */
export function roundAllocation(models: readonly ResponseModel[], S: Float64Array, budget: number, lo: ArrayLike<number>, hi: ArrayLike<number>): number[] {
  const n = S.length;
  const out = new Array<number>(n);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    out[c] = Math.min(hi[c], Math.max(lo[c], Math.floor(S[c] + 1e-9)));
    sum += out[c];
  }
  let rest = budget - sum;
  if (rest === 0) return out;
  const dir = rest > 0 ? 1 : -1;
  const gain = new Float64Array(n);
  const order: number[] = [];
  for (let c = 0; c < n; c++) {
    const next = out[c] + dir;
    if (next < lo[c] || next > hi[c]) continue;
    // What the move adds (a gain when adding a unit, minus the loss when taking one away).
    gain[c] = channelValue(models[c], next) - channelValue(models[c], out[c]);
    order.push(c);
  }
  order.sort((x, y) => gain[y] - gain[x] || x - y);
  for (const c of order) {
    if (rest === 0) break;
    out[c] += dir;
    rest -= dir;
  }
  return out;
}

/** `total` split over periods by w_t, in whole minor units summing exactly to it (largest remainder). */
export function splitByPattern(total: number, pattern: Float64Array): number[] {
  const P = pattern.length;
  const out = new Array<number>(P);
  const frac = new Float64Array(P);
  let sum = 0;
  for (let t = 0; t < P; t++) {
    const x = total * pattern[t];
    out[t] = Math.floor(x);
    frac[t] = x - out[t];
    sum += out[t];
  }
  // The rest (fewer units than periods) goes one unit each to the largest fractions, earlier
  // periods first on ties. A selection pass per unit: P is at most 60.
  for (let rest = Math.min(total - sum, P); rest > 0; rest--) {
    let best = -1;
    for (let t = 0; t < P; t++) if (frac[t] >= 0 && (best < 0 || frac[t] > frac[best])) best = t;
    out[best]++;
    frac[best] = -1;
  }
  return out;
}
