/** English messages of edits between tabs and of stored plans that upgrade themselves. */
export const integrityEn = {
  'sync.dropped': '“{label}” was not applied: the item it changed was deleted in another tab.',
  'history.upgradeDropped': 'The undo history saved by an older version of the app could not be carried over; your plan is unchanged.',
} as const;
