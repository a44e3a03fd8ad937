import type { curveImportEn } from './en';

/** 「匯入參數來源」中不是工具本身參數名稱的輸入項的繁體中文名稱。 */
export const curveImportZhTW: Record<keyof typeof curveImportEn, string> = {
  'cal.field.spendMin': '建模期最低行銷投入',
  'cal.field.spendMax': '建模期最高行銷投入',
  'cal.field.mediaScale': '媒體縮放係數（中位數）',
  'cal.field.kpiScale': 'KPI 縮放係數',
  'cal.field.spendPerUnit': '每媒體單位成本',
  'cal.field.channelScale': '通路縮放係數（最大值）',
  'cal.field.targetScale': '目標縮放係數（最大值）',
  'cal.field.outcomePerTraffic': '每次造訪的產出（如 轉換率 × 客單價）',
};
