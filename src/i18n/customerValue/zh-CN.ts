import type { customerValueEn } from './en';

/** Simplified Chinese messages of customer value per channel (LTV:CAC). */
export const customerValueZhCN: Record<keyof typeof customerValueEn, string> = {
  'cvalue.title': '客户价值',
};
