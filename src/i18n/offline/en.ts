/** English messages of updates and offline use (the new-version prompt). */
export const offlineEn = {
  'update.ready': 'A new version is ready.',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'update.saving': 'Saving your edits…',
  'update.unsaved': 'Your edits could not be saved, so the page was not reloaded. Export the plan first, or reload anyway and lose the unsaved edits.',
  'update.reloadAnyway': 'Reload anyway',
  'update.chunkFailed': 'Part of the app could not be loaded, probably because a new version was published. Reload to continue.',
} as const;
