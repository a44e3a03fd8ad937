import type { reportEn } from './en';

/** 简体中文 messages of the printable report and smaller planner-day fixes. */
export const reportZhCN: Record<keyof typeof reportEn, string> = {
  'report.paper': '纸张',
  'report.portrait': 'A4 纵向',
  'report.landscape': 'A4 横向',
  'report.pnl': '各渠道损益',
  'report.pnlIntro': '整个计划期合计。贡献利润 = 毛利 − 变动成本 − 返利 − 固定成本 − 营销投入；ROI = 贡献利润 ÷（营销投入 + 固定成本）。',
  'report.scenario': '情景',
  'report.total': '全部渠道',
  'report.pp': '{value} 个百分点',
};
