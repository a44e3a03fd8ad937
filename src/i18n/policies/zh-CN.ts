/** Simplified Chinese messages of policies. */
export const policiesZhCN = {
} as const;
