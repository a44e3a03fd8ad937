import type { ResponseCurve } from './types';

/**
 * Incremental traffic bought by `spend` (docs/model.md#response-curve):
 *   hill:   max · spend^s / (halfSat^s + spend^s)
 *   linear: the line through the origin and the hill's half-saturation point (max/2 at halfSat),
 *           so switching a channel between the two keeps its scale.
 */
export function curveTraffic(curve: ResponseCurve, spend: number): number {
  if (spend <= 0 || curve.max <= 0) return 0;
  if (curve.type === 'none') return 0;
  if (curve.halfSat <= 0) return curve.type === 'hill' ? curve.max : 0;
  if (curve.type === 'linear') return (curve.max * spend) / (2 * curve.halfSat);
  // Written as a ratio of powers of (spend / halfSat) to stay finite for large spends.
  const x = Math.pow(spend / curve.halfSat, curve.shape);
  if (!Number.isFinite(x)) return curve.max;
  return (curve.max * x) / (1 + x);
}

/** d traffic / d spend; null where it is not finite (a concave hill at zero spend). */
export function curveSlope(curve: ResponseCurve, spend: number): number | null {
  if (curve.type === 'none' || curve.max <= 0) return 0;
  if (curve.halfSat <= 0) return 0;
  if (curve.type === 'linear') return curve.max / (2 * curve.halfSat);
  const s = curve.shape;
  if (spend <= 0) {
    if (s < 1) return null;
    return s === 1 ? curve.max / curve.halfSat : 0;
  }
  const x = Math.pow(spend / curve.halfSat, s);
  if (!Number.isFinite(x)) return 0;
  // d/dS [max·x/(1+x)] with x = (S/h)^s  →  max · s · x / (S · (1+x)^2)
  return (curve.max * s * x) / (spend * (1 + x) * (1 + x));
}
