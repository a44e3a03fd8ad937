/** English messages of regionCustomers. */
export const regionCustomersEn = {
} as const;
