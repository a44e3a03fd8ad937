/**
 * A small QR reader for tests: it reads a module grid back to bytes using the standard's published
 * tables (format strings, alignment positions) rather than the encoder's own code, and checks every
 * block's Reed–Solomon syndromes, so an encoder bug shows up as a failed read.
 */
import { blockLayout, type QrLevel } from '../../../src/engine/qr/encode';

/** ISO/IEC 18004 Table C.1: format strings (after masking), MSB first, for levels L and M, masks 0–7. */
const FORMAT_TABLE: Record<string, [QrLevel, number]> = {};
const L = ['111011111000100', '111001011110011', '111110110101010', '111100010011101', '110011000101111', '110001100011000', '110110001000001', '110100101110110'];
const M = ['101010000010010', '101000100100101', '101111001111100', '101101101001011', '100010111111001', '100000011001110', '100111110010111', '100101010100000'];
L.forEach((s, m) => (FORMAT_TABLE[s] = ['L', m]));
M.forEach((s, m) => (FORMAT_TABLE[s] = ['M', m]));
export const FORMAT_STRINGS = { L, M };

/** ISO/IEC 18004 Table E.1: row/column coordinates of alignment pattern centres, versions 1–40. */
export const ALIGNMENT_TABLE: number[][] = [
  [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
  [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90],
  [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106], [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118], [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
  [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142], [6, 34, 62, 90, 118, 146], [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158], [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
];

const EXP: number[] = [];
const LOG: number[] = [];
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
const mul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : EXP[(LOG[a] + LOG[b]) % 255]);

/** Syndromes S_i = c(α^i), i = 0…n−1: all zero for an intact codeword. */
export function syndromesZero(block: number[], ecLen: number): boolean {
  for (let i = 0; i < ecLen; i++) {
    let s = 0;
    for (const c of block) s = mul(s, EXP[i]) ^ c;
    if (s !== 0) return false;
  }
  return true;
}

function maskBit(m: number, r: number, c: number): boolean {
  // The standard's mask conditions, written with i = row, j = column as in Table 10.
  const i = r;
  const j = c;
  return [
    (i + j) % 2 === 0,
    i % 2 === 0,
    j % 3 === 0,
    (i + j) % 3 === 0,
    (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
    ((i * j) % 2) + ((i * j) % 3) === 0,
    (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
    (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
  ][m];
}

export function decodeQr(grid: boolean[][]): { bytes: Uint8Array; level: QrLevel; version: number; mask: number } {
  const n = grid.length;
  const version = (n - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 40) throw new Error(`bad size ${n}`);
  const b = (r: number, c: number): string => (grid[r][c] ? '1' : '0');
  // First copy, MSB first: row 8 columns 0–5, 7, 8, then column 8 rows 7, 5…0.
  let fmt = '';
  for (const c of [0, 1, 2, 3, 4, 5, 7]) fmt += b(8, c);
  fmt += b(8, 8) + b(7, 8);
  for (const r of [5, 4, 3, 2, 1, 0]) fmt += b(r, 8);
  // Second copy: column 8 from the bottom (rows n−1…n−7), then row 8 columns n−8…n−1.
  let fmt2 = '';
  for (let r = n - 1; r >= n - 7; r--) fmt2 += b(r, 8);
  for (let c = n - 8; c < n; c++) fmt2 += b(8, c);
  if (fmt !== fmt2) throw new Error(`format copies differ ${fmt} ${fmt2}`);
  const found = FORMAT_TABLE[fmt];
  if (!found) throw new Error(`unknown format ${fmt}`);
  if (!grid[n - 8][8]) throw new Error('dark module missing');
  const [level, mask] = found;

  const fn = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  const mark = (r0: number, c0: number, h: number, w: number): void => {
    for (let r = r0; r < r0 + h; r++) for (let c = c0; c < c0 + w; c++) if (r >= 0 && c >= 0 && r < n && c < n) fn[r][c] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, n - 8, 9, 8);
  mark(n - 8, 0, 8, 9);
  mark(6, 0, 1, n);
  mark(0, 6, n, 1);
  const al = ALIGNMENT_TABLE[version];
  // Every pair of coordinates has a pattern except the three that would sit on a finder.
  const last = al[al.length - 1];
  for (const r of al) for (const c of al) if (!((r === 6 && c === 6) || (r === 6 && c === last) || (r === last && c === 6))) mark(r - 2, c - 2, 5, 5);
  if (version >= 7) {
    mark(0, n - 11, 6, 3);
    mark(n - 11, 0, 3, 6);
  }

  const bits: number[] = [];
  let upward = true;
  for (let right = n - 1; right > 0; right -= 2) {
    if (right === 6) right--;
    for (let k = 0; k < n; k++) {
      const r = upward ? n - 1 - k : k;
      for (const c of [right, right - 1]) if (!fn[r][c]) bits.push((grid[r][c] !== maskBit(mask, r, c) ? 1 : 0));
    }
    upward = !upward;
  }
  const total = Math.floor(bits.length / 8);
  const codewords: number[] = [];
  for (let i = 0; i < total; i++) codewords.push(bits.slice(i * 8, i * 8 + 8).reduce((a, x) => (a << 1) | x, 0));

  const { blocks, ecPerBlock } = blockLayout(version, level);
  const shortLen = Math.floor(total / blocks);
  const longBlocks = total % blocks;
  const dataLens = Array.from({ length: blocks }, (_, i) => shortLen - ecPerBlock + (i >= blocks - longBlocks ? 1 : 0));
  const blockData: number[][] = dataLens.map(() => []);
  const blockEc: number[][] = dataLens.map(() => []);
  let k = 0;
  for (let i = 0; i < Math.max(...dataLens); i++) for (let j = 0; j < blocks; j++) if (i < dataLens[j]) blockData[j].push(codewords[k++]);
  for (let i = 0; i < ecPerBlock; i++) for (let j = 0; j < blocks; j++) blockEc[j].push(codewords[k++]);
  for (let j = 0; j < blocks; j++) if (!syndromesZero([...blockData[j], ...blockEc[j]], ecPerBlock)) throw new Error(`block ${j} fails its check`);

  const data = blockData.flat();
  let pos = 0;
  const read = (len: number): number => {
    let v = 0;
    for (let i = 0; i < len; i++, pos++) v = (v << 1) | ((data[pos >>> 3] >>> (7 - (pos & 7))) & 1);
    return v;
  };
  const mode = read(4);
  if (mode !== 0b0100) throw new Error(`mode ${mode}`);
  const count = read(version <= 9 ? 8 : 16);
  const bytes = new Uint8Array(count);
  for (let i = 0; i < count; i++) bytes[i] = read(8);
  return { bytes, level, version, mask };
}
