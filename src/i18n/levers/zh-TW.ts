import type { leversEn } from './en';
import { promoZhTW } from './promotions.zh-TW';
import { leversPriceZhTW } from './price/zh-TW';

/** Traditional Chinese (Taiwan) messages of prices and promotions. */
export const leversZhTW: Record<keyof typeof leversEn, string> = {
  'levers.report.discount': '本計畫因促銷折扣讓出營收 {amount}（已從淨營收中扣除）。',
  'levers.title': '價格與促銷',
  'levers.section.prices': '價格',
  ...promoZhTW,
  'levers.section.promotions': '促銷',
  ...leversPriceZhTW,
};
