/** Traditional Chinese messages of policies. */
export const policiesZhTW = {
} as const;
