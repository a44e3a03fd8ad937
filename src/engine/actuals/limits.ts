/** Twenty years of months: a longer span is a typo in a month label (2062 for 2026). */
export const MAX_ACTUAL_MONTHS = 240;
