/**
 * Day numbers (days since 1970-01-01, UTC) ⇄ civil dates, without `Date` objects: the cohort and
 * period code calls these once per transaction row, so they must not allocate.
 * Algorithms: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
 */

/** Day number of a proleptic Gregorian date (month 1–12). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of an ISO `yyyy-mm-dd` date string (no validation beyond the shape: parsing is the importer's job). */
export function dayFromIso(iso: string): number {
  return dayFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/**
 * Month index (year × 12 + month − 1) of a day number: consecutive calendar months have consecutive
 * indices, so "months since the first purchase" is a subtraction.
 */
export function monthIndexOfDay(dayNumber: number): number {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** First day of the month with the given month index. */
export function dayOfMonthIndex(monthIndex: number): number {
  const year = Math.floor(monthIndex / 12);
  return dayFromCivil(year, monthIndex - year * 12 + 1, 1);
}

/**
 * Start (a Monday) of the calendar week holding the day: pandas' default weekly period "W" is
 * "W-SUN", weeks ending on Sunday, and lifetimes groups weekly data with it. 1970-01-01 was a Thursday.
 */
export function weekStartOfDay(dayNumber: number): number {
  return dayNumber - (((dayNumber + 3) % 7) + 7) % 7;
}
