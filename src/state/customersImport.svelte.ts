/**
 * One import of a transaction file, from the first preview to the stored data set: what the import
 * dialog shows (preview, header layout, column mapping, rules, progress, the day/month question,
 * the outcome) and what the user changes. The file is read and stored in the customers worker.
 */
import type { DayMonthQuestion } from '../engine/import/importReport';
import type { ColumnMapping } from '../engine/import/transactions';
import type { Delimiter } from '../engine/import/csv';
import type { ImportFailureCode } from '../engine/import/failure';
import type { MappedField } from '../engine/import/header';
import type { HeaderLayout } from '../engine/import/layout';
import { classifyStatus, DEFAULT_POLICIES, DEFAULT_STATUS_POLICY, type ImportPolicies, type ReturnsPolicy, type StatusClass, type StatusPolicy } from '../engine/import/policies';
import { describePreview, type FilePreview, type PreviewOverrides, type PreviewView } from '../engine/import/preview';
import type { DayMonthOrder, DecimalMark } from '../engine/import/values';
import type { DatasetMeta } from '../persistence/datasets';
import { importFile, previewFile } from '../workers/customersClient';
import { LatestRunner, STALE } from '../workers/latest';
import type { ImportOutcome, ImportProgress } from '../workers/customersTypes';
import { customersErrorText } from './customersTask.svelte';

export type { FilePreview, PreviewView } from '../engine/import/preview';
export type { ImportOutcome, ImportProgress } from '../workers/customersTypes';

export const FIELDS: readonly MappedField[] = ['customer', 'date', 'amount', 'unitPrice', 'quantity', 'orderId', 'channel', 'region', 'product', 'status'];
const OPTIONAL: readonly MappedField[] = ['orderId', 'channel', 'region', 'product', 'status'];
/** Files the import reads: text, workbooks, and either compressed (.gz) or in a .zip. */
export const ACCEPTED_FILES = /\.(csv|tsv|txt|dat|xlsx|gz|zip)$/i;
export const ACCEPT_ATTRIBUTE = '.csv,.tsv,.txt,.dat,.xlsx,.gz,.zip';

export type Failure = Extract<ImportOutcome, { kind: 'failed' }> | { kind: 'failed'; code: 'other'; message: string };

export type Stage =
  | { kind: 'setup' }
  | { kind: 'importing' }
  | { kind: 'question'; question: DayMonthQuestion }
  | { kind: 'done'; dataset: DatasetMeta }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'cancelled' };

type Mapping = Partial<Record<MappedField, number>>;

/** A status value of the file with its count in the preview and the class it will get. */
export interface StatusChoice {
  value: string;
  count: number;
  class: StatusClass;
  /** The user chose the class (else it follows the words). */
  chosen: boolean;
}

export class ImportSession {
  readonly file: File;
  readonly planId: string;
  stage = $state.raw<Stage>({ kind: 'setup' });

  preview = $state.raw<FilePreview | null>(null);
  previewing = $state(false);
  previewFailure = $state.raw<{ code: ImportFailureCode; names?: string[] } | { code: 'other'; message: string } | null>(null);
  layout = $state<HeaderLayout>({ skipRows: 0, hasHeader: true });
  /** The header, sample rows and guess for the current layout. */
  readonly view: PreviewView | null = $derived(this.preview ? describePreview(this.preview, this.layout) : null);

  mapping = $state<Mapping>({});
  amountMode = $state<'column' | 'quantityTimesUnitPrice'>('column');

  name = $state('');
  returns = $state<ReturnsPolicy>(DEFAULT_POLICIES.returns);
  duplicates = $state<ImportPolicies['duplicates']>(DEFAULT_POLICIES.duplicates);
  cancelPrefix = $state('');
  statusRows = $state<StatusPolicy['rows']>(DEFAULT_STATUS_POLICY.rows);
  /** Classes the user set per status value. */
  statusClasses = $state<Record<string, StatusClass>>({});
  decimalMark = $state<DecimalMark>(DEFAULT_POLICIES.decimalMark);
  raggedRows = $state<ImportPolicies['raggedRows']>(DEFAULT_POLICIES.raggedRows);
  excelSerials = $state<ImportPolicies['excelSerials']>(DEFAULT_POLICIES.excelSerials);
  regionFromAddress = $state(false);

  progress = $state.raw<ImportProgress>({ bytesRead: 0, totalBytes: 0, rows: 0, phase: 'reading' });

  /** The latest preview wins: choosing another encoding twice quickly shows the second. */
  #previews = new LatestRunner((overrides: PreviewOverrides) => previewFile(this.file, overrides));
  #first = true;
  #controller: AbortController | null = null;

  constructor(file: File, planId: string) {
    this.file = file;
    this.planId = planId;
    this.name = file.name.replace(/(\.(csv|tsv|txt|dat|xlsx))?(\.(gz|zip))?$/i, '') || file.name;
    this.progress = { bytesRead: 0, totalBytes: file.size, rows: 0, phase: 'reading' };
  }

  /** Reads the first rows (again, with another encoding, delimiter or sheet); the mapping starts from the detection. */
  async loadPreview(overrides: PreviewOverrides = {}): Promise<void> {
    this.previewing = true;
    this.previewFailure = null;
    let outcome: Awaited<ReturnType<typeof previewFile>> | typeof STALE;
    try {
      outcome = await this.#previews.submit(overrides);
    } catch (e) {
      this.previewFailure = { code: 'other', message: customersErrorText(e) };
      this.previewing = false;
      return;
    }
    if (outcome === STALE) return;
    this.previewing = false;
    if (outcome.kind === 'failed') {
      this.previewFailure = outcome.names ? { code: outcome.code, names: outcome.names } : { code: outcome.code };
      return;
    }
    const p = outcome.preview;
    this.preview = p;
    this.layout = { ...p.layout };
    this.#detect();
    const view = this.view;
    if (this.#first && view && view.decimalMark !== 'ambiguous') this.decimalMark = view.decimalMark;
    this.#first = false;
  }

  /** Moves the header (title lines above it, or no header at all); the mapping starts again from the detection. */
  setLayout(layout: Partial<HeaderLayout>): void {
    const max = Math.max(0, (this.preview?.rows.length ?? 1) - 1);
    const skipRows = Math.min(max, Math.max(0, Math.floor(layout.skipRows ?? this.layout.skipRows)));
    this.layout = { skipRows, hasHeader: layout.hasHeader ?? this.layout.hasHeader };
    this.#detect();
  }

  /** The mapping, amount mode and suggestions of the detection for the current layout. */
  #detect(): void {
    const view = this.view;
    if (!view) return;
    const out: Mapping = {};
    for (const f of FIELDS) {
      const c = view.guess.mapping[f];
      if (c !== undefined && c >= 0 && c < view.headers.length) out[f] = c;
    }
    this.mapping = out;
    this.amountMode = out.amount === undefined && out.unitPrice !== undefined ? 'quantityTimesUnitPrice' : 'column';
    this.regionFromAddress = view.guess.regionIsAddress;
    // A layout known to mark cancellations by order id (UCI's 'C…'), unless the user typed a prefix.
    if (view.guess.suggestedCancellationPrefix && this.cancelPrefix.trim() === '') this.cancelPrefix = view.guess.suggestedCancellationPrefix;
  }

  setField(field: MappedField, value: string): void {
    const column = Number(value);
    const next = { ...this.mapping };
    if (value === '' || !Number.isInteger(column) || column < 0) delete next[field];
    else next[field] = column;
    this.mapping = next;
    if (field === 'region') this.regionFromAddress = next.region !== undefined && /地址|address/i.test(this.view?.headers[next.region] ?? '');
  }

  readonly shownFields: readonly MappedField[] = $derived(FIELDS.filter((f) => (this.amountMode === 'column' ? f !== 'unitPrice' : f !== 'amount')));

  isRequired(f: MappedField): boolean {
    return f === 'customer' || f === 'date' || (this.amountMode === 'column' ? f === 'amount' : f === 'unitPrice' || f === 'quantity');
  }

  /** The mapping as the importer takes it, or null while a required field is missing. */
  readonly finalMapping: ColumnMapping | null = $derived.by(() => {
    const m = this.mapping;
    if (m.customer === undefined || m.date === undefined) return null;
    const out: ColumnMapping = { customer: m.customer, date: m.date };
    if (this.amountMode === 'column') {
      if (m.amount === undefined) return null;
      out.amount = m.amount;
    } else {
      if (m.unitPrice === undefined || m.quantity === undefined) return null;
      out.unitPrice = m.unitPrice;
    }
    if (m.quantity !== undefined) out.quantity = m.quantity;
    for (const f of OPTIONAL) if (m[f] !== undefined) out[f] = m[f];
    return out;
  });

  /** Columns given to two fields: almost always a slip. */
  readonly doubled: [number, MappedField[]][] = $derived.by(() => {
    const out: [number, MappedField[]][] = [];
    for (const f of this.shownFields) {
      const c = this.mapping[f];
      if (c === undefined) continue;
      const entry = out.find(([column]) => column === c);
      if (entry) entry[1].push(f);
      else out.push([c, [f]]);
    }
    return out.filter(([, fs]) => fs.length > 1);
  });

  fieldOfColumn(column: number): MappedField | undefined {
    return this.shownFields.find((f) => this.mapping[f] === column);
  }

  /** 'auto' for a confident detection the user kept, 'check' for a weak one, null otherwise. */
  confidenceNote(f: MappedField): 'auto' | 'check' | null {
    const guess = this.view?.guess;
    const c = guess?.confidence[f];
    if (c === undefined || this.mapping[f] === undefined || guess?.mapping[f] !== this.mapping[f]) return null;
    return c >= 0.9 ? 'auto' : 'check';
  }

  #statusPolicy(): StatusPolicy {
    return { ...DEFAULT_STATUS_POLICY, rows: this.statusRows, classes: { ...this.statusClasses } };
  }

  /** The values of the mapped status column in the preview, each with the class it will get. */
  readonly statusChoices: StatusChoice[] = $derived.by(() => {
    const column = this.mapping.status;
    if (column === undefined || !this.preview) return [];
    const values = this.preview.values[column] ?? [];
    const policy = this.#statusPolicy();
    return values
      .filter((v) => v.value !== '')
      .map((v) => ({ value: v.value, count: v.count, class: classifyStatus(v.value, policy), chosen: Object.hasOwn(this.statusClasses, v.value) }));
  });

  /** The status column has more distinct values than the preview lists. */
  readonly statusValuesTooMany: boolean = $derived(this.mapping.status !== undefined && this.preview !== null && this.preview.values[this.mapping.status] === null);

  /**
   * The region column may hold delivery addresses: its name says so, or it has too many different
   * values for regions. Only then is reading the province offered.
   */
  readonly regionMayBeAddress: boolean = $derived.by(() => {
    const column = this.mapping.region;
    if (column === undefined || !this.preview) return false;
    return this.regionFromAddress || /地址|address/i.test(this.view?.headers[column] ?? '') || this.preview.values[column] === null;
  });

  setStatusClass(value: string, cls: StatusClass): void {
    this.statusClasses = { ...this.statusClasses, [value]: cls };
  }

  policies(): ImportPolicies {
    return {
      ...DEFAULT_POLICIES,
      hasHeader: this.layout.hasHeader,
      skipRows: this.layout.skipRows,
      decimalMark: this.decimalMark,
      excelSerials: this.excelSerials,
      returns: this.returns,
      duplicates: this.duplicates,
      raggedRows: this.raggedRows,
      regionFromAddress: this.regionFromAddress && this.mapping.region !== undefined,
      cancellation: { orderIdPrefix: this.cancelPrefix.trim() || null },
      statuses: this.#statusPolicy(),
    };
  }

  readonly canStart: boolean = $derived(this.preview !== null && this.finalMapping !== null && !this.previewing);

  /** Imports with the current settings; `ondone` hears of the stored data set. */
  async start(ondone: (dataset: DatasetMeta) => void, dayMonthOrder?: DayMonthOrder): Promise<void> {
    const p = this.preview;
    const mapping = this.finalMapping;
    if (!p || !mapping) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.progress = { bytesRead: 0, totalBytes: this.file.size, rows: 0, phase: 'reading' };
    this.stage = { kind: 'importing' };
    try {
      const outcome = await importFile(
        this.file,
        {
          planId: this.planId,
          name: this.name.trim() || this.file.name,
          ...(p.kind === 'csv' ? { encoding: p.encoding } : {}),
          ...(p.delimiter ? { delimiter: p.delimiter } : {}),
          ...(p.sheet ? { sheet: p.sheet } : {}),
          mapping,
          policies: this.policies(),
          ...(dayMonthOrder ? { dayMonthOrder } : {}),
        },
        (progress) => (this.progress = progress),
        controller.signal,
      );
      if (outcome.kind === 'done') {
        this.stage = { kind: 'done', dataset: outcome.dataset };
        ondone(outcome.dataset);
      } else if (outcome.kind === 'question') this.stage = { kind: 'question', question: outcome.question };
      else if (outcome.kind === 'failed') this.stage = { kind: 'failed', failure: outcome };
      else this.stage = { kind: 'cancelled' };
    } catch (e) {
      this.stage = e instanceof Error && e.name === 'AbortError' ? { kind: 'cancelled' } : { kind: 'failed', failure: { kind: 'failed', code: 'other', message: customersErrorText(e) } };
    } finally {
      this.#controller = null;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  back(): void {
    this.stage = { kind: 'setup' };
  }

  /** Re-reads the preview with another encoding or delimiter (CSV) or sheet (XLSX). */
  reread(overrides: { encoding?: string; delimiter?: Delimiter; sheet?: string }): Promise<void> {
    const p = this.preview;
    if (p && p.kind === 'csv' && overrides.sheet === undefined) {
      return this.loadPreview({ encoding: overrides.encoding ?? p.encoding, ...((overrides.delimiter ?? p.delimiter) ? { delimiter: overrides.delimiter ?? p.delimiter! } : {}) });
    }
    return this.loadPreview(overrides);
  }
}
