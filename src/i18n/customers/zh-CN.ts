import type { customersEn } from './en';

/** 客户页（导入、分群、ABC、矩阵、迁移、同期群、客户终身价值）的简体中文文案。 */
export const customersZhCN: Record<keyof typeof customersEn, string> = {
  'tabs.customers': '客户',
};
