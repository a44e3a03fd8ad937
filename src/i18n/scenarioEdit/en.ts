/** English messages of scenario editing, deltas and metric definitions. */
export const scenarioEditEn = {} as const;
