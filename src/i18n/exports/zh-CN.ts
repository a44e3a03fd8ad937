import type { exportsEn } from './en';

/** 简体中文 messages of table, workbook and chart exports. */
export const exportsZhCN: Record<keyof typeof exportsEn, string> = {};
