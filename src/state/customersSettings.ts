/**
 * The Customers tab's analysis settings as the user edits them, and how they become the engine's
 * analysis options. Plain data and functions: the runes live in customers.svelte.ts.
 */
import { DEFAULT_HIGH_VALUE, R_RFM_SEGMENT_RULES, seedFourClassRules, type AnalysisOptions, type ClvRequest, type CutPoints, type SegmentRule } from '../engine/customers';
import { parseInput } from '../engine/cellInput';

export const SECTIONS = ['data', 'segments', 'abc', 'matrix', 'regions', 'migration', 'clv', 'elasticity'] as const;
export type Section = (typeof SECTIONS)[number];

export type SegmentationChoice = 'rfm' | 'seeds4' | 'eight' | 'custom';

/** A rule as the user edits it: a name and inclusive score ranges, first match wins. */
export interface EditableRule {
  key: number;
  name: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

export interface AnalysisSettings {
  /** null: the day after the last order. */
  analysisDay: number | null;
  orders: 'transactions' | 'days';
  monetary: 'total' | 'average';
  segmentation: SegmentationChoice;
  rules: EditableRule[];
  /** Cut points typed per dimension ("30, 90, 180"); empty: quintiles. */
  cuts: { recency: string; frequency: string; monetary: string };
  abcA: number;
  abcB: number;
  /** Segment ids counted as high value; null: the choice's default. */
  highValue: string[] | null;
}

export function defaultSettings(): AnalysisSettings {
  return {
    analysisDay: null,
    orders: 'transactions',
    monetary: 'total',
    segmentation: 'rfm',
    rules: [],
    cuts: { recency: '', frequency: '', monetary: '' },
    abcA: 0.8,
    abcB: 0.95,
    highValue: null,
  };
}

let ruleKey = 0;
export function editableRules(rules: readonly SegmentRule[], name: (id: string) => string): EditableRule[] {
  return rules.map((r) => ({ key: ++ruleKey, name: name(r.id), r: [...r.recency], f: [...r.frequency], m: [...r.monetary] }));
}
export function newRule(name: string): EditableRule {
  return { key: ++ruleKey, name, r: [1, 5], f: [1, 5], m: [1, 5] };
}

export { DEFAULT_HIGH_VALUE };

/**
 * Cut points as typed: numbers separated by commas, spaces or 、 (each may be written 1万, 5k or in
 * full-width digits); null when any is not a number.
 */
export function parseCuts(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter((s) => s !== '');
  const values: number[] = [];
  for (const part of parts) {
    const r = parseInput(part, { unit: 'count', moneyDigits: 0 });
    if (!r.ok) return null;
    values.push(r.value);
  }
  return values.sort((a, b) => a - b);
}

export function segmentationOf(s: AnalysisSettings): AnalysisOptions['segmentation'] {
  if (s.segmentation !== 'custom') return s.segmentation;
  // Plain arrays, not the state's proxies: the options cross to the worker by structured clone.
  const rules: SegmentRule[] = s.rules.map((r) => ({ id: r.name.trim() || '?', recency: [r.r[0], r.r[1]], frequency: [r.f[0], r.f[1]], monetary: [r.m[0], r.m[1]] }));
  return { rules };
}

export function highValueOf(s: AnalysisSettings): string[] {
  if (s.highValue) return [...s.highValue];
  if (s.segmentation === 'custom') return s.rules.length > 0 ? [s.rules[0].name.trim()] : [];
  return [...DEFAULT_HIGH_VALUE[s.segmentation]];
}

/** The analysis options of the current settings (the same for every section, so one result serves all). */
export function analysisOptions(s: AnalysisSettings): AnalysisOptions {
  const bins: CutPoints = {};
  for (const dim of ['recency', 'frequency', 'monetary'] as const) {
    const cuts = parseCuts(s.cuts[dim]);
    if (cuts && cuts.length > 0) bins[dim] = cuts;
  }
  return {
    ...(s.analysisDay !== null ? { analysisDay: s.analysisDay } : {}),
    orders: s.orders,
    monetary: s.monetary,
    segmentation: segmentationOf(s),
    ...(Object.keys(bins).length > 0 ? { bins } : {}),
    abc: { a: s.abcA, b: s.abcB },
    highValueSegments: highValueOf(s),
  };
}

export const RULE_PRESETS = { rfm: R_RFM_SEGMENT_RULES, seeds4: seedFourClassRules(5) } as const;

/** The CLV model's inputs as the user sets them on the CLV view; CLV by region fits with the same. */
export interface ClvInputs {
  unit: ClvRequest['unit'];
  horizonMonths: number;
  /** Monthly discount rate (0.01 = 1 % a month). */
  discountRate: number;
  /** Share of revenue kept as margin. */
  margin: number;
}

export function defaultClvInputs(): ClvInputs {
  return { unit: 'weeks', horizonMonths: 12, discountRate: 0.01, margin: 0.3 };
}

/** A plain request (not the state's proxy: it crosses to the worker by structured clone). */
export function clvRequestOf(inputs: ClvInputs): ClvRequest {
  return { unit: inputs.unit, horizonMonths: inputs.horizonMonths, discountRate: inputs.discountRate, margin: inputs.margin };
}
