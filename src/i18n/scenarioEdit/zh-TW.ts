import type { scenarioEditEn } from './en';

/** 繁體中文 messages of scenario editing, deltas and metric definitions. */
export const scenarioEditZhTW: Record<keyof typeof scenarioEditEn, string> = {};
