import type { channelKpisEn } from './en';

/** Simplified Chinese messages of channel KPIs typed by the user. */
export const channelKpisZhCN: Record<keyof typeof channelKpisEn, string> = {
  'ckpi.title': '渠道指标',
};
