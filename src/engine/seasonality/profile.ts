/**
 * Twelve monthly seasonality indices (January first): multipliers on the base value, 1 being an
 * average month. A profile that averages 1 moves money between months without changing the year's
 * total; one that averages 1.05 also adds 5 % to the year. Both are allowed; the editor says which.
 */
import { SEASONALITY_MAX } from '../drivers';

export const MONTHS_IN_YEAR = 12;

/** Decimals a normalised index keeps: enough for money, short enough to read in a plan file. */
const INDEX_DECIMALS = 4;

export function flatProfile(): number[] {
  return new Array<number>(MONTHS_IN_YEAR).fill(1);
}

export function profileMean(indices: readonly number[]): number {
  return indices.reduce((a, x) => a + x, 0) / indices.length;
}

/** Whether a profile is (within rounding) the same as none: every month at 1. */
export function isFlat(indices: readonly number[] | undefined): boolean {
  return !indices || indices.every((x) => Math.abs(x - 1) < 1e-9);
}

/** Whether the profile averages 1, so that it reshapes the year without changing its total. */
export function isNormalised(indices: readonly number[], tolerance = 5e-5): boolean {
  return Math.abs(profileMean(indices) - 1) <= tolerance;
}

/**
 * The profile scaled to average exactly 1. Indices are rounded to four decimals and the rounding
 * remainder is put on the largest month, so that the twelve still sum to 12 (to floating-point
 * precision): the year's total is then exactly twelve base months. Null when the mean is not positive.
 */
export function normaliseProfile(indices: readonly number[]): number[] | null {
  if (indices.length !== MONTHS_IN_YEAR || indices.some((x) => !Number.isFinite(x) || x < 0)) return null;
  const mean = profileMean(indices);
  if (!(mean > 0)) return null;
  const scale = 10 ** INDEX_DECIMALS;
  const out = indices.map((x) => Math.round((x / mean) * scale) / scale);
  let peak = 0;
  for (let m = 1; m < out.length; m++) if (out[m] > out[peak]) peak = m;
  const rest = out.reduce((a, x, m) => (m === peak ? a : a + x), 0);
  out[peak] = Math.round((MONTHS_IN_YEAR - rest) * scale) / scale;
  return out;
}

/** Whether every index is a valid multiplier for the model (0 … SEASONALITY_MAX). */
export function validProfile(indices: readonly number[]): boolean {
  return indices.length === MONTHS_IN_YEAR && indices.every((x) => Number.isFinite(x) && x >= 0 && x <= SEASONALITY_MAX);
}

/** 0-based calendar month of the highest index (the first one on a tie). */
export function peakMonth(indices: readonly number[]): number {
  let peak = 0;
  for (let m = 1; m < indices.length; m++) if (indices[m] > indices[peak]) peak = m;
  return peak;
}

/** Same profile, to the precision a user can see (three decimals). */
export function sameProfile(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  const x = a ?? flatProfile();
  const y = b ?? flatProfile();
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) < 5e-4);
}
