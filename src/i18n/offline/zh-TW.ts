import type { offlineEn } from './en';

/** 更新與離線使用（新版本提示）的繁體中文（台灣）文案。 */
export const offlineZhTW: Record<keyof typeof offlineEn, string> = {
  'update.ready': '新版本已就緒。',
  'update.reload': '重新載入',
  'update.later': '稍後',
  'update.saving': '正在儲存編輯…',
  'update.unsaved': '編輯未能儲存，因此沒有重新載入頁面。請先匯出計畫，或仍然重新載入並捨棄未儲存的編輯。',
  'update.reloadAnyway': '仍然重新載入',
  'update.chunkFailed': '應用程式的部分內容無法載入，可能是已發布了新版本。請重新載入以繼續。',
};
