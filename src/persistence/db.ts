import Dexie, { type Table } from 'dexie';
import type { EditStep } from '../engine/editHistory';
import type { Plan } from '../engine/types';
import type { DatasetMeta } from './datasets';

export const DB_NAME = 'channel-mix-planner';

export interface PlanRecord {
  id: string;
  name: string;
  updatedAt: number;
  /** Set when the plan was deleted; the record is kept so that delete can be undone. */
  deletedAt?: number;
  /**
   * Bumped by every save. A tab remembers the revision its copy is based on: a different one in
   * storage means another tab saved meanwhile, and the edits are rebased on that (see PlanRepo.save).
   */
  rev?: number;
  /** Plan format version the plan was written in (see storedRecords.ts); absent = 1. */
  schema?: number;
  plan: Plan;
  /** Where the plan came from, when it was imported (not part of the plan: a file never carries it). */
  origin?: PlanOrigin;
}

/** The file a plan was imported from, and when: what tells two plans of the same name apart. */
export interface PlanOrigin {
  kind: 'import';
  fileName: string;
  at: number;
}

/** One undoable user action as stored (see engine/editHistory.ts). */
export type EditRecord = EditStep;

/** Undo and redo stacks of one plan, saved with every edit so that they survive a reload. */
export interface HistoryRecord {
  planId: string;
  undo: EditRecord[];
  redo: EditRecord[];
  /** How the ops address the plan (see storedRecords.ts); absent = 1, by position. */
  schema?: number;
  /** Plan format version of the plan the history was saved with; absent = 1. */
  planSchema?: number;
}

/** Why a snapshot was taken: by hand, or automatically before a change that replaces much of a plan. */
export type SnapshotKind = 'manual' | 'beforeImport' | 'beforeMerge' | 'beforeRestore' | 'beforeReplace' | 'exported' | 'imported';

/**
 * What the snapshot list shows. Kept apart from the copied plan (`SnapshotPlanRecord`, same id) so
 * that listing the snapshots of a plan never reads dozens of whole plans.
 */
export interface SnapshotMetaRecord {
  id: string;
  planId: string;
  kind: SnapshotKind;
  /** The user's name for it; '' for an automatic snapshot, which the UI names by its kind and time. */
  name: string;
  createdAt: number;
  channels: number;
  scenarios: number;
}

export interface SnapshotPlanRecord {
  id: string;
  /** Plan format version of the copy; absent = 1. */
  schema?: number;
  plan: Plan;
}

/**
 * One piece of one column of an imported transaction data set: up to DATASET_CHUNK_ROWS rows of a
 * column as one typed-array buffer, or up to as many values of a column's dictionary (see
 * persistence/datasets.ts). Keyed by [datasetId + column + index].
 */
export interface DatasetChunkRecord {
  datasetId: string;
  /** A column ('customer', 'date', 'amount', …) or a dictionary ('customer.values', …). */
  column: string;
  index: number;
  /** Element type of `data`; 'text' chunks hold dictionary values. */
  type: 'u8' | 'u16' | 'i32' | 'f64' | 'text';
  /** Numeric chunks: value = (stored + offset) / scale; 0 and 1 for values stored as they are. */
  offset: number;
  scale: number;
  /** Rows (or dictionary values) in the chunk. */
  length: number;
  /** The elements; for 'text' chunks the values' lengths as Uint32. */
  data: ArrayBuffer;
  /** 'text' chunks: the values joined without separator. */
  text?: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * The app's IndexedDB database. Every `version(n)` block stays here forever: Dexie needs the whole
 * chain to upgrade a database last opened by an old version of the app, and dropping one would wipe
 * data. Add a new block (and its upgrade function) for every schema change.
 */
export class PlannerDb extends Dexie {
  plans!: Table<PlanRecord, string>;
  history!: Table<HistoryRecord, string>;
  settings!: Table<SettingRecord, string>;
  snapshots!: Table<SnapshotMetaRecord, string>;
  snapshotPlans!: Table<SnapshotPlanRecord, string>;
  datasets!: Table<DatasetMeta, string>;
  datasetChunks!: Table<DatasetChunkRecord, [string, string, number]>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      plans: 'id, updatedAt, deletedAt',
      history: 'planId',
      settings: 'key',
    });
    // Version 2 adds snapshots and changes no existing table: the upgrade only creates two stores,
    // so every plan, history and setting is carried over as it was.
    this.version(2).stores({
      snapshots: 'id, [planId+createdAt]',
      snapshotPlans: 'id',
    });
    // Version 3 adds imported transaction data sets (column chunks, not one object per row) and
    // changes no existing table: plans, histories, settings and snapshots are carried over as they were.
    this.version(3).stores({
      datasets: 'id, planId, createdAt',
      datasetChunks: '[datasetId+column+index], datasetId',
    });
  }
}
