import type { growthEn } from './en';

/** 繁體中文 messages of growth, seasonality and totals. */
export const growthZhTW: Record<keyof typeof growthEn, string> = {};
