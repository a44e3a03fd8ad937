/**
 * Dictionary encoding of text columns (customer ids, channels, regions, products, order ids): each
 * distinct value gets a code 0, 1, 2 … in order of first appearance. Lookups take a range of the
 * text being parsed, so a value seen before costs a hash and a compare, and no substring.
 */

const EMPTY = 0;

/** FNV-1a over UTF-16 code units, then a final avalanche so the low bits index the table well. */
export function hashRange(src: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const SEED = 0x811c9dc5;

/**
 * A copy of a substring that does not keep the text it came from alive. V8 represents a slice of
 * 13 or more characters as a view of its parent: a dictionary entry made that way would hold a whole
 * decoded chunk (a megabyte) in memory for each distinct value. Concatenating and slicing again
 * makes the engine flatten a new string of the entry's own length.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const QUOTE = 0x22;

/** FNV-1a over a quoted field's content with each `""` read as one `"`, avalanched as hashRange. */
function hashEscaped(src: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === QUOTE) i++;
    h = Math.imul(h ^ c, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function equalsEscaped(v: string, src: string, start: number, end: number): boolean {
  let j = 0;
  const n = v.length;
  for (let i = start; i < end; i++, j++) {
    const c = src.charCodeAt(i);
    if (j >= n || v.charCodeAt(j) !== c) return false;
    if (c === QUOTE) i++;
  }
  return j === n;
}

export class StringDictionary {
  readonly values: string[] = [];
  /** Open addressing, two ints a slot: code + 1 (0 for empty) and the value's hash. */
  #table: Int32Array = new Int32Array(2 * 128);
  #mask = 127;

  get size(): number {
    return this.values.length;
  }

  /** The code of src[start, end), adding the value if new. */
  codeOfRange(src: string, start: number, end: number): number {
    const h = hashRange(src, start, end, SEED);
    const len = end - start;
    const table = this.#table;
    const mask = this.#mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[2 * i];
      if (entry === EMPTY) return this.#add(src.slice(start, end), h, i);
      if (table[2 * i + 1] === h) {
        const v = this.values[entry - 1];
        if (v.length === len && src.startsWith(v, start)) return entry - 1;
      }
    }
  }

  /** The code of a quoted field's content src[start, end) whose `""` stand for `"`. */
  codeOfEscapedRange(src: string, start: number, end: number): number {
    const h = hashEscaped(src, start, end, SEED);
    const table = this.#table;
    const mask = this.#mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[2 * i];
      if (entry === EMPTY) return this.#add(src.slice(start, end).replaceAll('""', '"'), h, i);
      if (table[2 * i + 1] === h && equalsEscaped(this.values[entry - 1], src, start, end)) return entry - 1;
    }
  }

  codeOf(value: string): number {
    return this.codeOfRange(value, 0, value.length);
  }

  /** The code of a value if present, else −1. */
  find(value: string): number {
    const h = hashRange(value, 0, value.length, SEED);
    const table = this.#table;
    for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
      const entry = table[2 * i];
      if (entry === EMPTY) return -1;
      if (table[2 * i + 1] === h && this.values[entry - 1] === value) return entry - 1;
    }
  }

  #add(value: string, h: number, slot: number): number {
    const code = this.values.length;
    this.values.push(detach(value));
    this.#table[2 * slot] = code + 1;
    this.#table[2 * slot + 1] = h;
    // Keep the table at most half full.
    if ((code + 1) * 2 > this.#mask) this.#rehash();
    return code;
  }

  #rehash(): void {
    const old = this.#table;
    const size = (this.#mask + 1) * 2;
    const table = new Int32Array(2 * size);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === EMPTY) continue;
      let i = old[j + 1] & mask;
      while (table[2 * i] !== EMPTY) i = (i + 1) & mask;
      table[2 * i] = old[j];
      table[2 * i + 1] = old[j + 1];
    }
    this.#table = table;
    this.#mask = mask;
  }
}

/**
 * Exact duplicate rows by a 64-bit fingerprint of their raw text (two independent 32-bit hashes).
 * Memory: 8 bytes per slot, the table kept at most 3/4 full and doubled when it fills, so 11–21
 * bytes per distinct row (about 160 MB at 10 million rows at worst). Two different rows are taken
 * for duplicates only if both hashes collide: with n rows that chance is about n² / 2^64, under
 * 1 in 100,000 at 10 million rows.
 */
export class RowFingerprints {
  #keys: Int32Array = new Int32Array(2 * 1024);
  #mask = 1023;
  #size = 0;

  /** True if the same text was added before; adds it otherwise. */
  seen(src: string, start: number, end: number): boolean {
    const a = hashRange(src, start, end, SEED);
    // A second, independent hash; never both 0, which marks an empty slot.
    const b = hashRange(src, start, end, 0x9e3779b9) | 1;
    const keys = this.#keys;
    const mask = this.#mask;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      const ka = keys[2 * i];
      const kb = keys[2 * i + 1];
      if (kb === 0) {
        keys[2 * i] = a;
        keys[2 * i + 1] = b;
        if (++this.#size * 4 > (mask + 1) * 3) this.#grow();
        return false;
      }
      if (ka === a && kb === b) return true;
    }
  }

  #grow(): void {
    const old = this.#keys;
    const size = (this.#mask + 1) * 2;
    const keys = new Int32Array(2 * size);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = old[j] & mask;
      while (keys[2 * i + 1] !== 0) i = (i + 1) & mask;
      keys[2 * i] = old[j];
      keys[2 * i + 1] = old[j + 1];
    }
    this.#keys = keys;
    this.#mask = mask;
  }
}
