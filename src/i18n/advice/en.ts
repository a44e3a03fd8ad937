/** English messages of optimiser, BCG and scorecard advice. */
export const adviceEn = {} as const;
