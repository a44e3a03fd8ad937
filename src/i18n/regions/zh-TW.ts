/** Traditional Chinese messages of regions. */
export const regionsZhTW = {
} as const;
