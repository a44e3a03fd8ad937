/** English messages of policies. */
export const policiesEn = {
} as const;
