export const SECTIONS = ['data', 'variance'] as const;
export type Section = (typeof SECTIONS)[number];

/** The open part of the Actuals tab, kept while the user visits other tabs. */
export const actualsSection = $state<{ current: Section }>({ current: 'data' });
