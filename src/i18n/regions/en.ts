/** English messages of regions. */
export const regionsEn = {
} as const;
