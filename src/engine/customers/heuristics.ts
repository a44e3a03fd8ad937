/**
 * Rule-of-thumb CLV for users who want no model (docs/model.md#clv): average order value × orders per year ×
 * margin × expected lifespan in years. Undiscounted, and blind to who is still active — that is the
 * point of the BG/NBD + Gamma-Gamma route.
 */
export function heuristicClv(aov: number, frequencyPerYear: number, margin: number, lifespanYears: number): number {
  return aov * frequencyPerYear * margin * lifespanYears;
}
