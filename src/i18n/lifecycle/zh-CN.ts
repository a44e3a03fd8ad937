import type { lifecycleEn } from './en';

/** Simplified Chinese messages of channel launches and exits in scenarios. */
export const lifecycleZhCN: Record<keyof typeof lifecycleEn, string> = {
  'lifecycle.title': '渠道引入与退出',
};
