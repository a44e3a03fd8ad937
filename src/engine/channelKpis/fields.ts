/**
 * The values a user types per channel (docs/model.md#channel-kpis): their units and valid ranges,
 * shared by the entry grid, the plan-file checks and the engine so the three cannot disagree.
 */
import type { ChannelKpiValues } from '../types';

/** Turnover days above which stock is a backlog when the plan sets no threshold of its own. */
export const DEFAULT_BACKLOG_DAYS = 60;

/** The numbers typed per channel (stock, a monthly series, is kept apart). */
export const TYPED_KPI_FIELDS = ['satisfaction', 'complaintRate', 'nps', 'marketSize', 'competitorShare', 'floorArea', 'backlogDays'] as const;
export type TypedKpiField = (typeof TYPED_KPI_FIELDS)[number];

export interface KpiFieldSpec {
  /** How the value is typed and shown: a rate as a percent, money in minor units, else a plain number. */
  unit: 'rate' | 'money' | 'count';
  min: number;
  max: number;
  /** Whole numbers only (money in minor units). */
  integer: boolean;
}

export const TYPED_KPI_SPECS: Readonly<Record<TypedKpiField, KpiFieldSpec>> = {
  satisfaction: { unit: 'rate', min: 0, max: 1, integer: false },
  complaintRate: { unit: 'rate', min: 0, max: 1, integer: false },
  nps: { unit: 'count', min: -100, max: 100, integer: false },
  marketSize: { unit: 'money', min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  competitorShare: { unit: 'rate', min: 0, max: 1, integer: false },
  floorArea: { unit: 'count', min: 0, max: 1e9, integer: false },
  // A threshold of 0 days would call any stock a backlog; ten years is beyond any shelf life.
  backlogDays: { unit: 'count', min: 1, max: 3650, integer: false },
};

/** Stock at cost per month end, minor units. */
export const STOCK_SPEC: KpiFieldSpec = { unit: 'money', min: 0, max: Number.MAX_SAFE_INTEGER, integer: true };

/** Why a typed value is not valid, or null when it is. */
export function kpiValueProblem(spec: KpiFieldSpec, v: unknown): 'notFinite' | 'outOfRange' | 'notInteger' | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'notFinite';
  if (v < spec.min || v > spec.max) return 'outOfRange';
  if (spec.integer && !Number.isSafeInteger(v)) return 'notInteger';
  return null;
}

/** A typed value when it is a usable number, else null (a broken value is reported elsewhere, never used). */
export function typedValue(values: ChannelKpiValues | undefined, field: TypedKpiField): number | null {
  const v = values?.[field];
  return typeof v === 'number' && kpiValueProblem(TYPED_KPI_SPECS[field], v) === null ? v : null;
}
