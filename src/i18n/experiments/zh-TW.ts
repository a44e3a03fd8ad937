/** Messages of experiments. */
export const experimentsZhTW = {
} as const;
