import type { inputEn } from './en';

/** 简体中文 messages of number and percent input conventions. */
export const inputZhCN: Record<keyof typeof inputEn, string> = {};
