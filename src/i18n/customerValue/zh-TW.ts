import type { customerValueEn } from './en';

/** Traditional Chinese (Taiwan) messages of customer value per channel (LTV:CAC). */
export const customerValueZhTW: Record<keyof typeof customerValueEn, string> = {
  'cvalue.title': '顧客價值',
};
