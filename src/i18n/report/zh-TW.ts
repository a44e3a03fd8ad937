import type { reportEn } from './en';

/** 繁體中文 messages of the printable report and smaller planner-day fixes. */
export const reportZhTW: Record<keyof typeof reportEn, string> = {};
