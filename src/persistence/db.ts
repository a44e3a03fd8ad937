import Dexie, { type Table } from 'dexie';
import type { Op } from '../engine/patch';
import type { Plan } from '../engine/types';

export const DB_NAME = 'channel-mix-planner';

export interface PlanRecord {
  id: string;
  name: string;
  updatedAt: number;
  /** Set when the plan was deleted; the record is kept so that delete can be undone. */
  deletedAt?: number;
  plan: Plan;
}

export interface EditRecord {
  label: string;
  ops: Op[];
  inverse: Op[];
}

/** Undo and redo stacks of one plan, saved with every edit so that they survive a reload. */
export interface HistoryRecord {
  planId: string;
  undo: EditRecord[];
  redo: EditRecord[];
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

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      plans: 'id, updatedAt, deletedAt',
      history: 'planId',
      settings: 'key',
    });
  }
}
