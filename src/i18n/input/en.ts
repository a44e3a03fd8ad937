/** English messages of number and percent input conventions. */
export const inputEn = {} as const;
