import type { integrityEn } from './en';

/** 分頁之間的編輯與已儲存方案自動升級的繁體中文文案。 */
export const integrityZhTW: Record<keyof typeof integrityEn, string> = {
  'sync.dropped': '「{label}」未生效：它所修改的項目已在另一個分頁中刪除。',
  'history.upgradeDropped': '舊版本儲存的復原記錄無法沿用，已清除；方案本身沒有變化。',
};
