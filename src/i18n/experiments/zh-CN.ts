/** Messages of experiments. */
export const experimentsZhCN = {
} as const;
