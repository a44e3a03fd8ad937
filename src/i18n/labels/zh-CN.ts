import type { labelsEn } from './en';

/** 以文字而非代码显示的名称：“导入参数来源”中不是工具自身参数名的输入项，以及读屏软件读出的图表名称。 */
export const labelsZhCN: Record<keyof typeof labelsEn, string> = {
  'cal.field.spendMin': '建模期最低营销投入',
  'cal.field.spendMax': '建模期最高营销投入',
  'cal.field.mediaScale': '媒体缩放系数（中位数）',
  'cal.field.kpiScale': 'KPI 缩放系数',
  'cal.field.spendPerUnit': '每媒体单位成本',
  'cal.field.channelScale': '渠道缩放系数（最大值）',
  'cal.field.targetScale': '目标缩放系数（最大值）',
  'cal.field.outcomePerTraffic': '每次访问的产出（如 转化率 × 客单价）',
  'chart.description': '{chart}：{names}',
};
