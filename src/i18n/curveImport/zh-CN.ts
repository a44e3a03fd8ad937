import type { curveImportEn } from './en';

/** “导入参数来源”中不是工具自身参数名的输入项的简体中文名称。 */
export const curveImportZhCN: Record<keyof typeof curveImportEn, string> = {
  'cal.field.spendMin': '建模期最低营销投入',
  'cal.field.spendMax': '建模期最高营销投入',
  'cal.field.mediaScale': '媒体缩放系数（中位数）',
  'cal.field.kpiScale': 'KPI 缩放系数',
  'cal.field.spendPerUnit': '每媒体单位成本',
  'cal.field.channelScale': '渠道缩放系数（最大值）',
  'cal.field.targetScale': '目标缩放系数（最大值）',
  'cal.field.outcomePerTraffic': '每次访问的产出（如 转化率 × 客单价）',
};
