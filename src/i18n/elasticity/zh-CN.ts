/** Messages of elasticity. */
export const elasticityZhCN = {
} as const;
