import type { adviceEn } from './en';

/** 繁體中文 messages of optimiser, BCG and scorecard advice. */
export const adviceZhTW: Record<keyof typeof adviceEn, string> = {};
