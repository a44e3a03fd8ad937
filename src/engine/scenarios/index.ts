export { scenarioChain, ScenarioError, type ScenarioErrorCode } from './chain';
export { applyAdjustments, applyScenario, type AdjustmentNotice, type SkipReason } from './apply';
export { cannibalisationPairs, type CannibalisationPair } from './cannibalisation';
export { adjustmentRegionProblem, validateScenarios } from './validate';
export { convertContext, driverLevel, roundForDriver, switchDriver, switchOperation, targetedChannels, type ConvertContext } from './convert';
