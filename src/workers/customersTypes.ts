/**
 * What the customers worker takes and returns besides the engine's own types: the import's options
 * and outcomes (which name the stored data set) and the codes of its errors.
 */
import type { ImportReport } from '../engine/import/importReport';
import type { CsvIssue } from '../engine/import/csv';
import type { ImportFailureCode } from '../engine/import/failure';
import type { FilePreview } from '../engine/import/preview';
import type { ReadOptions, ReadProgress } from '../engine/import/read';
import type { DayMonthQuestion } from '../engine/import/importReport';
import type { DatasetMeta } from '../persistence/datasets';
import type { SummaryAnalysis } from '../engine/customers/summaryAnalysis';
import type { SummaryProblem } from '../engine/customers/summaryCsv';

export interface ImportOptions extends ReadOptions {
  /** The plan the data set belongs to. */
  planId: string;
  name: string;
}

export interface ImportProgress extends ReadProgress {
  /** 'reading' while the file is parsed, then 'saving' while the data set is written. */
  phase: 'reading' | 'saving';
}

/** Why an import stored nothing: the engine's reasons, and the storage's. */
export type ImportOutcomeFailure =
  | ImportFailureCode
  /** Storage is full: the write transaction rolled back (RELIABILITY 1, 2). */
  | 'quota'
  /** Any other storage failure. */
  | 'storage';

export type ImportOutcome =
  | { kind: 'done'; dataset: DatasetMeta }
  /** Ambiguous d/m vs m/d dates: ask, then call importFile again with `dayMonthOrder`. */
  | { kind: 'question'; question: DayMonthQuestion }
  /**
   * Nothing stored. `report` only when rows were read and every one was skipped; `issue` names the
   * row of a fatal parse error; `byteOffset` where undecodable bytes start; `names` the files of an
   * archive that holds several.
   */
  | { kind: 'failed'; code: ImportOutcomeFailure; report?: ImportReport; issue?: CsvIssue; byteOffset?: number; names?: string[] }
  /** Nothing stored. */
  | { kind: 'cancelled' };

export type PreviewOutcome = { kind: 'preview'; preview: FilePreview } | { kind: 'failed'; code: ImportFailureCode; names?: string[] };

/**
 * Why a worker call failed, as a code the UI words: the data set was deleted meanwhile, its stored
 * chunks do not add up, the CLV fit had nothing to work on, or the summary file is too large.
 */
export type CustomersErrorCode = 'datasetMissing' | 'datasetDamaged' | 'clvNoHistory' | 'clvNoData' | 'summaryTooLarge';

/** A worker call's failure with its code; crosses the worker boundary as name + message. */
export class CustomersError extends Error {
  constructor(readonly code: CustomersErrorCode) {
    super(code);
    this.name = 'CustomersError';
  }
}

/** The summary file the SQL produced, analysed — or why not. */
export type SummaryImportOutcome =
  | { kind: 'done'; analysis: SummaryAnalysis }
  /** The file has problems (the first few, and how many in all): nothing was analysed. */
  | { kind: 'failed'; problems: readonly SummaryProblem[]; problemCount: number }
  | { kind: 'tooLarge'; size: number; max: number };
