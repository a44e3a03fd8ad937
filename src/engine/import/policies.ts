/**
 * How an import treats what a transaction file holds besides plain sales: returns, cancelled and
 * refunded orders, duplicates, ragged rows, title lines above the header. Every choice is explicit,
 * has a default, and is reported (ImportReport) so the user sees what it did.
 *
 * Order statuses. Shop back offices (淘宝/天猫, 京东, 拼多多, 抖店) export one row per order with its
 * final status — 交易成功, 退款成功, 交易关闭 — and the amount the buyer paid. A refunded or closed
 * order there is not a return to subtract from an earlier sale (there is no other row for it): it is
 * an order that brought no revenue. Other systems write a return as a row of its own, usually with a
 * negative amount. So a row with a refund or cancellation status and a positive amount is read by
 * `statuses.rows`: as the outcome of the order on that row ('orderOutcome', the default: left out),
 * or as a return transaction ('returnTransaction': netted off as a negative amount). A negative
 * amount is always a return transaction.
 */
import type { DecimalMark, DayMonthOrder } from './values';

export type ReturnsPolicy = 'exclude' | 'netOff' | 'keep';

/** What an order status says about the row: a sale, a refunded order, a cancelled (or unpaid) one. */
export type StatusClass = 'sale' | 'refunded' | 'cancelled';
export const STATUS_CLASSES: readonly StatusClass[] = ['sale', 'refunded', 'cancelled'];

export interface StatusPolicy {
  /** What a refund or cancellation status on a row with a positive amount means (see above). */
  rows: 'orderOutcome' | 'returnTransaction';
  /** A status containing one of these (case-insensitive) is a refund… */
  refundWords: string[];
  /** …or a cancellation; cancellation words are checked first. */
  cancelWords: string[];
  /** Status values, as written, whose class the user set: they win over the words. */
  classes: Record<string, StatusClass>;
}

export interface ImportPolicies {
  /** The header row is the first record after `skipRows`. Default true. */
  hasHeader: boolean;
  /** Records before the header (a title line, an export date): not read. Default 0. */
  skipRows: number;
  decimalMark: DecimalMark;
  /** Order of `a/b/yyyy` dates; 'auto' decides from the whole column, and asks when it cannot. */
  dayMonthOrder: DayMonthOrder | 'auto';
  /** Plain whole numbers in the date column as Excel serials ('accept', counted in the report) or not. */
  excelSerials: 'accept' | 'reject';
  /**
   * Returns (a negative amount, an order id with the cancellation prefix, or a refund or
   * cancellation status read as a return transaction): 'exclude' drops them; 'netOff' imports them
   * as negative amounts so totals net them off; 'keep' imports every amount as written — refunded and
   * cancelled orders included.
   */
  returns: ReturnsPolicy;
  cancellation: {
    /** An order id starting with this marks a cancellation (UCI Online Retail: 'C'); null: none. */
    orderIdPrefix: string | null;
  };
  statuses: StatusPolicy;
  /** The region column holds delivery addresses: keep their province (provinceOfAddress). */
  regionFromAddress: boolean;
  /** Exact duplicate rows (same raw text): counted and kept, counted and dropped, or not looked for. */
  duplicates: 'keep' | 'drop' | 'off';
  /** Rows whose field count differs from the header: skipped, or read with missing fields empty. */
  raggedRows: 'skip' | 'pad';
  /** Row numbers kept as examples per reason. */
  maxExamples: number;
}

export const DEFAULT_REFUND_WORDS: readonly string[] = ['退款', '退货', '退貨', 'refund', 'return', 'chargeback'];

export const DEFAULT_CANCEL_WORDS: readonly string[] = [
  '交易关闭', '交易關閉', '订单关闭', '訂單關閉', '已关闭', '已關閉', '取消', '作废', '作廢',
  '等待买家付款', '等待買家付款', '待付款', '未付款', '待支付', '未支付',
  'cancel', 'closed', 'void', 'unpaid',
];

/**
 * Statuses that name a refund or a cancellation and yet mean the sale stands: a refund request that
 * was closed, refused or withdrawn.
 */
const SALE_STANDS = ['退款关闭', '退款關閉', '退款失败', '退款失敗', '拒绝退款', '拒絕退款', '取消退款', '撤销退款', '撤銷退款', 'refund rejected', 'refund declined', 'refund cancelled', 'refund canceled'];

export const DEFAULT_STATUS_POLICY: StatusPolicy = {
  rows: 'orderOutcome',
  refundWords: [...DEFAULT_REFUND_WORDS],
  cancelWords: [...DEFAULT_CANCEL_WORDS],
  classes: {},
};

export const DEFAULT_POLICIES: ImportPolicies = {
  hasHeader: true,
  skipRows: 0,
  decimalMark: '.',
  dayMonthOrder: 'auto',
  excelSerials: 'accept',
  returns: 'netOff',
  cancellation: { orderIdPrefix: null },
  statuses: DEFAULT_STATUS_POLICY,
  regionFromAddress: false,
  duplicates: 'keep',
  raggedRows: 'skip',
  maxExamples: 10,
};

const contains = (text: string, words: readonly string[]) => words.some((w) => w !== '' && text.includes(w.toLowerCase()));

/** The class of a status value as written (surrounding spaces ignored). */
export function classifyStatus(value: string, policy: StatusPolicy): StatusClass {
  const trimmed = value.trim();
  if (Object.hasOwn(policy.classes, trimmed)) return policy.classes[trimmed];
  const text = trimmed.toLowerCase();
  if (text === '' || contains(text, SALE_STANDS)) return 'sale';
  if (contains(text, policy.cancelWords)) return 'cancelled';
  if (contains(text, policy.refundWords)) return 'refunded';
  return 'sale';
}

/** Every policy written out (one object layout whatever the caller passed), defaults filled in. */
export function completePolicies(policies: Partial<ImportPolicies>): ImportPolicies {
  const d = DEFAULT_POLICIES;
  const s = policies.statuses;
  return {
    hasHeader: policies.hasHeader ?? d.hasHeader,
    skipRows: Math.max(0, Math.floor(policies.skipRows ?? d.skipRows)),
    decimalMark: policies.decimalMark ?? d.decimalMark,
    dayMonthOrder: policies.dayMonthOrder ?? d.dayMonthOrder,
    excelSerials: policies.excelSerials ?? d.excelSerials,
    returns: policies.returns ?? d.returns,
    cancellation: { orderIdPrefix: policies.cancellation?.orderIdPrefix ?? d.cancellation.orderIdPrefix },
    statuses: {
      rows: s?.rows ?? d.statuses.rows,
      refundWords: s?.refundWords ?? d.statuses.refundWords,
      cancelWords: s?.cancelWords ?? d.statuses.cancelWords,
      classes: s?.classes ?? d.statuses.classes,
    },
    regionFromAddress: policies.regionFromAddress ?? d.regionFromAddress,
    duplicates: policies.duplicates ?? d.duplicates,
    raggedRows: policies.raggedRows ?? d.raggedRows,
    maxExamples: policies.maxExamples ?? d.maxExamples,
  };
}
