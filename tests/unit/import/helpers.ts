import { readFileSync } from 'node:fs';
import { collectRecords, type CsvOptions } from '../../../src/engine/import/csv';
import type { TextDecoderFactory } from '../../../src/engine/import/encoding';
import type { ByteSource, SourceDeps } from '../../../src/engine/import/source';

/** The platform decoders, as the app's worker passes them to the engine. */
export const decoders: TextDecoderFactory = (label, options) => new TextDecoder(label, options);

/** The bytes in pieces of `size` bytes, as a File's stream gives them. */
export function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** A file held in memory, read in the given pieces. */
export function memorySource(parts: readonly Uint8Array[], name = 'orders.csv'): ByteSource {
  const size = parts.reduce((n, p) => n + p.length, 0);
  return {
    name,
    size,
    contentSize: size,
    head: async (n) => (parts[0] ?? new Uint8Array(0)).slice(0, n),
    async *chunks() {
      let read = 0;
      for (const data of parts) yield { data, read: (read += data.length) };
    },
    bytes: async () => {
      throw new Error('read in pieces only');
    },
  };
}

/** What readTransactions needs of the platform for a plain text file (no archive to open). */
export const textDeps: SourceDeps = {
  decoders,
  inflate: () => {
    throw new Error('no archive here');
  },
  gunzip: () => Promise.reject(new Error('no archive here')),
};

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');
}

/** Cuts text (or bytes) at the given positions (any order, duplicates and out-of-range ones ignored). */
export function splitAt<T extends string | Uint8Array>(text: T, cuts: number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: T[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p) as T);
    from = p;
  }
  chunks.push(text.slice(from) as T);
  return chunks;
}

export function parseChunks(chunks: string[], options?: CsvOptions) {
  return collectRecords(chunks, options);
}

/**
 * An encoder for a legacy double-byte encoding, made from the platform's decoder: every byte pair
 * that decodes to one character gives that character's bytes. Node's TextEncoder writes only UTF-8;
 * the tests check this table against byte values printed in the GBK and Big5 code charts.
 */
export function legacyEncoder(label: 'gbk' | 'big5'): (text: string) => Uint8Array {
  const decoder = new TextDecoder(label, { fatal: true });
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a character in this encoding
      }
    }
  }
  return (text) => {
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`${label} has no ${ch}`);
        out.push(...pair);
      }
    }
    return new Uint8Array(out);
  };
}
