import type { historyEn } from './en';

/** 歷史頁（快照、還原、差異）的繁體中文（台灣）文案。 */
export const historyZhTW: Record<keyof typeof historyEn, string> = {
  'tabs.history': '歷史紀錄',
};
