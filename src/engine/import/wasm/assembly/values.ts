/**
 * The byte twins of values.ts' range readers, for the forms the fast import takes: each either reads
 * a value exactly as readDate / readNumber would, or refuses (−1 / false), and the import then goes
 * to the JS path, which reads every form and words every error. Refusing is always allowed; reading
 * a value the JS readers would read otherwise, never.
 */

export const DATE_NONE = 0;
export const DATE_YMD = 1;
export const DATE_COMPACT = 2;

/** The day number and form (DATE_*) of the last readDate that did not refuse. */
export let dateDay: i32 = 0;
export let dateForm: i32 = DATE_NONE;
// The last `yyyy-mm-dd` read, as y·10000 + m·100 + d, and its day: rows of a day come together.
let lastKey: i32 = -1;
let lastDay: i32 = 0;

@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

@inline
function digit(p: usize): u32 {
  return <u32>load<u8>(p) - 0x30;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil, with floored division as in values.ts). */
function daysFromCivil(y: i32, m: i32, d: i32): i32 {
  y -= m <= 2 ? 1 : 0;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

function validDate(y: i32, m: i32, d: i32): bool {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const dim = m == 2 ? (leap ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  return d <= dim;
}

function ymd(y: i32, m: i32, d: i32, form: i32): bool {
  if (!validDate(y, m, d)) return false;
  dateDay = daysFromCivil(y, m, d);
  dateForm = form;
  return true;
}

// The last digit run (values.ts' digitRun): its length (99 past nine digits) and value.
let runLen: i32 = 0;
let runValue: i32 = 0;

function digitRun(p: usize, end: usize): void {
  let v = 0;
  let len = 0;
  while (p < end && len < 9) {
    const c = <u32>load<u8>(p);
    if (!isDigit(c)) break;
    v = v * 10 + <i32>(c - 0x30);
    len++;
    p++;
  }
  runLen = p < end && isDigit(<u32>load<u8>(p)) ? 99 : len;
  runValue = v;
}

/** values.ts' isTimeTail over ASCII bytes (anything else refuses). */
function isTimeTail(p: usize, end: usize): bool {
  let digits = 0;
  let colons = 0;
  for (; p < end; p++) {
    const c = <u32>load<u8>(p);
    if (isDigit(c)) digits++;
    else if (c == 0x3a && digits > 0) colons++;
    else break;
  }
  if (colons == 0) return false;
  for (; p < end; p++) {
    const c = <u32>load<u8>(p);
    if (!(isDigit(c) || c == 0x3a || c == 0x2e || c == 0x2b || c == 0x2d || c == 0x5a || c == 0x20 || c == 0x41 || c == 0x50 || c == 0x4d || c == 0x61 || c == 0x70 || c == 0x6d)) return false;
  }
  return true;
}

/**
 * Reads `yyyy-mm-dd` (also `/` or `.`, one-digit month and day, a time after a space or `T`) and
 * `yyyymmdd` into dateDay / dateForm; false for anything else (blanks around it, Excel serials,
 * `a/b/yyyy`, 年月日, no such day), which the JS reader decides.
 */
export function readDate(p: usize, end: usize): bool {
  const len = end - p;
  if (len == 10 && load<u8>(p + 4) == 0x2d && load<u8>(p + 7) == 0x2d) {
    const y0 = digit(p), y1 = digit(p + 1), y2 = digit(p + 2), y3 = digit(p + 3);
    const m0 = digit(p + 5), m1 = digit(p + 6), d0 = digit(p + 8), d1 = digit(p + 9);
    if (y0 < 10 && y1 < 10 && y2 < 10 && y3 < 10 && m0 < 10 && m1 < 10 && d0 < 10 && d1 < 10) {
      const y = <i32>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
      const m = <i32>(m0 * 10 + m1);
      const d = <i32>(d0 * 10 + d1);
      const key = y * 10000 + m * 100 + d;
      if (key == lastKey) {
        dateDay = lastDay;
        dateForm = DATE_YMD;
        return true;
      }
      if (!ymd(y, m, d, DATE_YMD)) return false;
      lastKey = key;
      lastDay = dateDay;
      return true;
    }
  }
  if (len == 0 || !isDigit(<u32>load<u8>(p))) return false;
  let i = p;
  digitRun(i, end);
  const len0 = runLen;
  const v0 = runValue;
  if (len0 > 9) return false;
  i += <usize>len0;
  if (i == end) return len0 == 8 && ymd(v0 / 10000, (v0 / 100) % 100, v0 % 100, DATE_COMPACT);
  const sep = <u32>load<u8>(i);
  if (len0 != 4 || !(sep == 0x2d || sep == 0x2f || sep == 0x2e)) return false;
  digitRun(++i, end);
  const len1 = runLen;
  const v1 = runValue;
  if (len1 == 0 || len1 > 2) return false;
  i += <usize>len1;
  if (i >= end || <u32>load<u8>(i) != sep) return false;
  digitRun(++i, end);
  const len2 = runLen;
  const v2 = runValue;
  if (len2 == 0 || len2 > 2) return false;
  i += <usize>len2;
  if (i < end) {
    const c = <u32>load<u8>(i);
    if (!(c == 0x20 || c == 0x09 || c == 0x54) || !isTimeTail(i + 1, end)) return false;
  }
  return ymd(v0, v1, v2, DATE_YMD);
}

/** The amount of the last readAmount that did not refuse. */
export let amountValue: f64 = 0;

const MAX_EXACT: f64 = 9007199254740992;

/**
 * readNumber's own fast path: `-12.34`, `1200` read as m / 10^k, which IEEE division rounds
 * correctly while m and 10^k are exact; false for anything readNumber hands to parseNumber.
 */
export function readAmount(p: usize, end: usize, decimalCode: u32): bool {
  let i = p;
  let negative = false;
  if (i < end && <u32>load<u8>(i) == 0x2d) {
    negative = true;
    i++;
  }
  let m: f64 = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = <u32>load<u8>(i);
    if (isDigit(c)) {
      m = m * 10 + <f64>(c - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c == decimalCode && decimals < 0) decimals = 0;
    else break;
  }
  if (i != end || digits == 0 || digits > 15 || m >= MAX_EXACT || decimals == 0) return false;
  const v = decimals > 0 ? m / pow10(decimals) : m;
  amountValue = negative && v != 0 ? -v : v;
  return true;
}

function pow10(k: i32): f64 {
  let v: f64 = 1;
  for (let j = 0; j < k; j++) v *= 10;
  return v;
}
