import type { leversEn } from './en';

/** Traditional Chinese (Taiwan) messages of prices and promotions. */
export const leversZhTW: Record<keyof typeof leversEn, string> = {
  'levers.title': '價格與促銷',
};
