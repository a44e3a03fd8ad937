import type { inputEn } from './en';

/** 繁體中文 messages of number and percent input conventions. */
export const inputZhTW: Record<keyof typeof inputEn, string> = {};
