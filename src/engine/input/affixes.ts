/**
 * Words and signs around a number: scale suffixes (万, 亿, k, M …) and currency marks (¥, US$, RMB,
 * 元 …). Tables, not code, so that adding one is one line.
 */

/** Power of ten of each scale suffix. 千万 and 百万 are how Chinese budgets are spoken. */
export const SCALE_SUFFIXES: Readonly<Record<string, number>> = {
  百: 2,
  千: 3,
  万: 4,
  萬: 4,
  十万: 5,
  十萬: 5,
  百万: 6,
  百萬: 6,
  千万: 7,
  千萬: 7,
  亿: 8,
  億: 8,
  十亿: 9,
  十億: 9,
  百亿: 10,
  百億: 10,
  千亿: 11,
  千億: 11,
  万亿: 12,
  萬億: 12,
  k: 3,
  K: 3,
  // "20w" is how 20万 is typed in a hurry in Chinese chat and sheets.
  w: 4,
  W: 4,
  m: 6,
  M: 6,
  mn: 6,
  mm: 6,
  // B and T as English compact notation writes billions and trillions ("¥1.2B").
  b: 9,
  B: 9,
  bn: 9,
  T: 12,
};

const DOLLARS = ['USD', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'NZD', 'MOP', 'MXN'];

/**
 * Currency marks and the plan currencies each may stand for. A bare 3-letter ISO code stands for
 * itself and is handled apart. ¥ is both the yuan and the yen; 元 is the unit word of the yuan, the
 * Hong Kong and the New Taiwan dollar.
 */
export const CURRENCY_MARKS: Readonly<Record<string, readonly string[]>> = {
  '¥': ['CNY', 'JPY'],
  '￥': ['CNY', 'JPY'],
  'CN¥': ['CNY'],
  'JP¥': ['JPY'],
  RMB: ['CNY'],
  人民币: ['CNY'],
  人民幣: ['CNY'],
  元: ['CNY', 'HKD', 'TWD', 'MOP', 'SGD'],
  块: ['CNY'],
  美元: ['USD'],
  港元: ['HKD'],
  港币: ['HKD'],
  港幣: ['HKD'],
  新台币: ['TWD'],
  新台幣: ['TWD'],
  日元: ['JPY'],
  日圓: ['JPY'],
  欧元: ['EUR'],
  歐元: ['EUR'],
  英镑: ['GBP'],
  英鎊: ['GBP'],
  $: DOLLARS,
  'US$': ['USD'],
  'HK$': ['HKD'],
  'NT$': ['TWD'],
  'A$': ['AUD'],
  'S$': ['SGD'],
  '€': ['EUR'],
  '£': ['GBP'],
};

function escape(s: string): string {
  return s.replace(/[$]/g, '\\$');
}

/** Longest first, so that "CN¥" is not read as "CN" + "¥". */
function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
}

export const SCALE_PATTERN = alternation(Object.keys(SCALE_SUFFIXES));
export const CURRENCY_PATTERN = `${alternation(Object.keys(CURRENCY_MARKS))}|[A-Z]{3}`;

/** The currencies a mark may stand for (an ISO code stands for itself). */
export function currenciesOf(mark: string): readonly string[] {
  return CURRENCY_MARKS[mark] ?? [mark];
}
