/**
 * The regions of an import as the customer analyses count them, and the one region each customer
 * belongs to.
 *
 * Region values are cleaned before anything is counted: a blank cell, or one holding only a dash or
 * a placeholder ('—', '-', 'N/A', 'null'), means "no region"; values that differ only in case,
 * width, spaces or simplified/traditional characters (华东 / 華東 / ' 华东 ') are one region, compared
 * the way the actuals import matches names to the plan (actuals/fold.ts). The region keeps the
 * spelling met first in the file.
 *
 * A customer who bought in several regions belongs to the region of their first order that names
 * one (earliest day; on the same day, the earlier row), and all their orders count there: a customer
 * is counted once, so a region's customers add up to the whole base. A customer none of whose orders
 * names a region is in "no region".
 */
import { foldName } from '../actuals/fold';
import type { Transactions } from './columns';

export interface RegionGroups {
  /** Display name per region, first spelling met; "no region" (when present) is last and named ''. */
  readonly names: readonly string[];
  /** Index of the "no region" group, or −1 when every value names a region. */
  readonly noRegion: number;
  /** Per import region code: its group. */
  readonly groupOfCode: Int32Array;
  /** Per group, the distinct spellings merged into it (only groups with more than one are of interest). */
  readonly spellings: readonly (readonly string[])[];
}

/** Dashes, slashes and dots only: what a sheet shows for "nothing here". */
const ONLY_DASHES = /^[-‐‑‒–—―－_/.·・。…]*$/u;
const PLACEHOLDERS: ReadonlySet<string> = new Set(['n/a', '#n/a', 'null', 'none', 'nil', 'undefined', '无', '空', '未知']);

/** Whether an imported region value means "no region". */
export function isNoRegion(value: string): boolean {
  const key = foldName(value);
  return ONLY_DASHES.test(key) || PLACEHOLDERS.has(key);
}

export function groupRegionNames(values: readonly string[]): RegionGroups {
  const groupOfCode = new Int32Array(values.length);
  const names: string[] = [];
  const spellings: string[][] = [];
  const byKey = new Map<string, number>();
  const blank: number[] = [];
  values.forEach((value, code) => {
    if (isNoRegion(value)) {
      blank.push(code);
      return;
    }
    const key = foldName(value);
    let g = byKey.get(key);
    if (g === undefined) {
      g = names.length;
      byKey.set(key, g);
      names.push(value.trim());
      spellings.push([]);
    }
    if (!spellings[g].includes(value)) spellings[g].push(value);
    groupOfCode[code] = g;
  });
  let noRegion = -1;
  if (blank.length > 0) {
    noRegion = names.length;
    names.push('');
    spellings.push(blank.map((code) => values[code]));
    for (const code of blank) groupOfCode[code] = noRegion;
  }
  return { names, noRegion, groupOfCode, spellings };
}

/**
 * Each customer's region (a group of `groups`) from their orders on or before `throughDay`: the
 * region of the first order naming one, else "no region"; −1 for a customer without such orders.
 */
export function customerRegions(tx: Transactions, orderRegion: Int32Array, groups: RegionGroups, throughDay = Infinity): Int32Array {
  const { customer, day } = tx;
  const home = new Int32Array(tx.customerCount).fill(-1);
  const firstDay = new Int32Array(tx.customerCount);
  for (let i = 0; i < customer.length; i++) {
    const d = day[i];
    if (d > throughDay) continue;
    const c = customer[i];
    const g = groups.groupOfCode[orderRegion[i]];
    const current = home[c];
    if (current === -1) {
      home[c] = g;
      firstDay[c] = d;
      continue;
    }
    const currentNamed = current !== groups.noRegion;
    const named = g !== groups.noRegion;
    // A named region beats "no region"; between two of a kind the earlier day wins (rows come in file order).
    if ((named && !currentNamed) || (named === currentNamed && d < firstDay[c])) {
      home[c] = g;
      firstDay[c] = d;
    }
  }
  return home;
}
