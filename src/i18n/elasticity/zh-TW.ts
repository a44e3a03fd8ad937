/** Messages of elasticity. */
export const elasticityZhTW = {
} as const;
