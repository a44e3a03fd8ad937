import type { scenarioEditEn } from './en';

/** 简体中文 messages of scenario editing, deltas and metric definitions. */
export const scenarioEditZhCN: Record<keyof typeof scenarioEditEn, string> = {};
