import type { leversEn } from './en';
import { promoZhTW } from './promotions.zh-TW';
import { leversPriceZhTW } from './price/zh-TW';

/** Traditional Chinese (Taiwan) messages of prices and promotions. */
export const leversZhTW: Record<keyof typeof leversEn, string> = {
  'levers.title': '價格與促銷',
  'levers.section.prices': '價格',
  ...promoZhTW,
  'levers.section.promotions': '促銷',
  ...leversPriceZhTW,
};
