/** Simplified Chinese messages of regionScenarios. */
export const regionScenariosZhCN = {
} as const;
