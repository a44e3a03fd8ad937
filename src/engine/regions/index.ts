/** Regions as a dimension of the plan (docs/model.md#regions). */
export { servedRegions, regionShares, splitInteger, hasOwnRegionalValues, type RegionShare } from './shares';
export { expandPlan, regionalChannels, rowId, AMOUNT_DRIVERS, type Expansion, type RegionRow } from './expand';
export { regionCells, type RegionCells } from './cells';
export { matchesTarget } from './targets';
