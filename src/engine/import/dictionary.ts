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
  return avalanche(h);
}

const SEED = 0x811c9dc5;

/**
 * A copy of a substring that does not keep the text it came from alive. V8 represents a slice of
 * 13 or more characters as a view of its parent: a dictionary entry made that way would hold a whole
 * decoded chunk (a megabyte) in memory for each distinct value. Concatenating and slicing again
 * makes the engine flatten a new string of the entry's own length.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const hashWords = (w0: number, w1: number, w2: number, w3: number) =>
  avalanche(
    Math.imul(w0, 0x9e3779b1) ^ Math.imul(w1 ^ (w1 >>> 15), 0x85ebca77) ^ Math.imul(w2 ^ (w2 >>> 13), 0xc2b2ae3d) ^ Math.imul(w3 ^ (w3 >>> 11), 0x27d4eb2f),
  );

const QUOTE = 0x22;

/** FNV-1a over a quoted field's content with each `""` read as one `"`, avalanched as hashRange. */
function hashEscaped(src: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === QUOTE) i++;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return avalanche(h);
}

/** Whether v equals a quoted field's content with `""` read as `"`. */
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

/** First key word of a value too long to pack; packed values have their length (0–15, 64–71) there. */
const LONG = 255;
const WIDE = 64;
/** Int32s per slot: code + 1 (0 for empty) and the four key words. */
const SLOT = 5;

/**
 * Values are looked up by a key of four 32-bit words held in the hash table itself, so a hit reads
 * one slot and no string: one cache miss at most, however many distinct values there are. Short
 * values are packed into the key exactly: up to 15 characters below U+0100 (ids, codes, channel and
 * Latin names) a byte each, or up to 7 others (Chinese names) 16 bits each, with the length in the
 * low byte of the first word. Longer values keep their hash in the key and are compared as strings.
 */
export class StringDictionary {
  readonly values: string[] = [];
  #table: Int32Array = new Int32Array(SLOT * 64);
  #mask = 63;
  // The key of the last lookup (scratch fields, so lookups allocate nothing).
  #w0 = 0;
  #w1 = 0;
  #w2 = 0;
  #w3 = 0;

  get size(): number {
    return this.values.length;
  }

  /** The code of src[start, end), adding the value if new. */
  codeOfRange(src: string, start: number, end: number): number {
    const slot = this.#find(src, start, end, false);
    const entry = this.#table[SLOT * slot];
    return entry !== EMPTY ? entry - 1 : this.#add(src.slice(start, end), slot);
  }

  /** The code of a quoted field's content src[start, end) whose `""` stand for `"`. */
  codeOfEscapedRange(src: string, start: number, end: number): number {
    const slot = this.#find(src, start, end, true);
    const entry = this.#table[SLOT * slot];
    return entry !== EMPTY ? entry - 1 : this.#add(src.slice(start, end).replaceAll('""', '"'), slot);
  }

  codeOf(value: string): number {
    return this.codeOfRange(value, 0, value.length);
  }

  /** The code of a value if present, else −1. */
  find(value: string): number {
    return this.#table[SLOT * this.#find(value, 0, value.length, false)] - 1;
  }

  /**
   * The slot holding the value in src[start, end) (with `""` read as `"` when escaped), or the empty
   * slot where it belongs; leaves the value's key in #w0–#w3.
   */
  #find(src: string, start: number, end: number, escaped: boolean): number {
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let long = false;
    const len = end - start;
    if (!escaped && len <= 15) {
      // The usual case, in straight loops: pack as narrow characters, noting whether any is wide.
      let or = 0;
      let i = start;
      w0 = len;
      let e = start + 3 < end ? start + 3 : end;
      for (let shift = 8; i < e; i++, shift += 8) {
        const c = src.charCodeAt(i);
        or |= c;
        w0 |= c << shift;
      }
      e = start + 7 < end ? start + 7 : end;
      for (let shift = 0; i < e; i++, shift += 8) {
        const c = src.charCodeAt(i);
        or |= c;
        w1 |= c << shift;
      }
      e = start + 11 < end ? start + 11 : end;
      for (let shift = 0; i < e; i++, shift += 8) {
        const c = src.charCodeAt(i);
        or |= c;
        w2 |= c << shift;
      }
      for (let shift = 0; i < end; i++, shift += 8) {
        const c = src.charCodeAt(i);
        or |= c;
        w3 |= c << shift;
      }
      if (or > 0xff) {
        if (len <= 7) {
          w0 = WIDE + len;
          w1 = w2 = w3 = 0;
          for (let j = 0; j < len; j++) {
            const c = src.charCodeAt(start + j);
            if (j === 0) w0 |= c << 16;
            else if (j < 3) w1 |= c << (16 * (j - 1));
            else if (j < 5) w2 |= c << (16 * (j - 3));
            else w3 |= c << (16 * (j - 5));
          }
        } else long = true;
      }
    } else if (this.#pack(src, start, end, escaped)) {
      w0 = this.#w0;
      w1 = this.#w1;
      w2 = this.#w2;
      w3 = this.#w3;
    } else long = true;
    let h: number;
    if (long) {
      w0 = LONG;
      w1 = h = escaped ? hashEscaped(src, start, end, SEED) : hashRange(src, start, end, SEED);
      w2 = w3 = 0;
    } else h = hashWords(w0, w1, w2, w3);
    this.#w0 = w0;
    this.#w1 = w1;
    this.#w2 = w2;
    this.#w3 = w3;
    const table = this.#table;
    const mask = this.#mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = SLOT * i;
      const entry = table[at];
      if (entry === EMPTY) return i;
      if (table[at + 1] === w0 && table[at + 2] === w1 && table[at + 3] === w2 && table[at + 4] === w3) {
        if (!long) return i;
        const v = this.values[entry - 1];
        if (escaped ? equalsEscaped(v, src, start, end) : v.length === end - start && src.startsWith(v, start)) return i;
      }
    }
  }

  /**
   * The key of src[start, end) (with `""` read as `"` when escaped) into #w0–#w3, character by
   * character: true when the value packs, false when it is too long to.
   */
  #pack(src: string, start: number, end: number, escaped: boolean): boolean {
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let n = 0;
    let packed = true;
    let wideOnly = false;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (escaped && c === QUOTE) i++;
      if (c > 0xff) {
        packed = false;
        wideOnly = n < 7;
        break;
      }
      if (n === 15) {
        packed = false;
        break;
      }
      n++;
      if (n < 4) w0 |= c << (8 * n);
      else if (n < 8) w1 |= c << (8 * (n - 4));
      else if (n < 12) w2 |= c << (8 * (n - 8));
      else w3 |= c << (8 * (n - 12));
    }
    if (packed) w0 |= n;
    else if (wideOnly) {
      w0 = w1 = w2 = w3 = n = 0;
      for (let i = start; i < end; i++) {
        const c = src.charCodeAt(i);
        if (escaped && c === QUOTE) i++;
        if (n === 7) {
          wideOnly = false;
          break;
        }
        if (n === 0) w0 = c << 16;
        else if (n < 3) w1 |= c << (16 * (n - 1));
        else if (n < 5) w2 |= c << (16 * (n - 3));
        else w3 |= c << (16 * (n - 5));
        n++;
      }
      if (wideOnly) w0 |= WIDE + n;
    }
    this.#w0 = w0;
    this.#w1 = w1;
    this.#w2 = w2;
    this.#w3 = w3;
    return packed || wideOnly;
  }

  #add(value: string, slot: number): number {
    const code = this.values.length;
    this.values.push(detach(value));
    const at = SLOT * slot;
    const table = this.#table;
    table[at] = code + 1;
    table[at + 1] = this.#w0;
    table[at + 2] = this.#w1;
    table[at + 3] = this.#w2;
    table[at + 4] = this.#w3;
    // Keep the table at most half full.
    if ((code + 1) * 2 > this.#mask) this.#rehash();
    return code;
  }

  #rehash(): void {
    const old = this.#table;
    const size = (this.#mask + 1) * 2;
    const table = new Int32Array(SLOT * size);
    const mask = size - 1;
    for (let j = 0; j < old.length; j += SLOT) {
      if (old[j] === EMPTY) continue;
      const w0 = old[j + 1];
      const h = w0 === LONG ? old[j + 2] : hashWords(w0, old[j + 2], old[j + 3], old[j + 4]);
      let i = h & mask;
      while (table[SLOT * i] !== EMPTY) i = (i + 1) & mask;
      table.set(old.subarray(j, j + SLOT), SLOT * i);
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
