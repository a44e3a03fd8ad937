import { DRIVER_SPECS, type DriverUnit } from './drivers';
import { parseInput, type InputError, type InputResult } from './input/parseInput';
import type { DriverKey } from './types';

export { parseInput, type InputError, type InputResult, type InputRules, type InputUnit, type PercentReading } from './input/parseInput';

export type CellInputError = InputError;
export type CellInputResult = InputResult;

/** Reads a driver cell: non-negative, rates at most 100 %, money in the plan's minor units. */
export function parseCellInput(raw: string, unit: DriverUnit, moneyDigits: number, currency?: string): CellInputResult {
  return parseInput(raw, { unit, moneyDigits, ...(currency ? { currency } : {}) });
}

export function parseDriverInput(raw: string, key: DriverKey, moneyDigits: number, currency?: string): CellInputResult {
  return parseCellInput(raw, DRIVER_SPECS[key].unit, moneyDigits, currency);
}
