/** English messages of the History tab (snapshots, restore, diff). */
export const historyEn = {
  'tabs.history': 'History',
} as const;
