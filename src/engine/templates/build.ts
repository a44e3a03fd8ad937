/**
 * Small builders shared by the plan templates, so each template file reads as a table of assumptions
 * rather than as object plumbing. Everything here is pure and returns fresh objects: a plan built from
 * a template shares no array or object with another plan (the UI edits plans in place).
 */
import { DRIVER_SPECS, GROWTH_MAX, GROWTH_MIN, SEASONALITY_MAX } from '../drivers';
import {
  DRIVER_KEYS,
  type Channel,
  type ChannelRole,
  type ChannelType,
  type CustomMetric,
  type Driver,
  type DriverKey,
  type Plan,
  type Region,
  type ResponseCurve,
} from '../types';

export interface TemplateOptions {
  id: string;
  /** Epoch milliseconds, used for createdAt and updatedAt. */
  now: number;
  locale: string;
}

export type Template = (opts: TemplateOptions) => Plan;

/** Every template starts here; periods are months. */
export const TEMPLATE_START = '2027-01';
export const TEMPLATE_PERIODS = 24;
export const TEMPLATE_CURRENCY = 'CNY';

/** Yuan to fen (integer minor units), e.g. `yuan(15000)` → 1500000. */
export function yuan(amount: number): number {
  const fen = Math.round(amount * 100);
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`yuan(${amount}) is not a safe non-negative amount of fen`);
  }
  return fen;
}

// ---------------------------------------------------------------------------------------------
// Language

/** The three languages templates are written in. */
export type Lang = 'en' | 'zhCN' | 'zhTW';

/**
 * zh-CN (and zh, zh-Hans, zh-SG) → simplified; zh-TW (and zh-Hant, zh-HK, zh-MO) → traditional;
 * anything else → English.
 */
export function languageOf(locale: string): Lang {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  if (tag !== 'zh' && !tag.startsWith('zh-')) return 'en';
  if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) return 'zhTW';
  return 'zhCN';
}

// ---------------------------------------------------------------------------------------------
// Drivers and channels

/** A bare number is a flat driver; an object may add growth and seasonality. */
export type DriverInput = number | { base: number; growth?: number; seasonality?: readonly number[] };

/** Drivers a template must state; the others default to 0 (a default that changes no result). */
type RequiredDrivers = 'conversion' | 'aov' | 'grossMargin' | 'newCustomerShare';
export type DriverInputs = Record<RequiredDrivers, DriverInput> &
  Partial<Record<Exclude<DriverKey, RequiredDrivers>, DriverInput>>;

export interface ChannelSpec {
  id: string;
  name: string;
  type: ChannelType;
  role: ChannelRole;
  regions: readonly string[];
  color: string;
  drivers: DriverInputs;
  /** Omit for a channel whose traffic does not respond to spend. */
  curve?: ResponseCurve;
}

/** Hill response: `max` incremental traffic a month, half of it at `halfSat` fen of spend. */
export function hill(max: number, halfSat: number, shape: number): ResponseCurve {
  return { type: 'hill', max, halfSat: Math.round(halfSat), shape };
}

function toDriver(key: DriverKey, input: DriverInput | undefined, channelId: string): Driver {
  const given = typeof input === 'number' ? { base: input } : (input ?? { base: 0 });
  const spec = DRIVER_SPECS[key];
  const where = `${channelId}.${key}`;
  // Money and counts are whole numbers (money in fen); rates are fractions.
  const base = spec.unit === 'rate' ? given.base : Math.round(given.base);
  const whole = spec.unit === 'rate' || Number.isSafeInteger(base);
  if (!Number.isFinite(base) || !whole || base < spec.min || base > spec.max) {
    throw new RangeError(`${where}: base ${given.base} is outside [${spec.min}, ${spec.max}]`);
  }
  const driver: Driver = { base };
  if (given.growth !== undefined && given.growth !== 0) {
    if (!(given.growth >= GROWTH_MIN && given.growth <= GROWTH_MAX)) {
      throw new RangeError(`${where}: growth ${given.growth} is outside [${GROWTH_MIN}, ${GROWTH_MAX}]`);
    }
    driver.growth = given.growth;
  }
  if (given.seasonality !== undefined) {
    driver.seasonality = [...given.seasonality]; // a copy: no two drivers share an array
  }
  return driver;
}

export function channel(spec: ChannelSpec): Channel {
  const drivers = {} as Record<DriverKey, Driver>;
  for (const key of DRIVER_KEYS) drivers[key] = toDriver(key, spec.drivers[key], spec.id);
  return {
    id: spec.id,
    name: spec.name,
    type: spec.type,
    role: spec.role,
    regions: [...spec.regions],
    color: spec.color,
    drivers,
    curve: spec.curve ? { ...spec.curve } : { type: 'none', max: 0, halfSat: 0, shape: 1 },
  };
}

// ---------------------------------------------------------------------------------------------
// Seasonality

/**
 * Twelve monthly indices (January first) scaled so that they average exactly 1 before rounding to
 * three decimals; templates write the shape they mean and this keeps the level honest.
 */
export function seasonality(indices: readonly number[]): readonly number[] {
  if (indices.length !== 12) throw new RangeError(`seasonality needs 12 indices, got ${indices.length}`);
  const mean = indices.reduce((sum, x) => sum + x, 0) / 12;
  if (!(mean > 0)) throw new RangeError('seasonality indices must have a positive mean');
  const scaled = indices.map((x) => Math.round((x / mean) * 1000) / 1000);
  if (scaled.some((x) => !(x >= 0 && x <= SEASONALITY_MAX))) {
    throw new RangeError(`seasonality indices must lie in [0, ${SEASONALITY_MAX}]`);
  }
  return Object.freeze(scaled);
}

// ---------------------------------------------------------------------------------------------
// Plan

export interface PlanSpec {
  name: string;
  regions: readonly Region[];
  channels: readonly Channel[];
  /** One assumption per line. */
  notes: readonly string[];
  periods?: number;
  customMetrics?: readonly CustomMetric[];
}

export function plan(opts: TemplateOptions, spec: PlanSpec): Plan {
  const regionIds = new Set(spec.regions.map((r) => r.id));
  const channelIds = new Set(spec.channels.map((c) => c.id));
  if (regionIds.size !== spec.regions.length) throw new Error(`${spec.name}: duplicate region id`);
  if (channelIds.size !== spec.channels.length) throw new Error(`${spec.name}: duplicate channel id`);
  for (const c of spec.channels) {
    const unknown = c.regions.find((r) => !regionIds.has(r));
    if (unknown !== undefined) throw new Error(`${c.id}: unknown region ${unknown}`);
  }
  return {
    id: opts.id,
    name: spec.name,
    currency: TEMPLATE_CURRENCY,
    locale: opts.locale,
    timeline: { start: TEMPLATE_START, periods: spec.periods ?? TEMPLATE_PERIODS },
    regions: spec.regions.map((r) => ({ ...r })),
    channels: [...spec.channels],
    customMetrics: (spec.customMetrics ?? []).map((m) => ({ ...m })),
    scenarios: [],
    cannibalisation: [],
    uncertainty: [],
    budgetBounds: [],
    evaluation: {},
    notes: spec.notes.join('\n'),
    createdAt: opts.now,
    updatedAt: opts.now,
  };
}
