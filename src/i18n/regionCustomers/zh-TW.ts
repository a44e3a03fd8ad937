/** Traditional Chinese messages of regionCustomers. */
export const regionCustomersZhTW = {
} as const;
