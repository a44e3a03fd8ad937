/** Price elasticity estimated from imported transactions (docs/model.md#price-elasticity). */
export * from './types';
export { elasticitySteps, estimateElasticities, countPriceChanges, refusalOf, verdictOf } from './estimate';
export { fitWithin, type WithinFit } from './regression';
export { studentTCdf, studentTQuantile, incompleteBeta } from './studentT';
export { weeklyCells, weekOfDay, mondayOfWeek, type WeeklyCells } from './weeklyCells';
export { elasticityForPlan, type PlanElasticity } from './forPlan';
