import type { historyEn } from './en';

/** 历史页（快照、恢复、差异）的简体中文文案。 */
export const historyZhCN: Record<keyof typeof historyEn, string> = {
  'tabs.history': '历史',
};
