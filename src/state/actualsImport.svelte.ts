/**
 * The "Import actuals" dialog's state: where the monthly table comes from (a paste, a file, a
 * stored transaction data set, a warehouse query's result), what was read, the user's corrections
 * (shape, measure, name mapping) and what an import would store. Nothing touches the plan until
 * `commit`, which is one undoable edit; a failed or cancelled import changes nothing.
 */
import { buildActuals, summarise, type BuildResult, type DataSummary } from '../engine/actuals/build';
import { completeMonths } from '../engine/actuals/completeMonths';
import { setActualsOps, removeActualsOps } from '../engine/actuals/edit';
import { mergeActuals } from '../engine/actuals/merge';
import { shiftMonth } from '../engine/timeline';
import { matchNames, type NameMatch } from '../engine/actuals/names';
import type { ActualRecord } from '../engine/actuals/records';
import { readMonthlyTable, type TableRead, type TableShape } from '../engine/actuals/table';
import { rowsOfText, type TableRows } from '../engine/actuals/tableRows';
import { currencyDigits } from '../engine/money';
import type { ActualMeasure, ActualSource, Actuals, Plan } from '../engine/types';
import { DatasetRepo, type DatasetMeta } from '../persistence/datasets';
import type { TableFileFailure } from '../workers/actualsTasks';
import { monthlyActuals, readActualsTable } from '../workers/customersClient';
import { app } from './app.svelte';
import { customersErrorText } from './customersTask.svelte';
import type { PlanSession } from './planSession.svelte';

export type ImportSourceKind = 'paste' | 'file' | 'dataset' | 'sql';

export type FileFailure = TableFileFailure | { kind: 'tooLarge'; size: number; max: number } | { kind: 'error'; message: string };

export class ActualsImportFlow {
  source = $state<ImportSourceKind>('paste');
  pasteText = $state('');
  /** Cells of the file (or query result) that was opened. */
  fileRows = $state.raw<(TableRows & { name: string }) | null>(null);
  fileFailure = $state.raw<FileFailure | null>(null);
  /** Monthly records of the chosen data set. */
  datasetRecords = $state.raw<{ name: string; records: ActualRecord[]; hasChannel: boolean } | null>(null);
  datasetError = $state('');
  busy = $state(false);
  datasets = $state.raw<DatasetMeta[]>([]);
  /** The user's corrections of what was detected. */
  shape = $state<TableShape | null>(null);
  wideMeasure = $state<ActualMeasure | null>(null);
  channelChoice = $state<Record<string, string>>({});
  regionChoice = $state<Record<string, string>>({});

  readonly #plan: () => Plan;

  constructor(plan: () => Plan) {
    this.#plan = plan;
  }

  get #moneyDigits(): number {
    return currencyDigits(this.#plan().currency);
  }

  /** The table rows the current source gives (paste, or a file / query result). */
  readonly rows = $derived.by<TableRows | null>(() => {
    if (this.source === 'paste') return this.pasteText.trim() === '' ? null : safeRows(this.pasteText);
    if (this.source === 'file' || this.source === 'sql') return this.fileRows;
    return null;
  });

  readonly read = $derived.by<TableRead | null>(() => {
    const rows = this.rows;
    if (!rows) return null;
    const plan = this.#plan();
    return readMonthlyTable(rows.rows, {
      moneyDigits: currencyDigits(plan.currency),
      currency: plan.currency,
      serials: rows.serials,
      ...(this.shape ? { shape: this.shape } : {}),
      ...(this.wideMeasure ? { wideMeasure: this.wideMeasure } : {}),
    });
  });

  readonly records = $derived.by<ActualRecord[] | null>(() => {
    if (this.source === 'dataset') return this.datasetRecords?.records ?? null;
    const read = this.read;
    if (!read || !read.shape) return null;
    // The warehouse query has no row for a month without sales: within its months that is a zero.
    return this.source === 'sql' ? completeMonths(read.records) : read.records;
  });

  readonly summary = $derived<DataSummary | null>(this.records ? summarise(this.records) : null);

  readonly channels = $derived.by<NameMatch[]>(() => {
    const s = this.summary;
    if (!s) return [];
    const plan = this.#plan();
    return matchNames(s.channels, plan.channels, plan.actuals?.channelNames ?? []).map((m) => (m.name in this.channelChoice ? { ...m, targetId: this.channelChoice[m.name], by: 'user' as const } : m));
  });

  readonly regions = $derived.by<NameMatch[]>(() => {
    const s = this.summary;
    if (!s) return [];
    const plan = this.#plan();
    return matchNames(s.regions, plan.regions, plan.actuals?.regionNames ?? []).map((m) => (m.name in this.regionChoice ? { ...m, targetId: this.regionChoice[m.name], by: 'user' as const } : m));
  });

  get sourceKind(): ActualSource {
    return this.source === 'dataset' ? 'transactions' : this.source === 'sql' ? 'sql' : 'table';
  }

  get sourceName(): string {
    if (this.source === 'dataset') return this.datasetRecords?.name ?? '';
    if (this.source === 'paste') return '';
    return this.fileRows?.name ?? '';
  }

  /** What importing now would store, and every problem; null until something was read. */
  readonly result = $derived.by<BuildResult | null>(() => {
    const records = this.records;
    if (!records) return null;
    return buildActuals({ records, plan: this.#plan(), channels: this.channels, regions: this.regions, source: { kind: this.sourceKind, name: this.sourceName, importedAt: 0 } });
  });

  /** Problems of reading the table and of building the actuals, in that order. */
  readonly problems = $derived([...(this.source === 'dataset' ? [] : (this.read?.problems ?? [])), ...(this.result?.problems ?? [])]);

  readonly canImport = $derived(this.result?.actuals != null && !this.problems.some((p) => p.severity === 'error'));

  setSource(source: ImportSourceKind): void {
    this.source = source;
    this.shape = null;
    this.wideMeasure = null;
    this.fileRows = null;
    this.fileFailure = null;
  }

  async openFile(file: File): Promise<void> {
    this.fileRows = null;
    this.fileFailure = null;
    this.shape = null;
    this.wideMeasure = null;
    this.busy = true;
    try {
      const outcome = await readActualsTable(file);
      if (outcome.kind === 'rows') this.fileRows = { name: file.name, rows: outcome.rows, serials: outcome.serials };
      else this.fileFailure = outcome;
    } catch (e) {
      this.fileFailure = { kind: 'error', message: customersErrorText(e) };
    } finally {
      this.busy = false;
    }
  }

  /** Follows the plan's transaction data sets; returns the stop. */
  watchDatasets(planId: string): () => void {
    const db = app.repo?.db;
    if (!db) return () => undefined;
    return new DatasetRepo(db).watch(
      planId,
      (list) => (this.datasets = list),
      () => (this.datasets = []),
    );
  }

  #totalling: AbortController | null = null;

  async totalDataset(dataset: DatasetMeta): Promise<void> {
    this.#totalling?.abort();
    const controller = (this.#totalling = new AbortController());
    this.datasetRecords = null;
    this.datasetError = '';
    this.busy = true;
    try {
      const records = await monthlyActuals(dataset.id, this.#moneyDigits, dataset.name, controller.signal);
      this.datasetRecords = { name: dataset.name, records, hasChannel: dataset.hasChannel };
    } catch (e) {
      if (!controller.signal.aborted) this.datasetError = customersErrorText(e);
    } finally {
      if (this.#totalling === controller) {
        this.busy = false;
        this.#totalling = null;
      }
    }
  }

  /** Stops a totalling still running (the dialog closed). */
  cancel(): void {
    this.#totalling?.abort();
  }

  /** Whether the import adds its months to the actuals the plan holds (the monthly review) or replaces them all. */
  mode = $state<'add' | 'replace'>('add');

  /** Stores the actuals as one undoable edit; false (and nothing changed) when they cannot be imported. */
  commit(session: PlanSession, label: (actuals: { series: number; first: string; last: string }) => string): boolean {
    const actuals = this.result?.actuals;
    if (!actuals || !this.canImport) return false;
    const read = { ...actuals, source: { ...actuals.source, importedAt: Date.now() } };
    const held = session.plan.actuals;
    const stored = held && this.mode === 'add' ? mergeActuals(held, read, session.plan) : read;
    // The label names what this import brought, not the whole table.
    return session.edit(label({ series: read.series.length, first: read.start, last: lastMonth(read) }), setActualsOps(stored)) !== null;
  }
}

/** Reads pasted text; a paste the CSV reader stops on (e.g. an unclosed quote) reads as nothing. */
function safeRows(text: string): TableRows | null {
  try {
    return rowsOfText(text);
  } catch {
    return { rows: [], serials: false };
  }
}

/** The last month an actuals table holds, `YYYY-MM`. */
export function lastMonth(actuals: Pick<Actuals, 'start' | 'months'>): string {
  return shiftMonth(actuals.start, actuals.months - 1) ?? actuals.start;
}

/** Removes the plan's actuals as one undoable edit. */
export function removeActuals(session: PlanSession, label: string): void {
  if (session.plan.actuals) session.edit(label, removeActualsOps());
}
