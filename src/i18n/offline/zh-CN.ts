import type { offlineEn } from './en';

/** 更新与离线使用（新版本提示）的简体中文文案。 */
export const offlineZhCN: Record<keyof typeof offlineEn, string> = {
  'update.ready': '新版本已就绪。',
  'update.reload': '重新加载',
  'update.later': '稍后',
  'update.saving': '正在保存编辑…',
  'update.unsaved': '编辑未能保存，因此没有重新加载页面。请先导出计划，或仍然重新加载并放弃未保存的编辑。',
  'update.reloadAnyway': '仍然重新加载',
  'update.chunkFailed': '应用的部分内容无法加载，可能是已发布了新版本。请重新加载以继续。',
};
