/** Simplified Chinese messages of regions. */
export const regionsZhCN = {
} as const;
