export const SECTIONS = ['scorecard', 'bcg', 'funnel', 'rebates', 'partners', 'prices', 'kpis'] as const;
export type Section = (typeof SECTIONS)[number];

/** The open part of the Evaluate tab, kept while the user visits other tabs. */
export const evaluateSection = $state<{ current: Section }>({ current: 'scorecard' });
