import type { exportsEn } from './en';

/** 繁體中文 messages of table, workbook and chart exports. */
export const exportsZhTW: Record<keyof typeof exportsEn, string> = {
  'xport.button': '匯出方案至 Excel',
  'xport.buttonHint': '一個活頁簿：通路、各指標逐月明細、各情境與基準方案比較、假設',
  'xport.busy': '正在準備…',
  'xport.col.base': '{name}（基準）',
  'xport.sheet.monthly': '{metric}（逐月）',
  'xport.sheet.scenarios': '情境比較',
  'xport.sheet.assumptions': '假設',
  'xport.sheet.byRegion': '按區域',
  'xport.col.regionShare': '占通路比例',
  'xport.a.item': '項目',
  'xport.a.value': '內容',
  'xport.a.plan': '方案',
  'xport.a.end': '結束月份',
  'xport.a.figures': '通路表與逐月明細表的數據',
  'xport.a.scenario': '情境「{name}」',
  'xport.a.basedOn': '基於{name}',
  'xport.a.adjustment': '調整 {n}',
  'xport.a.disabled': '（已停用）{text}',
};
