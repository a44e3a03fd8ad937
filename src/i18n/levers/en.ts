import { promoEn } from './promotions.en';
import { leversPriceEn } from './price/en';

/** Messages of prices and promotions (loaded with the views that use them: see ../lazy.ts). */
export const leversEn = {
  'levers.report.discount': 'The plan gives up {amount} of revenue in promotion discounts (already taken off its net revenue).',
  'levers.title': 'Prices & promotions',
  'levers.section.prices': 'Prices',
  ...promoEn,
  'levers.section.promotions': 'Promotions',
  ...leversPriceEn,
};
