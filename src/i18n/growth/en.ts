/** English messages of growth, seasonality and totals. */
export const growthEn = {} as const;
