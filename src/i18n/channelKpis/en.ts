/** Messages of channel KPIs typed by the user (loaded with the views that use them: see ../lazy.ts). */
export const channelKpisEn = {
  'ckpi.title': 'Channel KPIs',
};
