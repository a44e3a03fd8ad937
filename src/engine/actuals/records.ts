/** One value of a monthly table as read, before names are matched to the plan. */
import type { ActualMeasure } from '../types';

export interface ActualRecord {
  /** Row of the sheet (1-based, as a spreadsheet shows it); 0 when the value was computed (transactions). */
  row: number;
  channel: string;
  /** '' when the data names no region. */
  region: string;
  month: string;
  measure: ActualMeasure;
  /** Money in minor units; counts as numbers. */
  value: number;
}

/** The series a record belongs to, as the data names it. */
export const seriesKey = (channel: string, region: string): string => `${channel}\u0000${region}`;

export const seriesLabel = (channel: string, region: string): string => (region === '' ? channel : `${channel} · ${region}`);
