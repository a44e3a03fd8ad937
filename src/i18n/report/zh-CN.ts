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
  'report.byRegion': '按区域',
  'report.byRegionIntro': '整个计划期。渠道按权重分摊到其覆盖的区域，有区域自有数值的按区域单独计算；占比为占整个计划的比例。',
  'report.shareOf': '{metric}占比',
  'home.importedFrom': '导入自“{file}”，{date}',
  'home.created': '创建于{date}',
  'home.scenarioCount': '{count}个情景',
  'home.channelNames': '渠道：{names}',
  'home.moreChannels': '{names}等，另有{count}个',
  'home.nameSep': '、',
  'history.change': '{what} {before} → {after}',
  'history.moreChanges': '{text}，另有 {count} 处',
  'history.perMonth': '每月 {value}',
  'history.quoted': '“{text}”',
  'report.pp': '{value} 个百分点',
};
