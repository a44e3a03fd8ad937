/** Simplified Chinese messages of regionCustomers. */
export const regionCustomersZhCN = {
} as const;
