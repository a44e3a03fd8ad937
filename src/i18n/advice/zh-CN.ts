import type { adviceEn } from './en';

/** 简体中文 messages of optimiser, BCG and scorecard advice. */
export const adviceZhCN: Record<keyof typeof adviceEn, string> = {};
