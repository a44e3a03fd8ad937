import { inverseNormal } from '../uncertainty/distributions';

/** z with P(|Z| ≤ z) = level %, for a central prediction interval. */
export function centralZ(level: number): number {
  return inverseNormal(0.5 + level / 200);
}
