import type { RampShape } from '../types';

/**
 * Share of full effect a launched channel has `k` months after its launch month (k = 0 in the launch
 * month), ramping over `rampMonths` months (docs/model.md#channel-life-cycle):
 *   x = min(1, (k + 1) / (rampMonths + 1))
 *   linear: x        S: x² · (3 − 2x)  (slow start, fast middle, slow finish)
 * Month k = rampMonths is the first at full effect; rampMonths 0 is full effect from the launch month.
 */
export function rampFactor(k: number, rampMonths: number, shape: RampShape): number {
  if (k < 0) return 0;
  const months = Math.max(0, Math.floor(rampMonths));
  const x = Math.min(1, (k + 1) / (months + 1));
  return shape === 's' ? x * x * (3 - 2 * x) : x;
}
