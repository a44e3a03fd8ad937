/**
 * The form of a channel or region name that matching compares: the same name typed on a phone, in
 * a Taiwan office's sheet or in finance's export folds to one key. NFKC turns full-width letters and
 * digits into ASCII (ＪＤ → JD), case and spaces are dropped, and traditional characters become
 * simplified (直營門市 → 直营门市) through a table generated from OpenCC.
 */
import { SIMPLIFIED, TRADITIONAL } from './hanziFold';

let table: Map<string, string> | null = null;

function simplifiedOf(ch: string): string {
  if (!table) {
    table = new Map();
    const from = [...TRADITIONAL];
    const to = [...SIMPLIFIED];
    for (let i = 0; i < from.length; i++) table.set(from[i], to[i]);
  }
  return table.get(ch) ?? ch;
}

// Spaces, the ideographic space, and the joiners spreadsheets leave behind.
const SPACES = /[\s\u00A0\u200B-\u200D\u2060\u3000\uFEFF]+/g;

/** The matching key of a name. */
export function foldName(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC').replace(SPACES, '').toLowerCase()) out += simplifiedOf(ch);
  return out;
}
