import type { lifecycleEn } from './en';

/** Traditional Chinese (Taiwan) messages of channel launches and exits in scenarios. */
export const lifecycleZhTW: Record<keyof typeof lifecycleEn, string> = {
  'lifecycle.title': '通路引進與退出',
};
