/**
 * What a column of a monthly table holds, from its header, in English, 简体 or 繁體 (traditional
 * headers are folded to simplified first, so one word list serves both): the channel, the region,
 * the month (long shape), which measure a row holds (wide shape), a measure's values, or a month
 * (wide shape: one column per month). A bracketed unit is read: "销售额（万元）" is in 万.
 */
import { normaliseHeader } from '../import/header';
import type { ActualMeasure } from '../types';
import { foldName } from './fold';
import { parseMonthLabel } from './months';

export type ColumnRole =
  | { kind: 'channel' }
  | { kind: 'region' }
  | { kind: 'month' }
  | { kind: 'measureName' }
  | { kind: 'measure'; measure: ActualMeasure; scale: number }
  | { kind: 'monthColumn'; month: string }
  | { kind: 'ignored' };

const WORDS: Record<'channel' | 'region' | 'month' | 'measureName', readonly string[]> = {
  channel: ['channel', 'saleschannel', 'channelname', '渠道', '通路', '销售渠道', '销售通路', '渠道名称', '通路名称', '店铺', '平台'],
  region: ['region', 'area', 'country', 'province', 'territory', '地区', '区域', '大区', '省份', '省', '销售区域', '市场'],
  month: ['month', 'period', 'yearmonth', 'date', '月份', '月', '年月', '期间', '日期', '月度', '统计月份'],
  measureName: ['measure', 'metric', 'item', 'kpi', '指标', '项目', '科目', '口径'],
};

const MEASURE_WORDS: Record<ActualMeasure, readonly string[]> = {
  netRevenue: ['netrevenue', 'revenue', 'sales', 'netsales', 'gmv', 'amount', 'turnover', '销售额', '净收入', '营收', '收入', '销售收入', '净销售额', '营业额', '销售金额', '实收', '金额', '业绩'],
  orders: ['orders', 'ordercount', 'numberoforders', 'transactions', '订单', '订单数', '订单量', '单量', '笔数'],
  customers: ['customers', 'buyers', 'customercount', 'activecustomers', '客户', '客户数', '顾客数', '买家数', '购买人数', '会员数'],
  units: ['units', 'qty', 'quantity', 'unitssold', 'volume', '件数', '数量', '销量', '销售数量', '件'],
  spend: ['spend', 'cost', 'marketingspend', 'adspend', 'investment', 'expense', '费用', '投入', '花费', '营销费用', '推广费', '投放', '市场费用', '广告费'],
};

const SCALES: readonly (readonly [RegExp, number])[] = [
  [/亿/, 8],
  [/千万/, 7],
  [/百万|million|\bm\b/, 6],
  [/万/, 4],
  [/千|thousand|\bk\b|'000/, 3],
];

/** The power of ten a header's unit says its values are in ("（万元）" → 4). */
function scaleOf(header: string): number {
  const unit = /[(（[【](.*?)[)）\]】]/.exec(foldName(header))?.[1] ?? '';
  for (const [re, power] of SCALES) if (re.test(unit)) return power;
  return 0;
}

/** The measure a word names (a header, or a cell of the measure column), or null. */
export function measureOfWord(text: string): ActualMeasure | null {
  const key = foldName(normaliseHeader(text));
  if (key === '') return null;
  for (const [measure, words] of Object.entries(MEASURE_WORDS) as [ActualMeasure, readonly string[]][]) if (words.includes(key)) return measure;
  return null;
}

export function roleOfHeader(header: string, options: { serials?: boolean } = {}): ColumnRole {
  const month = parseMonthLabel(header, options);
  if (month) return { kind: 'monthColumn', month };
  const key = foldName(normaliseHeader(header));
  for (const kind of ['channel', 'region', 'month', 'measureName'] as const) if (WORDS[kind].includes(key)) return { kind };
  const measure = measureOfWord(header);
  if (measure) return { kind: 'measure', measure, scale: scaleOf(header) };
  return { kind: 'ignored' };
}

/** Rows that are totals, not a channel: skipped, as finance's sheets end with one. */
export function isTotalLabel(text: string): boolean {
  return ['合计', '总计', '小计', '总和', 'total', 'subtotal', 'grandtotal', 'sum'].includes(foldName(normaliseHeader(text)));
}
