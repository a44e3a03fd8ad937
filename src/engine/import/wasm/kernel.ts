/**
 * The fast CSV import's WebAssembly kernel (assembly/index.ts): its exports, and the numbers the two
 * sides share. A thread keeps one instance between imports, unless its memory grew past KEEP_BYTES
 * (a big file's tables go with it when the import ends).
 */
import { instantiateKernel, type KernelMemory } from '../../wasm/load';
import { IMPORT_WASM } from './importWasm';

export interface ImportKernel extends KernelMemory {
  setup(
    delimiter: number, customer: number, date: number, amount: number, text0: number, text1: number, text2: number, text3: number,
    quantity: number, unitPrice: number, status: number, outcome: number, prefixBytes: number,
    skipRows: number, withHeader: number, returns: number, duplicates: number, examplesPerKind: number,
    fieldLimit: number, rowLimit: number, columnLimit: number, decimal: number, expectedRows: number, gbk: number, raggedSkip: number,
  ): number;
  prefixAt(): number;
  statusClassesAt(): number;
  pauseAt(): number;
  suppliedAt(): number;
  statusRowsAt(): number;
  inputAt(len: number): number;
  scan(len: number, final: number): number;
  statsAt(): number;
  examplesAt(): number;
  headerAt(): number;
  columnAt(k: number): number;
  dictionarySize(d: number): number;
  dictionaryEntries(d: number): number;
  dictionaryArena(d: number): number;
}

export const OK = 0;
export const BAIL = 1;
export const PAUSE = 3;
export const PAUSE_STATUS = 1;
export const PAUSE_VALUES = 2;

// The kernel's statistics (S_* in assembly/index.ts).
export const S_ROW = 0;
export const S_ROWS_READ = 1;
export const S_IMPORTED = 2;
export const S_ABOVE_HEADER = 3;
export const S_EXPECTED = 4;
export const S_HEADER_LEN = 5;
export const S_DUPLICATES = 8;
export const S_DUPLICATES_DROPPED = 9;
export const S_RETURNS = 10;
export const S_RETURNS_EXCLUDED = 11;
export const S_BAIL = 12;
export const S_NO_CUSTOMER = 13;
export const S_NEGATIVE = 14;
export const S_MARKED = 15;
export const S_ORDER_CANCELLED = 16;
export const S_ORDER_REFUNDED = 17;
/** Rows imported per date form: S_FORMS + values.ts' DATE_* (1 ymd … 5 Excel serial). */
export const S_FORMS = 18;
export const S_BAD_DATE = 24;
export const S_BAD_QUANTITY = 25;
export const S_BAD_AMOUNT = 26;
export const S_PERCENT_AMOUNT = 27;
export const S_RAGGED = 28;
export const S_RAGGED_SKIPPED = 29;
export const STATS = 32;

/** Example row lists (E_* in assembly/index.ts), in the order the kernel keeps them. */
export const EXAMPLE_KINDS = [
  'duplicates', 'duplicatesDropped', 'returns', 'returnsExcluded', 'noCustomer', 'orderCancelled', 'orderRefunded', 'badDate', 'badQuantity', 'badAmount', 'percentAmount',
  'ragged', 'raggedSkipped',
] as const;

/** Why the kernel handed a file to the JS path (S_BAIL). */
export const BAIL_REASONS = ['', 'ragged', 'quote', 'encoding', 'limit', 'customer', 'text', 'bom'] as const;
/** Also: 'dayMonth', a date whose day/month order the whole column decides; 'mixed', too many rows the JS readers had to read. */
export type BailReason = (typeof BAIL_REASONS)[number] | 'memory' | 'dayMonth' | 'mixed';

/** Text columns in the kernel's order (its dictionaries 1–4; 0 is the customer's, 5 the status column's). */
export const TEXT_FIELDS = ['orderId', 'channel', 'region', 'product'] as const;
export const STATUS_DICTIONARY = 5;
/** The quantity column's number in columnAt. */
export const QUANTITY_COLUMN = 7;

const KEEP_BYTES = 64 * 1024 * 1024;

let enabled = true;
let kept: ImportKernel | null = null;

/** Turns the fast import on or off for this thread (on by default); returns the previous setting. */
export function useImportKernel(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** A kernel for one import (give it back with releaseImportKernel), or null when it is off or WebAssembly cannot run here. */
export function importKernel(): ImportKernel | null {
  if (!enabled) return null;
  const kernel = kept ?? instantiateKernel<ImportKernel>(IMPORT_WASM);
  kept = null;
  return kernel;
}

/** Gives back a kernel whose import has ended (setup starts the next one over). */
export function releaseImportKernel(kernel: ImportKernel): void {
  if (kernel.memory.buffer.byteLength <= KEEP_BYTES) kept = kernel;
}
