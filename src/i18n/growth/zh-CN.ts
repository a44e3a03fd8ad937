import type { growthEn } from './en';

/** 简体中文 messages of growth, seasonality and totals. */
export const growthZhCN: Record<keyof typeof growthEn, string> = {};
