export const SECTIONS = ['prices', 'promotions'] as const;
export type Section = (typeof SECTIONS)[number];

/** The open part of the Prices & promotions tab, kept while the user visits other tabs. */
export const leversSection = $state<{ current: Section }>({ current: 'prices' });
