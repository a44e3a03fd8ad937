/**
 * Turns parsed CSV records into typed-array columns of transactions, with a report of every row that
 * was not imported and why. Text columns are dictionary-encoded (Int32Array codes + a string table),
 * dates are Int32Array day numbers since 1970-01-01, amounts and quantities Float64Array.
 * The builder is a CsvSink: numbers and dates are read from the parser's text ranges directly.
 * What it does with returns, statuses, duplicates and title lines is set by ImportPolicies.
 */

import { CsvParser, CsvRecord, FIELD_ESCAPED, fieldText, recordFields, type CsvSink } from './csv';
import { DayMonthEvidence, packDayMonth, PENDING } from './dayMonth';
import { detach, RowFingerprints, StringDictionary } from './dictionary';
import { emptyReport, type ImportReport, type RowCount, type SkipReason } from './importReport';
import { completePolicies, type ImportPolicies } from './policies';
import { provinceOfAddress } from './province';
import { CANCELLED, SALE, StatusTally } from './statusTally';
import type { CodedColumn, ColumnMapping, TransactionColumns, TransactionImport } from './transactions';
import {
  DATE_DAY_MONTH,
  DATE_EXCEL,
  DATE_FAIL,
  DATE_FORMS,
  numberSlot,
  readDate,
  readNumber,
  type DateSlot,
  type NumberSlot,
} from './values';

export type { DayMonthQuestion, ImportReport, RowCount, SkipReason, StatusCount } from './importReport';
export type { CodedColumn, ColumnMapping, TransactionColumns, TransactionImport } from './transactions';
export { DEFAULT_POLICIES, type ImportPolicies, type ReturnsPolicy, type StatusClass, type StatusPolicy } from './policies';

type TextField = 'orderId' | 'channel' | 'region' | 'product';

const isBlank = (c: number) => c === 0x20 || c === 0x09;

export class TransactionColumnBuilder implements CsvSink {
  // Column indices, −1 for a field not mapped. Held as plain numbers rather than the caller's
  // mapping object, and every column below always a typed array, so the builder's layout is the
  // same for every file (see warmObjects).
  readonly #customerAt: number;
  readonly #dateAt: number;
  /** The amount column, or the unit price column when amount = quantity × unit price. */
  readonly #amountAt: number;
  readonly #amountIsUnitPrice: boolean;
  readonly #quantityAt: number;
  readonly #orderIdAt: number;
  readonly #channelAt: number;
  readonly #regionAt: number;
  readonly #productAt: number;
  readonly #statusAt: number;
  readonly #policy: ImportPolicies;
  #header: string[] | null = null;
  #expected = -1;
  /** Records still to pass before the header (title lines). */
  #above: number;

  #length = 0;
  #capacity = 0;
  #customer = new Int32Array(0);
  #date = new Int32Array(0);
  #amount = new Float64Array(0);
  #quantity = new Float64Array(0);
  #orderIdCol = new Int32Array(0);
  #channelCol = new Int32Array(0);
  #regionCol = new Int32Array(0);
  #productCol = new Int32Array(0);
  readonly #dicts = {
    customer: new StringDictionary(),
    orderId: new StringDictionary(),
    channel: new StringDictionary(),
    region: new StringDictionary(),
    product: new StringDictionary(),
  };
  readonly #statuses: StatusTally;
  readonly #fingerprints = new RowFingerprints();
  readonly #checkDuplicates: boolean;

  readonly #num: NumberSlot = numberSlot();
  readonly #day: DateSlot = { day: 0, a: 0, b: 0, year: 0 };
  readonly #dayMonth: DayMonthEvidence;
  /** Rows imported per date form (DATE_*), added to the report at the end. */
  readonly #formCounts = new Float64Array(DATE_FORMS.length);

  readonly #report: ImportReport;

  /**
   * `expectedRows` sizes the columns up front (e.g. file size ÷ average row length of a preview),
   * saving the copies of growing by doubling; they still grow if it was too small.
   */
  constructor(mapping: ColumnMapping, policies: Partial<ImportPolicies> = {}, expectedRows = 1024) {
    const at = (i: number | undefined) => (i === undefined ? -1 : i);
    this.#customerAt = mapping.customer;
    this.#dateAt = mapping.date;
    this.#amountAt = mapping.amount ?? at(mapping.unitPrice);
    this.#amountIsUnitPrice = mapping.amount === undefined;
    this.#quantityAt = at(mapping.quantity);
    this.#orderIdAt = at(mapping.orderId);
    this.#channelAt = at(mapping.channel);
    this.#regionAt = at(mapping.region);
    this.#productAt = at(mapping.product);
    this.#statusAt = at(mapping.status);
    this.#policy = completePolicies(policies);
    if (mapping.amount === undefined && (mapping.unitPrice === undefined || mapping.quantity === undefined)) {
      throw new RangeError('mapping needs amount, or unitPrice and quantity');
    }
    this.#above = this.#policy.skipRows;
    this.#checkDuplicates = this.#policy.duplicates !== 'off';
    this.#report = emptyReport(this.#policy);
    this.#dayMonth = new DayMonthEvidence(this.#policy.maxExamples);
    this.#statuses = new StatusTally(this.#policy.statuses);
    if (this.#statusAt >= 0) this.#report.statusRows = this.#policy.statuses.rows;
    this.#grow(Math.max(16, Math.min(expectedRows, 1 << 27)));
  }

  /** Data records read so far (for progress). */
  get rowsRead(): number {
    return this.#report.rowsRead;
  }

  record(r: CsvRecord): void {
    if (this.#header === null) {
      if (this.#above > 0) {
        this.#above--;
        this.#report.rowsAboveHeader++;
        return;
      }
      this.#header = this.#policy.hasHeader ? recordFields(r).map(detach) : [];
      this.#report.header = this.#header;
      this.#expected = r.count;
      if (this.#policy.hasHeader) return;
    }
    const report = this.#report;
    const policy = this.#policy;
    const row = r.row;
    report.rowsRead++;

    if (r.count !== this.#expected) {
      this.#count(report.ragged, row);
      if (policy.raggedRows === 'skip') return this.#skip('raggedRow', row);
    }
    const src = r.src;
    const starts = r.starts;
    const ends = r.ends;

    // Customer: required.
    const ci = this.#customerAt;
    let cs = ci < r.count ? starts[ci] : 0;
    let ce = ci < r.count ? ends[ci] : 0;
    while (cs < ce && isBlank(src.charCodeAt(cs))) cs++;
    while (ce > cs && isBlank(src.charCodeAt(ce - 1))) ce--;
    if (cs === ce) return this.#skip('missingCustomer', row);

    // Date.
    const di = this.#dateAt;
    let day: number;
    if (di >= r.count) return this.#skip('badDate', row);
    const order = policy.dayMonthOrder === 'auto' ? null : policy.dayMonthOrder;
    const form = readDate(src, starts[di], ends[di], order, this.#day);
    if (form === DATE_FAIL || (form === DATE_EXCEL && policy.excelSerials === 'reject')) return this.#skip('badDate', row);
    if (form === DATE_DAY_MONTH && order === null) {
      const { a, b, year } = this.#day;
      day = packDayMonth(a, b, year);
    } else day = this.#day.day;

    // Quantity and amount: a percentage is no amount ("12%" is refused, never read as 0.12).
    let quantity = 0;
    const qi = this.#quantityAt;
    if (qi >= 0) {
      if (qi >= r.count || readNumber(src, starts[qi], ends[qi], policy.decimalMark, this.#num, false) !== null) return this.#skip('badQuantity', row);
      quantity = this.#num.value;
    }
    let amount: number;
    const ai = this.#amountAt;
    if (ai >= r.count) return this.#skip('badAmount', row);
    const amountError = readNumber(src, starts[ai], ends[ai], policy.decimalMark, this.#num, false);
    if (amountError !== null) return this.#skip(amountError === 'percent' ? 'percentAmount' : 'badAmount', row);
    amount = this.#amountIsUnitPrice ? this.#num.value * quantity : this.#num.value;
    if (!Number.isFinite(amount)) return this.#skip('badAmount', row);

    // Refunds, cancellations and returns (see policies.ts for what each combination means).
    const status = this.#statusOf(r);
    const prefixed = this.#hasCancelPrefix(r);
    const outcome = status !== SALE && amount >= 0 && !prefixed && policy.statuses.rows === 'orderOutcome';
    if (outcome && policy.returns !== 'keep') return this.#skip(status === CANCELLED ? 'orderCancelled' : 'orderRefunded', row);
    const marked = prefixed || (status !== SALE && !outcome);
    const isReturn = marked || amount < 0;
    if (isReturn && policy.returns === 'exclude') {
      this.#countReturn(row, amount, marked);
      return this.#skip('returnExcluded', row);
    }

    if (this.#checkDuplicates && this.#fingerprints.seen(src, r.start, r.end)) {
      this.#count(report.duplicates, row);
      if (policy.duplicates === 'drop') return this.#skip('duplicate', row);
    }
    if (isReturn) {
      this.#countReturn(row, amount, marked);
      if (marked && amount > 0 && policy.returns === 'netOff') amount = -amount;
    }

    // Commit the row.
    const i = this.#length;
    if (i === this.#capacity) this.#grow(this.#capacity * 2);
    this.#customer[i] = this.#code(this.#dicts.customer, r, ci);
    this.#date[i] = day;
    this.#formCounts[form]++;
    if (day >= PENDING) this.#dayMonth.note(day, r, di);
    this.#amount[i] = amount === 0 ? 0 : amount;
    if (qi >= 0) this.#quantity[i] = quantity === 0 ? 0 : quantity;
    // Unrolled: a loop over field names would make every access a keyed lookup.
    if (this.#orderIdAt >= 0) this.#orderIdCol[i] = this.#code(this.#dicts.orderId, r, this.#orderIdAt);
    if (this.#channelAt >= 0) this.#channelCol[i] = this.#code(this.#dicts.channel, r, this.#channelAt);
    if (this.#regionAt >= 0) this.#regionCol[i] = policy.regionFromAddress ? this.#province(r) : this.#code(this.#dicts.region, r, this.#regionAt);
    if (this.#productAt >= 0) this.#productCol[i] = this.#code(this.#dicts.product, r, this.#productAt);
    this.#length = i + 1;
    report.rowsImported++;
  }

  /**
   * A parser and a builder that have read one tiny file, held as long as the class. Optimised code
   * depends on the hidden classes of these objects and of the values their fields held, and V8 keeps
   * a hidden class only while some object has it. Without a live pair, an import that follows a full
   * garbage collection recompiles the parse loop, and the rounds add up: measured, the twelfth import
   * of a file, after a collection each time, took 2.3 times as long as the second; with the pair
   * kept, as long.
   */
  static warmObjects: readonly object[] = [];

  /** The columns and the report; call once, after the parser finished. */
  finish(): TransactionImport {
    const n = this.#length;
    const report = this.#report;
    const coded = (at: number, col: Int32Array, f: TextField): CodedColumn | null =>
      at < 0 ? null : { codes: col.slice(0, n), values: this.#dicts[f].values };
    const columns: TransactionColumns = {
      length: n,
      customer: { codes: this.#customer.slice(0, n), values: this.#dicts.customer.values },
      date: this.#date.slice(0, n),
      amount: this.#amount.slice(0, n),
      quantity: this.#quantityAt < 0 ? null : this.#quantity.slice(0, n),
      orderId: coded(this.#orderIdAt, this.#orderIdCol, 'orderId'),
      channel: coded(this.#channelAt, this.#channelCol, 'channel'),
      region: coded(this.#regionAt, this.#regionCol, 'region'),
      product: coded(this.#productAt, this.#productCol, 'product'),
    };
    report.statuses = this.#statuses.counts();
    const forms = report.dates.forms;
    for (let f = 0; f < DATE_FORMS.length; f++) {
      const name = DATE_FORMS[f];
      if (name !== null) forms[name] += this.#formCounts[f];
    }
    const question = this.#dayMonth.settle(columns, report, this.#policy.dayMonthOrder);
    return { columns, report, question };
  }

  #grow(capacity: number): void {
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.#customer = grow32(this.#customer);
    this.#date = grow32(this.#date);
    this.#amount = grow64(this.#amount);
    if (this.#quantityAt >= 0) this.#quantity = grow64(this.#quantity);
    if (this.#orderIdAt >= 0) this.#orderIdCol = grow32(this.#orderIdCol);
    if (this.#channelAt >= 0) this.#channelCol = grow32(this.#channelCol);
    if (this.#regionAt >= 0) this.#regionCol = grow32(this.#regionCol);
    if (this.#productAt >= 0) this.#productCol = grow32(this.#productCol);
    this.#capacity = capacity;
  }

  /** The dictionary code of field i, surrounding spaces trimmed; a missing field is ''. */
  #code(dict: StringDictionary, r: CsvRecord, field: number): number {
    if (field >= r.count) return dict.codeOfRange('', 0, 0);
    const src = r.src;
    let start = r.starts[field];
    let end = r.ends[field];
    while (start < end && isBlank(src.charCodeAt(start))) start++;
    while (end > start && isBlank(src.charCodeAt(end - 1))) end--;
    return r.kinds[field] === FIELD_ESCAPED ? dict.codeOfEscapedRange(src, start, end) : dict.codeOfRange(src, start, end);
  }

  /** The region code of the province the row's address starts with. */
  #province(r: CsvRecord): number {
    return this.#dicts.region.codeOf(provinceOfAddress(fieldText(r, this.#regionAt)));
  }

  #hasCancelPrefix(r: CsvRecord): boolean {
    const { orderIdPrefix } = this.#policy.cancellation;
    const oi = this.#orderIdAt;
    if (!orderIdPrefix || oi < 0 || oi >= r.count) return false;
    let s = r.starts[oi];
    const e = r.ends[oi];
    while (s < e && isBlank(r.src.charCodeAt(s))) s++;
    return e - s >= orderIdPrefix.length && r.src.startsWith(orderIdPrefix, s);
  }

  /** The class of the row's status (SALE without a status column); counts the value. */
  #statusOf(r: CsvRecord): number {
    const si = this.#statusAt;
    return si < 0 ? SALE : this.#statuses.classOf(this.#code(this.#statuses.values, r, si));
  }

  #countReturn(row: number, amount: number, marked: boolean): void {
    const returns = this.#report.returns;
    this.#count(returns, row);
    if (amount < 0) returns.negativeAmount++;
    if (marked) returns.marked++;
  }

  #count(c: RowCount, row: number): void {
    c.count++;
    if (c.rows.length < this.#policy.maxExamples) c.rows.push(row);
  }

  #skip(reason: SkipReason, row: number): void {
    this.#count(this.#report.skipped[reason], row);
  }
}

TransactionColumnBuilder.warmObjects = warmUp();

/** Reads one tiny file with every field mapped (see TransactionColumnBuilder.warmObjects). */
function warmUp(): object[] {
  const builder = new TransactionColumnBuilder({ customer: 0, date: 1, amount: 2, quantity: 3, orderId: 4, channel: 5, region: 6, product: 7, status: 8 }, {}, 16);
  const parser = new CsvParser(builder);
  parser.push('c,d,a,q,o,ch,r,p,s\nA,2024-01-05,1.5,2,O1,"x ""y""",r,"p",ok\n');
  parser.finish();
  builder.finish();
  return [parser, builder];
}
