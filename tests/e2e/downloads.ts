import Papa from 'papaparse';
import { expect } from './fixtures';

/**
 * Reading downloaded files as the person who receives them would: a CSV as a spreadsheet opens it,
 * a PNG by its header.
 */

/** The CSV's rows; it must start with the UTF-8 BOM (Excel reads Chinese text right only then). */
export function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
}

/** A PNG's size from its header; fails unless the bytes start with the PNG signature and an IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
