/**
 * The bytes of a file to import, whatever holds them: a plain file, a `.gz` stream, one file inside a
 * `.zip`. The worker makes a ByteSource of a File (and supplies gunzip, which needs the platform's
 * DecompressionStream); `openSource` looks at the first bytes and unwraps containers, so the preview
 * and the import read every kind the same way.
 */
import type { TextDecoderFactory } from './encoding';
import { ImportFailure } from './failure';
import { readWorkbook, XlsxError, type XlsxWorkbook } from './xlsx';
import { ZipArchive, ZipError, type InflateFactory, type ZipEntry } from './zip';

export interface SourceChunk {
  data: Uint8Array;
  /** Bytes of the stored file consumed so far (compressed bytes for a container): the progress. */
  read: number;
}

export interface ByteSource {
  readonly name: string;
  /** Bytes of the stored file: the whole of progress. */
  readonly size: number;
  /** Bytes of the content (for a `.gz`, what its trailer says), for estimates only. */
  readonly contentSize: number;
  /** The first `bytes` bytes of the content (fewer at its end). */
  head(bytes: number): Promise<Uint8Array>;
  /** The content in chunks, from the start. */
  chunks(): AsyncIterable<SourceChunk>;
  /** The whole content (a workbook is read from memory). */
  bytes(): Promise<Uint8Array>;
}

export interface SourceDeps {
  decoders: TextDecoderFactory;
  inflate: InflateFactory;
  /** The content of a gzip-compressed source, streamed (ImportFailure 'badGzip' when it is damaged). */
  gunzip: (source: ByteSource) => Promise<ByteSource>;
}

export type Container = 'gzip' | 'zip' | null;

export type OpenedSource =
  | { kind: 'csv'; source: ByteSource; container: Container }
  | { kind: 'xlsx'; source: ByteSource; container: Container; zip: ZipArchive; workbook: XlsxWorkbook };

const startsWith = (b: Uint8Array, ...magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);
const isZip = (b: Uint8Array) => startsWith(b, 0x50, 0x4b, 0x03, 0x04);
/** An archive with no entry at all is only its end record. */
const isEmptyZip = (b: Uint8Array) => startsWith(b, 0x50, 0x4b, 0x05, 0x06);
const isGzip = (b: Uint8Array) => startsWith(b, 0x1f, 0x8b);
/** An OLE compound file: Excel 97–2003, or an encrypted XLSX. */
const isOle = (b: Uint8Array) => startsWith(b, 0xd0, 0xcf, 0x11, 0xe0);

/** Entries of an archive that are files a person put there (not folders nor macOS metadata). */
function realEntries(zip: ZipArchive): string[] {
  return [...zip.entries.keys()].filter((name) => !name.startsWith('__MACOSX/') && !/(^|\/)\.DS_Store$/.test(name));
}

/**
 * An entry's file name for people: UTF-8 when the archive says so or the bytes are valid UTF-8, else
 * GB18030 (what the zip tools of a Chinese Windows write, without saying so).
 */
function entryName(entry: ZipEntry, decoders: TextDecoderFactory): string {
  let name: string;
  try {
    name = decoders('utf-8', { fatal: true }).decode(entry.rawName);
  } catch {
    name = decoders(entry.utf8Name ? 'utf-8' : 'gb18030', { fatal: false }).decode(entry.rawName);
  }
  return name.slice(name.lastIndexOf('/') + 1);
}

/** One entry of an archive as a source; progress counts the entry's compressed bytes. */
function zipEntrySource(zip: ZipArchive, name: string, decoders: TextDecoderFactory): ByteSource {
  const entry = zip.entries.get(name)!;
  const source: ByteSource = {
    name: entryName(entry, decoders),
    size: Math.max(1, entry.compressedSize),
    contentSize: entry.size,
    async head(bytes: number): Promise<Uint8Array> {
      const parts: Uint8Array[] = [];
      let total = 0;
      for (const piece of zip.pieces(name, 64 * 1024)) {
        parts.push(piece.data);
        total += piece.data.length;
        if (total >= bytes) break;
      }
      return concat(parts, Math.min(total, bytes));
    },
    async *chunks(): AsyncIterable<SourceChunk> {
      for (const piece of zip.pieces(name)) yield { data: piece.data, read: piece.compressedRead };
    },
    async bytes(): Promise<Uint8Array> {
      return zip.read(name);
    },
  };
  return source;
}

export function concat(parts: readonly Uint8Array[], length = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (at >= length) break;
    const take = Math.min(p.length, length - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}

/** A damaged archive is a damaged workbook when the file says it is one. */
function openZip(bytes: Uint8Array, inflate: InflateFactory, name: string): ZipArchive {
  try {
    return new ZipArchive(bytes, inflate);
  } catch (e) {
    if (e instanceof ZipError) throw new ImportFailure(/\.xls[xm]$/i.test(name) ? 'badXlsx' : 'badZip');
    throw e;
  }
}

function openWorkbook(source: ByteSource, container: Container, zip: ZipArchive, decoders: TextDecoderFactory): OpenedSource {
  try {
    return { kind: 'xlsx', source, container, zip, workbook: readWorkbook(zip, decoders) };
  } catch (e) {
    if (e instanceof ZipError || e instanceof XlsxError) throw new ImportFailure('badXlsx');
    throw e;
  }
}

/**
 * What the file is: text (CSV, TSV, aligned columns) or an XLSX workbook, possibly inside a `.gz` or a
 * `.zip` holding exactly one file. Throws ImportFailure for an empty file, an old `.xls`, an archive
 * with no file or several, and damaged containers.
 */
export async function openSource(file: ByteSource, deps: SourceDeps): Promise<OpenedSource> {
  if (file.size === 0) throw new ImportFailure('empty');
  const head = await file.head(8);
  if (isOle(head)) throw new ImportFailure('unsupportedXls');
  if (isGzip(head)) {
    const inner = await deps.gunzip(file);
    const innerHead = await inner.head(8);
    if (innerHead.length === 0) throw new ImportFailure('empty');
    if (isZip(innerHead)) return fromZip(await inner.bytes(), inner, 'gzip', deps);
    return { kind: 'csv', source: inner, container: 'gzip' };
  }
  if (isZip(head)) return fromZip(await file.bytes(), file, null, deps);
  if (isEmptyZip(head)) throw new ImportFailure('zipEmpty');
  return { kind: 'csv', source: file, container: null };
}

async function fromZip(bytes: Uint8Array, outer: ByteSource, container: Container, deps: SourceDeps): Promise<OpenedSource> {
  const zip = openZip(bytes, deps.inflate, outer.name);
  if (zip.has('xl/workbook.xml')) return openWorkbook(outer, container, zip, deps.decoders);
  const names = realEntries(zip);
  if (names.length === 0) throw new ImportFailure('zipEmpty');
  if (names.length > 1) throw new ImportFailure('zipSeveral', { names: names.slice(0, 10).map((n) => entryName(zip.entries.get(n)!, deps.decoders)) });
  const inner = zipEntrySource(zip, names[0], deps.decoders);
  const innerHead = await inner.head(8);
  if (innerHead.length === 0) throw new ImportFailure('empty');
  if (isOle(innerHead)) throw new ImportFailure('unsupportedXls');
  if (isZip(innerHead)) {
    // A workbook inside the archive.
    const book = openZip(await inner.bytes(), deps.inflate, inner.name);
    if (!book.has('xl/workbook.xml')) throw new ImportFailure('badXlsx');
    return openWorkbook(inner, 'zip', book, deps.decoders);
  }
  return { kind: 'csv', source: inner, container: 'zip' };
}
