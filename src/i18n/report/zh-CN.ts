import type { reportEn } from './en';

/** 简体中文 messages of the printable report and smaller planner-day fixes. */
export const reportZhCN: Record<keyof typeof reportEn, string> = {};
