/**
 * The actuals' work in the customers worker: reading a monthly table file (CSV or XLSX, through the
 * importer's readers) and aggregating a stored transaction data set by month. Plain functions, so
 * tests call them directly; customersApi exposes them.
 */
import { monthlyFromTransactions } from '../engine/actuals/fromTransactions';
import type { ActualRecord } from '../engine/actuals/records';
import { MAX_TABLE_BYTES, rowsOfSource, type TableRows } from '../engine/actuals/tableRows';
import { ImportFailure, type ImportFailureCode } from '../engine/import/failure';
import { openSource, type SourceDeps } from '../engine/import/source';
import type { TransactionColumns } from '../engine/import/transactions';
import { blobSource, type ImportFile } from './customersSources';

/** A file that could not be read: why, and where (the CSV problem and its line, the archive's files). */
export type TableFileFailure = { kind: 'failed'; code: ImportFailureCode } & ImportFailure['detail'];

export type TableFileOutcome = ({ kind: 'rows' } & TableRows) | TableFileFailure | { kind: 'tooLarge'; size: number; max: number };

export async function readTableFile(file: ImportFile, deps: SourceDeps): Promise<TableFileOutcome> {
  if (file.size > MAX_TABLE_BYTES) return { kind: 'tooLarge', size: file.size, max: MAX_TABLE_BYTES };
  try {
    return { kind: 'rows', ...(await rowsOfSource(await openSource(blobSource(file), deps), deps)) };
  } catch (e) {
    if (e instanceof ImportFailure) return { kind: 'failed', code: e.code, ...e.detail };
    throw e;
  }
}

export function monthlyOfColumns(columns: TransactionColumns, moneyDigits: number, datasetName: string): ActualRecord[] {
  return monthlyFromTransactions(columns, { moneyDigits, datasetName });
}
