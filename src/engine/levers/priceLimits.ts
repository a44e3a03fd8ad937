/**
 * Bounds of the price lever's numbers (docs/model.md#levers), on their own so that the plan-file
 * checks can use them without the lever's computation.
 */

/** An index outside these bounds is brought back in: a price cannot reach 0 (p^ε would be infinite for ε < 0). */
export const PRICE_INDEX_MIN = 0.01;
export const PRICE_INDEX_MAX = 100;
/** Elasticities outside this range describe no market a plan could hold; files with them are refused. */
export const ELASTICITY_MIN = -20;
export const ELASTICITY_MAX = 20;
