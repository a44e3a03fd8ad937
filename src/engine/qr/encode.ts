/**
 * A QR code encoder (ISO/IEC 18004), byte mode only, error correction L or M, versions 1–40.
 * Pure: it returns the module grid; the UI draws it. Byte mode is all the app needs (links and
 * proposal codes are ASCII), and L/M keep the most room for data on a phone's screen.
 */
import { strToU8 } from 'fflate';
import { rsGenerator, rsRemainder } from './reedSolomon';

export type QrLevel = 'L' | 'M';

/** Error-correction codewords per block, by level and version (index 0 unused). */
const EC_PER_BLOCK: Record<QrLevel, readonly number[]> = {
  L: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
};
/** Number of error-correction blocks, by level and version. */
const BLOCKS: Record<QrLevel, readonly number[]> = {
  L: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
};
/** The two bits a level writes into the format information. */
const FORMAT_BITS: Record<QrLevel, number> = { L: 1, M: 0 };

export interface QrCode {
  version: number;
  level: QrLevel;
  mask: number;
  size: number;
  /** Row-major, true = dark. */
  modules: boolean[][];
}

export class QrTooLong extends Error {
  constructor(readonly bytes: number, readonly max: number) {
    super(`QR payload of ${bytes} bytes exceeds ${max}`);
  }
}

/** Modules that can carry data (everything but function patterns, format and version information). */
export function rawDataModules(version: number): number {
  let n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

/** Data codewords (after error correction is set aside) of a version and level. */
export function dataCodewords(version: number, level: QrLevel): number {
  return Math.floor(rawDataModules(version) / 8) - EC_PER_BLOCK[level][version] * BLOCKS[level][version];
}

/** How many bytes fit in byte mode: mode (4 bits) and count (8 or 16 bits) come first. */
export function byteCapacity(version: number, level: QrLevel): number {
  const countBits = version <= 9 ? 8 : 16;
  return Math.floor((dataCodewords(version, level) * 8 - 4 - countBits) / 8);
}

export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const size = version * 4 + 17;
  const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/** The 15 format bits (level and mask, BCH-protected, XOR-masked) as written next to the finders. */
export function formatBits(level: QrLevel, mask: number): number {
  const data = (FORMAT_BITS[level] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits (versions 7 and up). */
export function versionBits(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | rem;
}

const bit = (x: number, i: number): boolean => ((x >>> i) & 1) !== 0;

/** Data bits of a byte-mode segment, terminated and padded to the version's data codewords. */
function dataCodewordsOf(bytes: Uint8Array, version: number, level: QrLevel): number[] {
  const bits: number[] = [];
  const push = (value: number, len: number): void => {
    for (let i = len - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4);
  push(bytes.length, version <= 9 ? 8 : 16);
  for (const b of bytes) push(b, 8);
  const capacity = dataCodewords(version, level) * 8;
  push(0, Math.min(4, capacity - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; out.length < capacity / 8; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

/** Splits data into blocks, adds each block's error correction and interleaves them. */
function interleaved(data: number[], version: number, level: QrLevel): number[] {
  const blocks = BLOCKS[level][version];
  const ecLen = EC_PER_BLOCK[level][version];
  const raw = Math.floor(rawDataModules(version) / 8);
  const shortBlocks = blocks - (raw % blocks);
  const shortLen = Math.floor(raw / blocks);
  const gen = rsGenerator(ecLen);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const dat = data.slice(k, k + shortLen - ecLen + (i < shortBlocks ? 0 : 1));
    k += dat.length;
    const ec = rsRemainder(dat, gen);
    if (i < shortBlocks) dat.push(0); // a placeholder, skipped below, so all blocks line up
    all.push([...dat, ...ec]);
  }
  const out: number[] = [];
  for (let i = 0; i < all[0].length; i++) {
    for (let j = 0; j < all.length; j++) if (i !== shortLen - ecLen || j >= shortBlocks) out.push(all[j][i]);
  }
  return out;
}

/** Whether mask `m` flips the module at column x, row y. */
export function maskAt(m: number, x: number, y: number): boolean {
  switch (m) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

class Grid {
  readonly size: number;
  readonly dark: boolean[][];
  readonly fixed: boolean[][];
  constructor(readonly version: number) {
    this.size = version * 4 + 17;
    this.dark = Array.from({ length: this.size }, () => Array<boolean>(this.size).fill(false));
    this.fixed = Array.from({ length: this.size }, () => Array<boolean>(this.size).fill(false));
  }
  set(x: number, y: number, dark: boolean): void {
    this.dark[y][x] = dark;
    this.fixed[y][x] = true;
  }

  drawFunctionPatterns(): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    for (const [cx, cy] of [[3, 3], [n - 4, 3], [3, n - 4]]) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const d = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < n && y >= 0 && y < n) this.set(x, y, d !== 2 && d !== 4);
        }
      }
    }
    const pos = alignmentPositions(this.version);
    const last = pos.length - 1;
    for (let i = 0; i < pos.length; i++) {
      for (let j = 0; j < pos.length; j++) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) this.set(pos[i] + dx, pos[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
    this.drawFormat(0, 'L'); // reserves the format areas; the real bits come with the mask
    if (this.version >= 7) {
      const bits = versionBits(this.version);
      for (let i = 0; i < 18; i++) {
        const a = n - 11 + (i % 3);
        const b = Math.floor(i / 3);
        this.set(a, b, bit(bits, i));
        this.set(b, a, bit(bits, i));
      }
    }
  }

  drawFormat(mask: number, level: QrLevel): void {
    const bits = formatBits(level, mask);
    const n = this.size;
    for (let i = 0; i <= 5; i++) this.set(8, i, bit(bits, i));
    this.set(8, 7, bit(bits, 6));
    this.set(8, 8, bit(bits, 7));
    this.set(7, 8, bit(bits, 8));
    for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(bits, i));
    for (let i = 0; i < 8; i++) this.set(n - 1 - i, 8, bit(bits, i));
    for (let i = 8; i < 15; i++) this.set(8, n - 15 + i, bit(bits, i));
    this.set(8, n - 8, true); // the dark module
  }

  /** Places codewords in the two-column zigzag from the bottom right, skipping the timing column. */
  drawCodewords(codewords: number[]): void {
    const n = this.size;
    let i = 0;
    for (let right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < n; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? n - 1 - vert : vert;
          if (this.fixed[y][x]) continue;
          // Remainder bits past the last codeword stay light.
          if (i < codewords.length * 8) this.dark[y][x] = bit(codewords[i >>> 3], 7 - (i & 7));
          i++;
        }
      }
    }
  }

  applyMask(m: number): void {
    for (let y = 0; y < this.size; y++) for (let x = 0; x < this.size; x++) if (!this.fixed[y][x] && maskAt(m, x, y)) this.dark[y][x] = !this.dark[y][x];
  }

  /** The standard's penalty score: runs, 2×2 blocks, finder look-alikes and dark/light balance. */
  penalty(): number {
    const n = this.size;
    let score = 0;
    const line = (get: (i: number) => boolean): void => {
      let run = 1;
      for (let i = 1; i <= n; i++) {
        if (i < n && get(i) === get(i - 1)) run++;
        else {
          if (run >= 5) score += 3 + run - 5;
          run = 1;
        }
      }
      const pattern = [true, false, true, true, true, false, true];
      for (let i = 0; i + 7 <= n; i++) {
        if (!pattern.every((p, k) => get(i + k) === p)) continue;
        const lightBefore = [1, 2, 3, 4].every((k) => i - k < 0 || !get(i - k));
        const lightAfter = [0, 1, 2, 3].every((k) => i + 7 + k >= n || !get(i + 7 + k));
        if (lightBefore || lightAfter) score += 40;
      }
    };
    for (let y = 0; y < n; y++) line((i) => this.dark[y][i]);
    for (let x = 0; x < n; x++) line((i) => this.dark[i][x]);
    let dark = 0;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (this.dark[y][x]) dark++;
        if (x + 1 < n && y + 1 < n) {
          const c = this.dark[y][x];
          if (c === this.dark[y][x + 1] && c === this.dark[y + 1][x] && c === this.dark[y + 1][x + 1]) score += 3;
        }
      }
    }
    score += Math.floor(Math.abs(dark * 20 - n * n * 10) / (n * n)) * 10;
    return score;
  }
}

/** How a version and level split their codewords: blocks and error-correction codewords per block. */
export function blockLayout(version: number, level: QrLevel): { blocks: number; ecPerBlock: number } {
  return { blocks: BLOCKS[level][version], ecPerBlock: EC_PER_BLOCK[level][version] };
}

/** The largest byte payload any version can hold at this level (version 40). */
export function maxBytes(level: QrLevel): number {
  return byteCapacity(40, level);
}

/**
 * Encodes bytes as the smallest QR code that holds them at `level` (from `minVersion`), with the
 * mask of lowest penalty, or the given mask. Throws QrTooLong past version 40.
 */
export function encodeQr(bytes: Uint8Array, level: QrLevel = 'M', opts: { mask?: number; minVersion?: number } = {}): QrCode {
  let version = Math.max(1, opts.minVersion ?? 1);
  while (version <= 40 && byteCapacity(version, level) < bytes.length) version++;
  if (version > 40) throw new QrTooLong(bytes.length, maxBytes(level));
  const codewords = interleaved(dataCodewordsOf(bytes, version, level), version, level);
  let best: { mask: number; grid: Grid; score: number } | null = null;
  const masks = opts.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [opts.mask];
  for (const mask of masks) {
    const grid = new Grid(version);
    grid.drawFunctionPatterns();
    grid.drawCodewords(codewords);
    grid.applyMask(mask);
    grid.drawFormat(mask, level);
    const score = masks.length === 1 ? 0 : grid.penalty();
    if (!best || score < best.score) best = { mask, grid, score };
  }
  const { mask, grid } = best!;
  return { version, level, mask, size: grid.size, modules: grid.dark };
}

export function encodeQrText(text: string, level: QrLevel = 'M'): QrCode {
  return encodeQr(strToU8(text), level);
}
