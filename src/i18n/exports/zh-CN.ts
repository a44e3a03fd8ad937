import type { exportsEn } from './en';

/** 简体中文 messages of table, workbook and chart exports. */
export const exportsZhCN: Record<keyof typeof exportsEn, string> = {
  'xport.button': '导出方案到 Excel',
  'xport.buttonHint': '一个工作簿：渠道、各指标按月明细、各情景与基准方案对比、假设',
  'xport.busy': '正在准备…',
  'xport.col.base': '{name}（基准）',
  'xport.sheet.monthly': '{metric}（按月）',
  'xport.sheet.scenarios': '情景对比',
  'xport.sheet.assumptions': '假设',
  'xport.sheet.byRegion': '按区域',
  'xport.col.regionShare': '占渠道比例',
  'xport.a.item': '项目',
  'xport.a.value': '内容',
  'xport.a.plan': '方案',
  'xport.a.end': '结束月份',
  'xport.a.figures': '渠道表与按月明细表的数据',
  'xport.a.scenario': '情景“{name}”',
  'xport.a.basedOn': '基于{name}',
  'xport.a.adjustment': '调整 {n}',
  'xport.a.disabled': '（已停用）{text}',
};
