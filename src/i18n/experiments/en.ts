/** Messages of experiments. */
export const experimentsEn = {
} as const;
