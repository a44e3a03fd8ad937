/** Messages of channel launches and exits in scenarios (loaded with the views that use them: see ../lazy.ts). */
export const lifecycleEn = {
  'lifecycle.title': 'Channel launches and exits',
};
