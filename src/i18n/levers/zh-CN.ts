import type { leversEn } from './en';
import { promoZhCN } from './promotions.zh-CN';
import { leversPriceZhCN } from './price/zh-CN';

/** Simplified Chinese messages of prices and promotions. */
export const leversZhCN: Record<keyof typeof leversEn, string> = {
  'levers.title': '价格与促销',
  'levers.section.prices': '价格',
  ...promoZhCN,
  'levers.section.promotions': '促销',
  ...leversPriceZhCN,
};
