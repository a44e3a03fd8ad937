import type { channelKpisEn } from './en';

/** Traditional Chinese (Taiwan) messages of channel KPIs typed by the user. */
export const channelKpisZhTW: Record<keyof typeof channelKpisEn, string> = {
  'ckpi.title': '通路指標',
};
