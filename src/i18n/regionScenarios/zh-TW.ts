/** Traditional Chinese messages of regionScenarios. */
export const regionScenariosZhTW = {
} as const;
