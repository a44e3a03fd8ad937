import type { exportsEn } from './en';

/** 繁體中文 messages of table, workbook and chart exports. */
export const exportsZhTW: Record<keyof typeof exportsEn, string> = {};
