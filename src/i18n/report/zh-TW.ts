import type { reportEn } from './en';

/** 繁體中文 messages of the printable report and smaller planner-day fixes. */
export const reportZhTW: Record<keyof typeof reportEn, string> = {
  'report.paper': '紙張',
  'report.portrait': 'A4 直向',
  'report.landscape': 'A4 橫向',
  'report.pnl': '各通路損益',
  'report.pnlIntro': '整個計畫期合計。貢獻利潤 = 毛利 − 變動成本 − 返利 − 固定成本 − 行銷投入；ROI = 貢獻利潤 ÷（行銷投入 + 固定成本）。',
  'report.scenario': '情境',
  'report.total': '全部通路',
  'report.byRegion': '按區域',
  'report.byRegionIntro': '整個計畫期。通路依權重分攤到其涵蓋的區域，有區域自有數值的依區域單獨計算；占比為占整個計畫的比例。',
  'report.shareOf': '{metric}占比',
  'home.importedFrom': '匯入自「{file}」，{date}',
  'home.created': '建立於{date}',
  'home.scenarioCount': '{count}個情境',
  'home.channelNames': '通路：{names}',
  'home.moreChannels': '{names}等，另有{count}個',
  'home.nameSep': '、',
  'history.change': '{what} {before} → {after}',
  'history.moreChanges': '{text}，另有 {count} 處',
  'history.perMonth': '每月 {value}',
  'history.quoted': '「{text}」',
  'report.pp': '{value} 個百分點',
};
