/**
 * Reads entries of a ZIP archive held in memory (an XLSX file is one), by its central directory, so
 * parts can be read in any order. Decompression is passed in (`InflateFactory`, e.g. fflate's
 * streaming Inflate) to keep the engine free of dependencies; a large entry is inflated piece by
 * piece, so a worksheet of a million rows is never one buffer.
 *
 * Errors are data: a ZipError with a code the UI words.
 */

export type ZipErrorCode = 'notZip' | 'zip64' | 'encrypted' | 'compression' | 'corrupt' | 'missing' | 'tooLarge';

export class ZipError extends Error {
  constructor(readonly code: ZipErrorCode, detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ZipError';
  }
}

/** A streaming inflater: `push` raw DEFLATE data; output arrives through the callback given to the factory. */
export interface Inflater {
  push(data: Uint8Array, final: boolean): void;
}
export type InflateFactory = (onData: (chunk: Uint8Array, final: boolean) => void) => Inflater;

export interface ZipEntry {
  /** The name's bytes one to one as characters (how parts are looked up: OOXML names are ASCII). */
  name: string;
  /** The name's bytes, and whether the archive says they are UTF-8 (general purpose flag bit 11). */
  rawName: Uint8Array;
  utf8Name: boolean;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A piece of an entry's content, and how much of the archive has been read for it so far. */
export interface ZipPiece {
  data: Uint8Array;
  compressedRead: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Most an entry may inflate to (a worksheet of Excel's 1,048,576 rows stays far below). */
const MAX_ENTRY_SIZE = 2 ** 31;

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #inflate: InflateFactory;

  constructor(bytes: Uint8Array, inflate: InflateFactory) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#inflate = inflate;
    this.#readDirectory();
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The whole content of an entry (for the small parts of a workbook). */
  read(name: string): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (const piece of this.pieces(name)) {
      parts.push(piece.data);
      total += piece.data.length;
    }
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** An entry's content in pieces, inflating about `pieceBytes` of compressed data at a time. */
  *pieces(name: string, pieceBytes = 1 << 20): Generator<ZipPiece> {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError('missing', name);
    const v = this.#view;
    const at = entry.localOffset;
    if (at + 30 > this.#bytes.length || v.getUint32(at, true) !== LOCAL) throw new ZipError('corrupt', `local header of ${name}`);
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.#bytes.length) throw new ZipError('corrupt', `${name} runs past the end`);
    if (entry.method === 0) {
      for (let p = start; p < end || p === start; p += pieceBytes) {
        const to = Math.min(end, p + pieceBytes);
        yield { data: this.#bytes.subarray(p, to), compressedRead: to - start };
        if (to >= end) return;
      }
      return;
    }
    let out: Uint8Array[] = [];
    let produced = 0;
    const inflater = this.#inflate((chunk) => {
      produced += chunk.length;
      if (produced > entry.size) throw new ZipError('corrupt', `${name} inflates beyond its declared size`);
      out.push(chunk);
    });
    for (let p = start; p < end || p === start; p += pieceBytes) {
      const to = Math.min(end, p + pieceBytes);
      try {
        inflater.push(this.#bytes.subarray(p, to), to >= end);
      } catch (e) {
        throw e instanceof ZipError ? e : new ZipError('corrupt', `${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const data of out) yield { data, compressedRead: to - start };
      out = [];
      if (to >= end) break;
    }
    if (produced !== entry.size) throw new ZipError('corrupt', `${name} inflated to ${produced} of ${entry.size} bytes`);
  }

  #readDirectory(): void {
    const bytes = this.#bytes;
    const v = this.#view;
    const n = bytes.length;
    if (n < 22 || v.getUint32(0, true) !== LOCAL) throw new ZipError('notZip');
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('corrupt', 'no end of central directory');
    const count = v.getUint16(eocd + 10, true);
    const dirSize = v.getUint32(eocd + 12, true);
    const dirOffset = v.getUint32(eocd + 16, true);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw new ZipError('zip64');
    if (dirOffset + dirSize > n) throw new ZipError('corrupt', 'central directory outside the file');
    let p = dirOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > n || v.getUint32(p, true) !== CENTRAL) throw new ZipError('corrupt', 'central directory entry');
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      const compressedSize = v.getUint32(p + 20, true);
      const size = v.getUint32(p + 24, true);
      const nameLength = v.getUint16(p + 28, true);
      const extraLength = v.getUint16(p + 30, true);
      const commentLength = v.getUint16(p + 32, true);
      const localOffset = v.getUint32(p + 42, true);
      const rawName = bytes.slice(p + 46, p + 46 + nameLength);
      const name = latin1(rawName);
      p += 46 + nameLength + extraLength + commentLength;
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipError('zip64');
      if (name.endsWith('/')) continue;
      if (flags & 1) throw new ZipError('encrypted', name);
      if (method !== 0 && method !== 8) throw new ZipError('compression', `${name}: method ${method}`);
      if (size > MAX_ENTRY_SIZE) throw new ZipError('tooLarge', name);
      this.entries.set(name, { name, rawName, utf8Name: (flags & 0x800) !== 0, method, compressedSize, size, localOffset });
    }
  }
}

/** Part names of an OOXML package are ASCII; other bytes are kept one to one. */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
