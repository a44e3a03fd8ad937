/** Messages of elasticity. */
export const elasticityEn = {
} as const;
