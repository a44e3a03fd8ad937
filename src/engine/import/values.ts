/**
 * Field values of imported transaction files: numbers in the user's chosen notation and calendar
 * dates as whole days since 1970-01-01. Nothing here returns NaN: a value that cannot be read is an
 * error code the import report counts, never a number that quietly becomes 0.
 */

/** The decimal mark of the file's number notation; the thousands separator is the other mark (or a space). */
export type DecimalMark = '.' | ',';

/** `percent`: written with a % sign where the caller takes no percentages (an amount). */
export type NumberError = 'empty' | 'invalid' | 'grouping' | 'outOfRange' | 'percent';
export type NumberResult = { ok: true; value: number } | { ok: false; error: NumberError };

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
// Spaces used as thousands separators: no-break, narrow no-break and thin space.
const SPACES = /[\u00a0\u202f\u2009\u3000]/g;
const CURRENCY_PREFIX = /^(?:(?:CN|US|HK|NT|A|C|S|R)?[¥$€£]|(?:CNY|RMB|USD|EUR|GBP|HKD|TWD|NTD|JPY)\s?)/i;
const CURRENCY_SUFFIX = /(?:\s?(?:[¥$€£元]|CNY|RMB|USD|EUR|GBP|HKD|TWD|NTD|JPY))$/i;

function toHalfWidth(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= FULL_WIDTH_START && c <= FULL_WIDTH_END) {
      // ￥ (U+FFE5) is outside this block; the block maps one to one onto ASCII 0x21–0x7E.
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0xffe5) {
      out += '¥';
      changed = true;
    } else if (c === 0x2212) {
      out += '-'; // the typographic minus sign
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

/**
 * Reads one number as written in a spreadsheet or an export:
 *   `1,234.56` and `1.234,56` (by the chosen decimal mark), `1 234,56`, `¥1,200`, `CNY 1200`, `1200元`,
 *   `€5`, `-$5`, `$-5`, `(500)` = −500, `+3`, `12%` = 0.12, `１２３` (full-width), `1E+05`.
 * Thousands separators must group by three (`1,234,5` is refused as `grouping`, and so is `1,5` when
 * the decimal mark is `.`: it is most likely a decimal comma, which the user has to choose).
 * With `percent` false, `12%` is refused as `percent` rather than read as 0.12.
 */
export function parseNumber(raw: string, decimal: DecimalMark = '.', percent = true): NumberResult {
  let s = toHalfWidth(raw).replace(SPACES, ' ').trim();
  if (s === '') return { ok: false, error: 'empty' };
  let negative = false;
  if (s.charCodeAt(0) === 0x28 /* ( */ && s.charCodeAt(s.length - 1) === 0x29) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let signed = false;
  const takeSign = () => {
    const c = s.charCodeAt(0);
    if (c === 0x2d /* - */ || c === 0x2b /* + */) {
      if (signed || negative) return false; // "--5", "(-5)": not a number anyone writes
      signed = true;
      if (c === 0x2d) negative = true;
      s = s.slice(1).trim();
    }
    return true;
  };
  if (!takeSign()) return { ok: false, error: 'invalid' };
  const prefix = CURRENCY_PREFIX.exec(s);
  if (prefix) {
    s = s.slice(prefix[0].length).trim();
    if (!takeSign()) return { ok: false, error: 'invalid' };
  } else {
    const suffix = CURRENCY_SUFFIX.exec(s);
    if (suffix) s = s.slice(0, s.length - suffix[0].length).trim();
  }
  let isPercent = false;
  if (s.endsWith('%')) {
    if (!percent) return { ok: false, error: 'percent' };
    isPercent = true;
    s = s.slice(0, -1).trim();
  }
  const body = normaliseDigits(s, decimal);
  if (typeof body !== 'string') return { ok: false, error: body.error };
  let v = Number(body);
  if (!Number.isFinite(v)) return { ok: false, error: 'outOfRange' };
  if (isPercent) v /= 100;
  if (negative) v = -v;
  return { ok: true, value: v === 0 ? 0 : v };
}

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The digits with the decimal mark as '.', no grouping, ready for Number(); or why not. */
function normaliseDigits(s: string, decimal: DecimalMark): string | { error: NumberError } {
  if (s === '' || /[^0-9., 'eE+-]/.test(s)) return { error: 'invalid' };
  const group = decimal === '.' ? /[, ']/ : /[. ']/;
  const dec = decimal;
  let intPart = s;
  let rest = '';
  const at = s.indexOf(dec);
  if (at >= 0) {
    intPart = s.slice(0, at);
    rest = s.slice(at + 1);
    if (rest.includes(dec)) return { error: decimal === ',' ? 'grouping' : 'invalid' };
  }
  if (group.test(rest)) return { error: 'grouping' };
  if (group.test(intPart)) {
    const sep = intPart.match(group)![0];
    const parts = intPart.split(sep);
    // The first group has one to three digits, every further group exactly three.
    if (!/^\d{1,3}$/.test(parts[0])) return { error: 'grouping' };
    for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i])) return { error: 'grouping' };
    if (/[eE]/.test(rest)) return { error: 'invalid' };
    intPart = parts.join('');
  }
  const body = at >= 0 ? `${intPart}.${rest}` : intPart;
  return PLAIN.test(body) ? body : { error: 'invalid' };
}

/** Which decimal mark a column of numbers uses, from values that can only be read one way. */
export function detectDecimalMark(samples: Iterable<string>): DecimalMark | 'ambiguous' {
  let point = 0;
  let comma = 0;
  let either = 0;
  for (const raw of samples) {
    const s = toHalfWidth(raw).replace(/[^0-9.,]/g, '');
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      // Both marks: the later one is the decimal mark.
      if (lastDot > lastComma) point++;
      else comma++;
      continue;
    }
    const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (mark === '') continue;
    const first = s.indexOf(mark);
    const tail = s.length - first - 1;
    if (first !== s.lastIndexOf(mark)) {
      // Repeated: a thousands separator ("1.234.567").
      if (mark === '.') comma++;
      else point++;
    } else if (tail !== 3 || first === 0 || s.startsWith('0' + mark)) {
      // "12.5", "0,99", ".5": a decimal mark.
      if (mark === '.') point++;
      else comma++;
    } else either++; // "1,234" or "1.234"
  }
  if (point > 0 && comma === 0) return '.';
  if (comma > 0 && point === 0) return ',';
  if (point === 0 && comma === 0 && either === 0) return '.';
  return 'ambiguous';
}

/** A reusable slot for results of the range readers below, so a parse loop allocates nothing. */
export interface NumberSlot {
  value: number;
}

/**
 * A slot whose field holds a fraction from its first store, so the engine keeps it as a number field
 * and writes into it in place. A `{ value: 0 }` literal shares its hidden class with every other
 * object written that way; once one of them holds something else, each number stored in the slot is
 * boxed anew, an allocation per row.
 */
class NumberBox implements NumberSlot {
  value = 0.5;
  constructor() {
    this.value = 0;
  }
}

export function numberSlot(): NumberSlot {
  return new NumberBox();
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 2 ** 53;

/**
 * Reads the number in src[start, end) into out.value and returns null, or returns the error.
 * Plain decimals (`-12.34`, `1200`) are read from the character codes without making a substring:
 * digits as an integer m and k decimals give m / 10^k, which IEEE division rounds correctly while m
 * and 10^k are exact (m < 2^53, k ≤ 22), so the result equals Number() of the text. Anything else
 * (currency, grouping, exponent, long mantissas) goes through parseNumber, with `percent` as there.
 */
export function readNumber(src: string, start: number, end: number, decimal: DecimalMark, out: NumberSlot, percent = true): NumberError | null {
  const decCode = decimal === '.' ? 0x2e : 0x2c;
  let i = start;
  let negative = false;
  let c = i < end ? src.charCodeAt(i) : -1;
  if (c === 0x2d) {
    negative = true;
    c = ++i < end ? src.charCodeAt(i) : -1;
  }
  let m = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    c = src.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === decCode && decimals < 0) decimals = 0;
    else break;
  }
  if (i === end && digits > 0 && digits <= 15 && m < MAX_EXACT && decimals !== 0) {
    const v = decimals > 0 ? m / POW10[decimals] : m;
    out.value = negative && v !== 0 ? -v : v;
    return null;
  }
  const r = parseNumber(src.slice(start, end), decimal, percent);
  if (!r.ok) return r.error;
  out.value = r.value;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number, for previews and tests. */
export function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `yyyy-mm-dd` of a day number. */
export function formatDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= dim;
}

/** Serial 25569 is 1970-01-01 in Excel's 1900 date system. */
const EXCEL_EPOCH = 25569;
/** Serials up to 99999 (year 2173); longer digit runs are not taken for serials. */
const EXCEL_MAX_SERIAL = 99999;

/**
 * Day number of an Excel 1900-system serial. Excel counts a 29 February 1900 that never was (a bug
 * kept from Lotus 1-2-3 for compatibility): serial 60 is that day and has no real date, serials 1–59
 * are 1900-01-01 to 1900-02-28, and from 61 (1900-03-01) on every serial is one day later than its
 * count from 1899-12-31 would be. A fraction is the time of day and is dropped.
 */
export function excelSerialToDays(serial: number): number | null {
  const whole = Math.floor(serial);
  if (!(whole >= 1 && whole <= EXCEL_MAX_SERIAL) || whole === 60) return null;
  return whole < 60 ? whole - EXCEL_EPOCH + 1 : whole - EXCEL_EPOCH;
}

/** How a date was written; `dayMonth` is `a/b/yyyy` whose order the whole column decides. */
export type DateForm = 'ymd' | 'compact' | 'cjk' | 'dayMonth' | 'excelSerial';
export type DayMonthOrder = 'dmy' | 'mdy';
export type DateError = 'empty' | 'invalid' | 'noSuchDay';

/**
 * Where a range reader puts its result. For `dayMonth` forms `day` is unset and `a`, `b`, `year`
 * hold the parts, so a column can be read in one pass and its order decided at the end.
 */
export interface DateSlot {
  day: number;
  a: number;
  b: number;
  year: number;
}

export const DATE_FAIL = 0;
export const DATE_YMD = 1;
export const DATE_COMPACT = 2;
export const DATE_CJK = 3;
export const DATE_DAY_MONTH = 4;
export const DATE_EXCEL = 5;
export const DATE_FORMS: readonly (DateForm | null)[] = [null, 'ymd', 'compact', 'cjk', 'dayMonth', 'excelSerial'];

let lastDateError: DateError = 'invalid';
// The last `yyyy-mm-dd` read by the fast path, as y·10000 + m·100 + d, and its day number.
let lastYmdKey = -1;
let lastYmdDay = 0;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;

/** A time of day after a date: `8:26`, `08:26:00`, `08:26:00.000`, optional `Z`, `±hh:mm`, `AM`/`PM`. */
function isTimeTail(src: string, i: number, end: number): boolean {
  let digits = 0;
  let colons = 0;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 0x3a && digits > 0) colons++;
    else break;
  }
  if (colons === 0) return false;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (!(isDigit(c) || c === 0x3a || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x5a || c === 0x20 || c === 0x41 || c === 0x50 || c === 0x4d || c === 0x61 || c === 0x70 || c === 0x6d)) return false;
  }
  return true;
}

/**
 * Reads the date in src[start, end) into out and returns its form (DATE_*), or DATE_FAIL with the
 * reason in lastDateError. Accepted: `yyyy-mm-dd` (also `/` and `.` and one-digit parts, optionally
 * followed by a time as in `2010-12-01 08:26` or ISO `T…Z`), `yyyymmdd`, `yyyy年m月d日`, Excel serials
 * (1–5 digits, optional fraction), and `a/b/yyyy` (also `.` or `-`), whose day/month order is
 * `order` or, when null, left to the caller. Two-digit years are refused: they cannot be read safely.
 * The time and any UTC offset are dropped: a transaction's day is the calendar date as written.
 */
export function readDate(src: string, start: number, end: number, order: DayMonthOrder | null, out: DateSlot): number {
  // Fast path: exactly `yyyy-mm-dd`, the usual export format.
  if (end - start === 10 && src.charCodeAt(start + 4) === 0x2d && src.charCodeAt(start + 7) === 0x2d) {
    const y = digits4(src, start);
    const m = digits2(src, start + 5);
    const d = digits2(src, start + 8);
    if (y >= 0 && m >= 0 && d >= 0) {
      // Rows of a day usually come together: the last date read is remembered.
      const key = y * 10000 + m * 100 + d;
      if (key === lastYmdKey) {
        out.day = lastYmdDay;
        return DATE_YMD;
      }
      const form = ymd(y, m, d, DATE_YMD, out);
      if (form !== DATE_FAIL) {
        lastYmdKey = key;
        lastYmdDay = out.day;
      }
      return form;
    }
  }
  while (start < end && isSpace(src.charCodeAt(start))) start++;
  while (end > start && isSpace(src.charCodeAt(end - 1))) end--;
  if (start === end) return fail('empty');
  // Up to three runs of digits and what separates them.
  let i = start;
  digitRun(src, i, end);
  const len0 = runLen;
  const v0 = runValue;
  if (len0 === 0) return fail('invalid');
  i += len0;
  if (i === end || (src.charCodeAt(i) === 0x2e /* . */ && len0 <= 5 && allDigits(src, i + 1, end))) {
    if (len0 === 8 && i === end) return ymd(Math.floor(v0 / 10000), Math.floor(v0 / 100) % 100, v0 % 100, DATE_COMPACT, out);
    if (len0 <= 5) {
      const days = excelSerialToDays(v0);
      if (days === null) return fail(v0 === 60 ? 'noSuchDay' : 'invalid');
      out.day = days;
      return DATE_EXCEL;
    }
    return fail('invalid');
  }
  const sep = src.charCodeAt(i);
  const cjk = sep === 0x5e74; /* 年 */
  if (!(cjk || sep === 0x2d || sep === 0x2f || sep === 0x2e)) return fail('invalid');
  digitRun(src, ++i, end);
  const len1 = runLen;
  const v1 = runValue;
  if (len1 === 0 || len1 > 2) return fail('invalid');
  i += len1;
  if (i >= end) return fail('invalid');
  const sep2 = src.charCodeAt(i);
  if (cjk ? sep2 !== 0x6708 /* 月 */ : sep2 !== sep) return fail('invalid');
  digitRun(src, ++i, end);
  const len2 = runLen;
  const v2 = runValue;
  if (len2 === 0) return fail('invalid');
  i += len2;
  if (cjk && i < end && (src.charCodeAt(i) === 0x65e5 /* 日 */ || src.charCodeAt(i) === 0x53f7) /* 号 */) i++;
  if (i < end) {
    const c = src.charCodeAt(i);
    if (!(isSpace(c) || c === 0x54 /* T */) || !isTimeTail(src, i + 1, end)) return fail('invalid');
  }
  if (len0 === 4) {
    if (len2 > 2) return fail('invalid');
    return ymd(v0, v1, v2, cjk ? DATE_CJK : DATE_YMD, out);
  }
  if (cjk || len0 > 2 || len2 !== 4) return fail('invalid');
  if (order === null) {
    // Valid under at least one order, or it is no date at all.
    if (!isValidDate(v2, v1, v0) && !isValidDate(v2, v0, v1)) return fail(v0 <= 31 && v1 <= 31 ? 'noSuchDay' : 'invalid');
    out.a = v0;
    out.b = v1;
    out.year = v2;
    return DATE_DAY_MONTH;
  }
  return order === 'dmy' ? ymd(v2, v1, v0, DATE_DAY_MONTH, out) : ymd(v2, v0, v1, DATE_DAY_MONTH, out);
}

function ymd(y: number, m: number, d: number, form: number, out: DateSlot): number {
  if (m < 1 || m > 12 || d < 1 || d > 31) return fail('invalid');
  if (!isValidDate(y, m, d)) return fail('noSuchDay');
  out.day = daysFromCivil(y, m, d);
  return form;
}

function fail(e: DateError): number {
  lastDateError = e;
  return DATE_FAIL;
}

/** Why the last readDate call failed. */
export function lastDateFailure(): DateError {
  return lastDateError;
}

// The last digit run read by digitRun (module state, so the date reader allocates nothing).
let runLen = 0;
let runValue = 0;

/** Reads the digits at i: runLen (99 when there are too many for any date part) and runValue. */
function digitRun(src: string, i: number, end: number): void {
  let v = 0;
  let len = 0;
  while (i < end && len < 9) {
    const c = src.charCodeAt(i);
    if (!isDigit(c)) break;
    v = v * 10 + (c - 0x30);
    len++;
    i++;
  }
  runLen = i < end && isDigit(src.charCodeAt(i)) ? 99 : len;
  runValue = v;
}

function digits2(src: string, i: number): number {
  const a = src.charCodeAt(i) - 0x30;
  const b = src.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function digits4(src: string, i: number): number {
  const hi = digits2(src, i);
  const lo = digits2(src, i + 2);
  return hi >= 0 && lo >= 0 ? hi * 100 + lo : -1;
}

function allDigits(src: string, i: number, end: number): boolean {
  if (i >= end) return false;
  for (; i < end; i++) if (!isDigit(src.charCodeAt(i))) return false;
  return true;
}

export type DateResult =
  | { ok: true; days: number; form: DateForm }
  | { ok: true; form: 'dayMonth'; dmy: number | null; mdy: number | null }
  | { ok: false; error: DateError };

/**
 * Reads one date. With `order` null an `a/b/yyyy` date comes back with both readings (either may be
 * null when it is no valid day), and the caller decides for the whole column with detectDayMonthOrder.
 */
export function parseDate(raw: string, order: DayMonthOrder | null = null): DateResult {
  const slot: DateSlot = { day: 0, a: 0, b: 0, year: 0 };
  const form = readDate(raw, 0, raw.length, order, slot);
  if (form === DATE_FAIL) return { ok: false, error: lastDateError };
  if (form === DATE_DAY_MONTH && order === null) {
    return { ok: true, form: 'dayMonth', dmy: dayOrNull(slot.year, slot.b, slot.a), mdy: dayOrNull(slot.year, slot.a, slot.b) };
  }
  return { ok: true, days: slot.day, form: DATE_FORMS[form]! };
}

function dayOrNull(y: number, m: number, d: number): number | null {
  return isValidDate(y, m, d) ? daysFromCivil(y, m, d) : null;
}

/** Day number of `a/b/y` under an order, or null when that is no valid day. */
export function dayMonthToDays(a: number, b: number, year: number, order: DayMonthOrder): number | null {
  return order === 'dmy' ? dayOrNull(year, b, a) : dayOrNull(year, a, b);
}

/**
 * The order of a column's `a/b/yyyy` dates. A first part above 12 proves day-first, a second part
 * above 12 proves month-first; with no proof the column is `ambiguous` and the user is asked (never
 * guessed); proof both ways is a `conflict` (mixed or garbled dates), also for the user.
 */
export type DayMonthVerdict = DayMonthOrder | 'ambiguous' | 'conflict';

export function detectDayMonthOrder(dayFirstProofs: number, monthFirstProofs: number): DayMonthVerdict {
  if (dayFirstProofs > 0 && monthFirstProofs > 0) return 'conflict';
  if (dayFirstProofs > 0) return 'dmy';
  if (monthFirstProofs > 0) return 'mdy';
  return 'ambiguous';
}
