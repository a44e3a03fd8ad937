import type { leversEn } from './en';
import { promoZhCN } from './promotions.zh-CN';
import { leversPriceZhCN } from './price/zh-CN';

/** Simplified Chinese messages of prices and promotions. */
export const leversZhCN: Record<keyof typeof leversEn, string> = {
  'levers.report.discount': '本计划因促销折扣让出收入 {amount}（已从净收入中扣除）。',
  'levers.title': '价格与促销',
  'levers.section.prices': '价格',
  ...promoZhCN,
  'levers.section.promotions': '促销',
  ...leversPriceZhCN,
};
