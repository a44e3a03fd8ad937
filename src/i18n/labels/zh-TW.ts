import type { labelsEn } from './en';

/** 以文字而非代碼顯示的名稱：「匯入參數來源」中不是工具本身參數名稱的輸入項，以及螢幕閱讀器讀出的圖表名稱。 */
export const labelsZhTW: Record<keyof typeof labelsEn, string> = {
  'cal.field.spendMin': '建模期最低行銷投入',
  'cal.field.spendMax': '建模期最高行銷投入',
  'cal.field.mediaScale': '媒體縮放係數（中位數）',
  'cal.field.kpiScale': 'KPI 縮放係數',
  'cal.field.spendPerUnit': '每媒體單位成本',
  'cal.field.channelScale': '通路縮放係數（最大值）',
  'cal.field.targetScale': '目標縮放係數（最大值）',
  'cal.field.outcomePerTraffic': '每次造訪的產出（如 轉換率 × 客單價）',
  'chart.description': '{chart}：{names}',
};
