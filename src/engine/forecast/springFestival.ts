/**
 * Spring Festival (Chinese New Year, 正月初一) moves between 21 January and 20 February, and the
 * spending before it and the lull during the holiday move with it: a monthly model that treats
 * January and February as fixed months learns a smeared average of both. The engine aligns the
 * series instead of adding a regressor — ETS has no regressors, and a regressor's coefficient
 * would need more years than most users have. See docs/model.md#spring-festival.
 */

/**
 * The date of Spring Festival each year 2000–2050, as days after 31 December (22 = 22 January,
 * 36 = 5 February). Transcribed from the published Gregorian–lunar conversion tables; the unit test
 * holds a separately typed list.
 */
const FIRST_YEAR = 2000;
const DAY_OF_YEAR = [
  36, 24, 43, 32, 22, 40, 29, 49, 38, 26, // 2000–2009
  45, 34, 23, 41, 31, 50, 39, 28, 47, 36, // 2010–2019
  25, 43, 32, 22, 41, 29, 48, 37, 26, 44, // 2020–2029
  34, 23, 42, 31, 50, 39, 28, 46, 35, 24, // 2030–2039
  43, 32, 22, 41, 30, 48, 37, 26, 45, 33, // 2040–2049
  23, // 2050
];

export const SPRING_FESTIVAL_YEARS = { first: FIRST_YEAR, last: FIRST_YEAR + DAY_OF_YEAR.length - 1 } as const;

/** The festival's date in a year of the table; null outside 2000–2050. */
export function springFestivalDate(year: number): { year: number; month: 1 | 2; day: number } | null {
  const d = DAY_OF_YEAR[year - FIRST_YEAR];
  if (!Number.isInteger(year) || d === undefined) return null;
  return d <= 31 ? { year, month: 1, day: d } : { year, month: 2, day: d - 31 };
}

/**
 * The festival season whose spending moves with the date: three weeks before the festival (the
 * shopping for it) to one week after (the holiday). A modelling choice, stated so it can be changed.
 */
export const FESTIVAL_WINDOW = { daysBefore: 21, daysAfter: 7 } as const;

/** Share of the festival season's days (within January and February) that fall in January. */
export function festivalJanuaryWeight(year: number): number | null {
  const d = DAY_OF_YEAR[year - FIRST_YEAR];
  if (d === undefined) return null;
  const from = Math.max(1, d - FESTIVAL_WINDOW.daysBefore);
  const to = d + FESTIVAL_WINDOW.daysAfter - 1;
  const inJanuary = Math.max(0, Math.min(to, 31) - from + 1);
  return inJanuary / (to - from + 1);
}

/** The long-run mean of festivalJanuaryWeight over the table: where "a typical year" puts it. */
export function typicalJanuaryWeight(): number {
  let sum = 0;
  for (let y = SPRING_FESTIVAL_YEARS.first; y <= SPRING_FESTIVAL_YEARS.last; y++) sum += festivalJanuaryWeight(y) ?? 0;
  return sum / DAY_OF_YEAR.length;
}

/**
 * How the festival splits January + February in this series: January's share of the pair in year y
 * is modelled as a + b·w_y, w_y the festival's January weight, fitted by least squares over the
 * years where both months are observed with a positive total. With fewer than three such years (or
 * no spread in w) b is 0 and nothing moves with the date.
 */
export interface SpringFestivalAdjustment {
  intercept: number;
  slope: number;
  /** January's share in a typical year (w at its long-run mean): the aligned series uses it. */
  typicalShare: number;
  /** Years the fit used. */
  years: number;
  note: { code: 'springFestival.fitted'; params: { years: number } } | { code: 'springFestival.tooFewYears'; params: { years: number; needed: number } };
}

/** A month of a monthly series: its first observation's year and month (1–12). */
export interface MonthlyStart {
  year: number;
  month: number;
}

const MIN_YEARS = 3;
const SHARE_LIMITS = [0.02, 0.98] as const;

function monthAt(start: MonthlyStart, index: number): { year: number; month: number } {
  const k = start.year * 12 + (start.month - 1) + index;
  return { year: Math.floor(k / 12), month: (k % 12) + 1 };
}

function clampShare(s: number): number {
  return Math.min(SHARE_LIMITS[1], Math.max(SHARE_LIMITS[0], s));
}

/** The fitted January share for a year (the typical share outside the table). */
export function januaryShare(adjustment: SpringFestivalAdjustment, year: number): number {
  const w = festivalJanuaryWeight(year);
  return clampShare(w === null ? adjustment.typicalShare : adjustment.intercept + adjustment.slope * w);
}

export function fitSpringFestival(values: ArrayLike<number>, start: MonthlyStart): SpringFestivalAdjustment {
  const shares: { w: number; s: number }[] = [];
  for (let i = 0; i + 1 < values.length; i++) {
    const at = monthAt(start, i);
    if (at.month !== 1) continue;
    const total = values[i] + values[i + 1];
    const w = festivalJanuaryWeight(at.year);
    if (!(total > 0) || w === null || !(values[i] >= 0) || !(values[i + 1] >= 0)) continue;
    shares.push({ w, s: values[i] / total });
  }
  const years = shares.length;
  const wBar = typicalJanuaryWeight();
  const meanW = years ? shares.reduce((a, p) => a + p.w, 0) / years : 0;
  const meanS = years ? shares.reduce((a, p) => a + p.s, 0) / years : 31 / 59;
  let sxx = 0;
  let sxy = 0;
  for (const p of shares) {
    sxx += (p.w - meanW) ** 2;
    sxy += (p.w - meanW) * (p.s - meanS);
  }
  if (years >= MIN_YEARS && sxx > 1e-12) {
    const slope = sxy / sxx;
    const intercept = meanS - slope * meanW;
    return { intercept, slope, typicalShare: clampShare(intercept + slope * wBar), years, note: { code: 'springFestival.fitted', params: { years } } };
  }
  return { intercept: meanS, slope: 0, typicalShare: clampShare(meanS), years, note: { code: 'springFestival.tooFewYears', params: { years, needed: MIN_YEARS } } };
}

/**
 * The series as if every Spring Festival fell on its typical date: each January is scaled by
 * typical/actual January share and each February by the same for February, so a year's
 * January + February total is kept (exactly, when the fitted share matches) while the split no longer
 * wanders with the date. Forecast the aligned series, then restoreSpringFestival.
 */
export function alignSpringFestival(values: ArrayLike<number>, start: MonthlyStart, adjustment: SpringFestivalAdjustment): Float64Array {
  return rescale(values, start, adjustment, true);
}

/** Undoes the alignment for series starting at `start` (a forecast: use the first forecast month). */
export function restoreSpringFestival(values: ArrayLike<number>, start: MonthlyStart, adjustment: SpringFestivalAdjustment): Float64Array {
  return rescale(values, start, adjustment, false);
}

function rescale(values: ArrayLike<number>, start: MonthlyStart, adjustment: SpringFestivalAdjustment, toTypical: boolean): Float64Array {
  const out = Float64Array.from(values);
  const typical = adjustment.typicalShare;
  for (let i = 0; i < out.length; i++) {
    const at = monthAt(start, i);
    if (at.month !== 1 && at.month !== 2) continue;
    const share = januaryShare(adjustment, at.year);
    const factor = at.month === 1 ? typical / share : (1 - typical) / (1 - share);
    out[i] = toTypical ? values[i] * factor : values[i] / factor;
  }
  return out;
}
