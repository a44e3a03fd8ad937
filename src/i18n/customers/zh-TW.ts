import type { customersEn } from './en';

/** 顧客頁（匯入、分群、ABC、矩陣、遷移、世代、顧客終身價值）的繁體中文（台灣）文案。 */
export const customersZhTW: Record<keyof typeof customersEn, string> = {
  'tabs.customers': '顧客',
};
