import type { integrityEn } from './en';

/** 标签页之间的编辑与已存方案自动升级的简体中文文案。 */
export const integrityZhCN: Record<keyof typeof integrityEn, string> = {
  'sync.dropped': '“{label}”未生效：它所修改的项目已在另一个标签页中删除。',
  'history.upgradeDropped': '旧版本保存的撤销记录无法沿用，已清除；方案本身没有变化。',
};
