/** English messages of regionScenarios. */
export const regionScenariosEn = {
} as const;
