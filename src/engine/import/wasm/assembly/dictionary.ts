/**
 * Dictionary encoding on the file's own bytes (the byte twin of dictionary.ts' StringDictionary):
 * each distinct value gets a code 0, 1, 2 … in order of first appearance. A value of up to 16 bytes
 * is compared as two words, a longer one with its copy in the arena. New values are appended to the
 * arena, where the caller decodes them to strings (entries: byte offset, byte length and UTF-16
 * length per code).
 */
import { alloc, grow, release } from './memory';

/** Slot: code + 1 (0 empty) and the value's hash; the rest is in the entry of its code. */
const SLOT: usize = 8;
/** Entry per code: the first 16 bytes (two u64), arena offset, byte length, UTF-16 length, hash. */
const ENTRY: usize = 32;

/** A view of raw memory (the kernel makes no managed objects): see dictionaryAt. */
@unmanaged
export class ByteDictionary {
  table: usize;
  mask: u32;
  size: i32;
  arena: usize;
  arenaUsed: usize;
  arenaCap: usize;
  entries: usize;
  entriesCap: i32;

  /**
   * `slots`: the table's first size (a power of two). Sized for the values expected, it saves the
   * rehashes of growing, each a pass of cache misses over the whole table. False when memory could
   * not be had.
   */
  init(slots: u32): bool {
    this.mask = slots - 1;
    this.table = alloc(SLOT * <usize>slots, true);
    this.arenaCap = 4096;
    this.arena = alloc(this.arenaCap, false);
    this.entriesCap = 256;
    this.entries = alloc(ENTRY * 256, false);
    return this.table != 0 && this.arena != 0 && this.entries != 0;
  }

  /**
   * The code of the bytes [p, p + len), adding them if new; −1 when memory ran out. Reads up to 16
   * bytes from p whatever len is: the caller's buffer has that much slack.
   *
   * The table holds only codes and hashes (8 bytes a slot), the values are in entries by code. Codes
   * go by first appearance, so the values met most often (a big customer's id appears early and
   * often) sit together at the start of the entries, where the cache keeps them.
   */
  code(p: usize, len: i32): i32 {
    keyOf(p, len);
    return this.codeOfKey(p, len, keyHash, keyLow, keyHigh);
  }

  /**
   * Reads the slot a key's probe starts at, and the entry it points to, and returns a word of them:
   * the caller sums it where the optimiser cannot drop it. Done for a batch of keys before their
   * lookups, the cache misses of the batch overlap instead of coming one after another.
   */
  touch(h: u32): u32 {
    const s = this.table + (<usize>(h & this.mask)) * SLOT;
    const entry = load<i32>(s);
    return entry == 0 ? 0 : load<u32>(this.entries + (<usize>(entry - 1)) * ENTRY, 20);
  }

  /** code() for a key from keyOf. */
  codeOfKey(p: usize, len: i32, h: u32, k0: u64, k1: u64): i32 {
    const table = this.table;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = table + (<usize>i) * SLOT;
      const entry = load<i32>(s);
      if (entry == 0) return this.add(s, p, len, h, k0, k1);
      if (load<u32>(s, 4) != h) continue;
      const e = this.entries + (<usize>(entry - 1)) * ENTRY;
      if (load<i32>(e, 20) != len || load<u64>(e) != k0 || load<u64>(e, 8) != k1) continue;
      if (len <= 16 || memory.compare(this.arena + <usize>load<u32>(e, 16), p, len) == 0) return entry - 1;
    }
    return -1; // not reached: the table is never full
  }

  private add(s: usize, p: usize, len: i32, h: u32, k0: u64, k1: u64): i32 {
    const code = this.size;
    if (this.arenaUsed + <usize>len > this.arenaCap) {
      let cap = this.arenaCap * 2;
      while (this.arenaUsed + <usize>len > cap) cap *= 2;
      const at = grow(this.arena, this.arenaCap, this.arenaUsed, cap);
      if (at == 0) return -1;
      this.arena = at;
      this.arenaCap = cap;
    }
    if (code == this.entriesCap) {
      const at = grow(this.entries, ENTRY * this.entriesCap, ENTRY * this.entriesCap, ENTRY * this.entriesCap * 2);
      if (at == 0) return -1;
      this.entries = at;
      this.entriesCap *= 2;
    }
    const off = this.arenaUsed;
    // A byte loop: memory.copy is a call into the engine, slow for a few bytes.
    const to = this.arena + off;
    for (let i = 0; i < len; i++) store<u8>(to + <usize>i, load<u8>(p + <usize>i));
    this.arenaUsed += len;
    const e = this.entries + (<usize>code) * ENTRY;
    store<u64>(e, k0);
    store<u64>(e, k1, 8);
    store<u32>(e, <u32>off, 16);
    store<i32>(e, len, 20);
    store<i32>(e, utf16Length(p, len), 24);
    store<u32>(e, h, 28);
    store<i32>(s, code + 1);
    store<u32>(s, h, 4);
    this.size = code + 1;
    // At most half full.
    if (<u32>(code + 1) * 2 > this.mask && !this.rehash()) return -1;
    return code;
  }

  private rehash(): bool {
    const oldSlots = this.mask + 1;
    const slots = oldSlots * 2;
    const table = alloc(SLOT * slots, true);
    if (table == 0) return false;
    const mask = slots - 1;
    const old = this.table;
    for (let j: u32 = 0; j < oldSlots; j++) {
      const s = old + (<usize>j) * SLOT;
      if (load<i32>(s) == 0) continue;
      let i = load<u32>(s, 4) & mask;
      while (load<i32>(table + (<usize>i) * SLOT) != 0) i = (i + 1) & mask;
      store<u64>(table + (<usize>i) * SLOT, load<u64>(s));
    }
    release(old, SLOT * oldSlots);
    this.table = table;
    this.mask = mask;
    return true;
  }
}

// The key of the last keyOf: the hash and, for values of up to 16 bytes, the bytes as two words.
export let keyHash: u32 = 0;
export let keyLow: u64 = 0;
export let keyHigh: u64 = 0;

/** The key of the bytes [p, p + len); reads up to 16 bytes from p whatever len is. */
export function keyOf(p: usize, len: i32): void {
  let k0: u64 = 0;
  let k1: u64 = 0;
  if (len <= 16) {
    const a = load<u64>(p);
    const b = load<u64>(p + 8);
    if (len >= 8) {
      k0 = a;
      k1 = len >= 16 ? b : b & ((<u64>1 << (<u64>(len - 8) << 3)) - 1);
    } else k0 = a & ((<u64>1 << (<u64>len << 3)) - 1);
    keyHash = mixWords(k0, k1, len);
  } else keyHash = <u32>hashBytes64(p, len, 0x9e3779b97f4a7c15);
  keyLow = k0;
  keyHigh = k1;
}

/** The text is GBK (two-byte GB18030) rather than UTF-8: set by the kernel's setup. */
let gbk = false;
export function setGbk(on: bool): void {
  gbk = on;
}

/**
 * UTF-16 code units of valid text: for UTF-8 one per character, two for one of four bytes; for GBK
 * one per character, of one byte or two (every two-byte GB18030 character is in the BMP).
 */
function utf16Length(p: usize, len: i32): i32 {
  let n = 0;
  if (gbk) {
    for (let i = 0; i < len; i++) {
      if (load<u8>(p + <usize>i) >= 0x80) i++;
      n++;
    }
    return n;
  }
  for (let i = 0; i < len; i++) {
    const b = load<u8>(p + <usize>i);
    if ((b & 0xc0) != 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

function fmix(h: u64): u64 {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  return h ^ (h >> 33);
}

function mixWords(k0: u64, k1: u64, len: i32): u32 {
  return <u32>fmix((k0 * 0x9e3779b97f4a7c15) ^ rotl<u64>(k1 * 0xc2b2ae3d27d4eb4f, 31) ^ <u64>len);
}

/** A 64-bit hash of any bytes (xxHash64's rounds over 8-byte words), folded to 32 bits by callers. */
export function hashBytes64(p: usize, len: i32, seed: u64): u64 {
  let h: u64 = seed ^ (<u64>len * 0x27d4eb2f165667c5);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const w = load<u64>(p + <usize>i);
    h ^= rotl<u64>(w * 0xc2b2ae3d27d4eb4f, 31) * 0x9e3779b185ebca87;
    h = rotl<u64>(h, 27) * 0x9e3779b185ebca87 + 0x85ebca77c2b2ae63;
  }
  if (i < len) {
    const w = load<u64>(p + <usize>i) & ((<u64>1 << (<u64>(len - i) << 3)) - 1);
    h ^= rotl<u64>(w * 0xc2b2ae3d27d4eb4f, 31) * 0x9e3779b185ebca87;
    h = rotl<u64>(h, 27) * 0x9e3779b185ebca87 + 0x85ebca77c2b2ae63;
  }
  return fmix(h);
}

function hashBytes(p: usize, len: i32, seed: u64): u32 {
  return <u32>hashBytes64(p, len, seed);
}

/** The dictionary whose fields are at `at` (offsetof<ByteDictionary>() bytes). */
export function dictionaryAt(at: usize): ByteDictionary {
  return changetype<ByteDictionary>(at);
}
