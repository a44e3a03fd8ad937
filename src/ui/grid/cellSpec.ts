import type { Op } from '../../engine/patch';
import type { ExportCell } from '../export/cells';

/**
 * How a number was read, when a planner should be told: a bare number in a percent cell (Excel's
 * rule: 0.03 is a fraction, 12 is percent points) or a 万/亿/k suffix. `shown` is the stored value
 * as the grid will show it.
 */
export interface InputReading {
  raw: string;
  kind: 'fraction' | 'points' | 'scaled';
  shown: string;
}

export type ParseOutcome = { ok: true; value: unknown; reading?: InputReading } | { ok: false; message: string };

/**
 * What makes a grid column editable: how to read typed or pasted text, and which plan edits a value
 * becomes. Kept on `colDef.context` so that typing, pasting and copying share one definition.
 */
export interface CellSpec<Row> {
  parse(text: string, row: Row): ParseOutcome;
  ops(row: Row, value: unknown): Op[];
  /** Text for the clipboard and for "copy table": what `parse` reads back. */
  copy(row: Row): string;
}

export interface ColumnContext<Row> {
  cell?: CellSpec<Row>;
  /** Clipboard text of a read-only column. */
  copy?: (row: Row) => string;
  /**
   * What a numeric value of this column is, for exports and "copy table": turns the column's raw
   * value (money in minor units, rates as fractions) into a typed cell, e.g. `(v) => moneyCell(v, currency)`.
   */
  format?: (value: number) => ExportCell;
  /** The exported cell of a row, for a column whose unit changes from row to row. */
  exportCell?: (row: Row) => ExportCell;
}
