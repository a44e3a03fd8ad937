/** Channel evaluation (SPEC §7): scorecard, BCG matrix, partners, price conflicts and funnels. */
export * from './scorecard';
export * from './bcg';
export * from './partners';
export * from './partnerSensitivity';
export * from './priceConflicts';
export * from './funnel';
export { competitionRanks, RANK_TOLERANCE } from './rank';
export { mean, median } from './average';
