/**
 * The order status column while an import reads it: few distinct values (交易成功, 退款成功, 交易关闭…),
 * so each is classified once, when it first appears, and the rows per value are counted for the
 * report, where the user sees how every status was read.
 */
import { StringDictionary } from './dictionary';
import type { StatusCount } from './importReport';
import { classifyStatus, type StatusClass, type StatusPolicy } from './policies';

/** Status classes as small integers: the import loop compares numbers, not strings. */
export const SALE = 0;
export const REFUNDED = 1;
export const CANCELLED = 2;
const CLASS_CODES: Record<StatusClass, number> = { sale: SALE, refunded: REFUNDED, cancelled: CANCELLED };
const CODE_CLASSES: readonly StatusClass[] = ['sale', 'refunded', 'cancelled'];

export class StatusTally {
  /** The distinct values; the import codes each row's trimmed status into it. */
  readonly values = new StringDictionary();
  /** Per value code: its class, filled as codes appear. */
  readonly #classes: number[] = [];
  /** Per value code: rows that had it. */
  readonly #rows: number[] = [];
  readonly #policy: StatusPolicy;

  constructor(policy: StatusPolicy) {
    this.#policy = policy;
  }

  /** The class (SALE, REFUNDED, CANCELLED) of the value with code `code`; counts the row. */
  classOf(code: number): number {
    while (code >= this.#classes.length) {
      this.#classes.push(CLASS_CODES[classifyStatus(this.values.values[this.#classes.length], this.#policy)]);
      this.#rows.push(0);
    }
    this.#rows[code]++;
    return this.#classes[code];
  }

  /** Every value seen, with its class and row count, in order of first appearance. */
  counts(): StatusCount[] {
    return this.values.values.map((value, code): StatusCount => ({ value, class: CODE_CLASSES[this.#classes[code]], rows: this.#rows[code] }));
  }
}
