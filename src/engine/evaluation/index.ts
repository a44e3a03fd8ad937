/** Channel evaluation (docs/model.md#scorecard and the sections after it): scorecard, BCG matrix, partners, price conflicts and funnels. */
export * from './scorecard';
export * from './bcg';
export * from './partners';
export * from './partnerSensitivity';
export * from './priceConflicts';
export * from './regionalPrices';
export * from './funnel';
export { competitionRanks, RANK_TOLERANCE } from './rank';
export { mean, median } from './average';
