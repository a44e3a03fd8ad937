/** English messages of the Customers tab (import, segments, ABC, matrix, migration, cohorts, CLV). */
export const customersEn = {
  'tabs.customers': 'Customers',
} as const;
