/**
 * The kernel's own allocator: new blocks of the size asked for, freed blocks kept in a list per power
 * of two and reused. The import's tables double as they fill; without reuse each doubling would leave
 * the old block behind (as much again as the final size). A block in list k holds at least 2^k bytes
 * and is handed out for requests of at most 2^k.
 */

let top: usize = 0;
/**
 * Free blocks per size class (2^k bytes), in static data (the kernel makes no managed objects): the
 * first word of a free block is the next one's address.
 */
const FREE: usize = memory.data(32 * sizeof<usize>());
function bin(k: i32): usize {
  return FREE + ((<usize>k) << alignof<usize>());
}

/** Starts over: every block is free (and holds whatever the last import left there). */
export function resetMemory(base: usize): void {
  top = (base + 15) & ~15;
  memory.fill(FREE, 0, 32 * sizeof<usize>());
}

/** Sizes are whole 16-byte units of at least 64 bytes. */
function sizeOf(bytes: usize): usize {
  return bytes < 64 ? 64 : (bytes + 15) & ~15;
}

/**
 * A block of at least `bytes` bytes, zeroed when `zero` (the others are written before they are read),
 * or 0 when memory cannot grow to hold it.
 */
export function alloc(bytes: usize, zero: bool): usize {
  if (bytes > 0x40000000) return 0;
  const size = sizeOf(bytes);
  // The list whose blocks all hold `size`: the power of two at or above it.
  const k = 32 - clz<u32>(<u32>(size - 1));
  let at = load<usize>(bin(k));
  if (at != 0) {
    store<usize>(bin(k), load<usize>(at));
  } else {
    at = (top + 15) & ~15;
    const end = at + size;
    if (end < at) return 0;
    const need = <i32>((end + 0xffff) >>> 16);
    const have = memory.size();
    if (need > have && memory.grow(need - have) < 0) return 0;
    top = end;
  }
  if (zero) memory.fill(at, 0, size);
  return at;
}

/** Gives back a block from alloc of `bytes` bytes. */
export function release(at: usize, bytes: usize): void {
  if (at == 0) return;
  // The list of the power of two at or below the block's size.
  const k = 31 - clz<u32>(<u32>sizeOf(bytes));
  store<usize>(at, load<usize>(bin(k)));
  store<usize>(bin(k), at);
}

/** A block of `bytes` holding the first `used` bytes of `old` (of `oldBytes`), which is released; 0 on failure. */
export function grow(old: usize, oldBytes: usize, used: usize, bytes: usize): usize {
  const at = alloc(bytes, false);
  if (at == 0) return 0;
  memory.copy(at, old, used);
  release(old, oldBytes);
  return at;
}
