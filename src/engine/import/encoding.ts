/**
 * Which text encoding a transaction file uses, from its first bytes: a BOM, else valid UTF-8, else
 * the better of GB18030 (GBK) and Big5 by how Chinese the decoded text looks. The answer lists every
 * candidate with a confidence, so the UI can preview the text and let the user choose another.
 *
 * Decoding itself needs the platform's TextDecoder (browsers, workers, Node with full ICU), which the
 * engine's type library does not describe: callers pass a factory, `(label, o) => new TextDecoder(label, o)`.
 */

import { COMMON_HANZI } from './commonHanzi';

export interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
export type TextDecoderFactory = (label: string, options: { fatal: boolean }) => TextDecoderLike;

/**
 * Supported encodings, as WHATWG labels. UTF-16 is read when it has a BOM or clearly looks like
 * UTF-16 (Excel's "Unicode text" export); `windows-1252` is offered for Western files with
 * symbols such as £, so they are not misread as Chinese.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingCandidate {
  encoding: TextEncodingName;
  /** 0–1; the candidates' confidences add up to 1. */
  confidence: number;
  /** U+FFFD (undecodable bytes) in the decoded sample. */
  replacements: number;
}

export type EncodingDetection =
  | {
      ok: true;
      encoding: TextEncodingName;
      /** Bytes of a byte order mark at the start (the decoder drops it). */
      bomLength: number;
      /** The sample is pure ASCII: any candidate reads it the same, later bytes may still differ. */
      asciiOnly: boolean;
      /** Best first. */
      candidates: EncodingCandidate[];
    }
  | { ok: false; error: 'binary' | 'zip' };

/** How much of the file to sample: enough for a few hundred rows. */
export const DETECTION_SAMPLE_BYTES = 256 * 1024;

function only(encoding: TextEncodingName, bomLength: number, asciiOnly = false): EncodingDetection {
  return { ok: true, encoding, bomLength, asciiOnly, candidates: [{ encoding, confidence: 1, replacements: 0 }] };
}

export function detectEncoding(head: Uint8Array, decoders: TextDecoderFactory): EncodingDetection {
  const n = head.length;
  if (n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return only('utf-8', 3);
  if (n >= 2 && head[0] === 0xff && head[1] === 0xfe) return only('utf-16le', 2);
  if (n >= 2 && head[0] === 0xfe && head[1] === 0xff) return only('utf-16be', 2);
  if (n >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { ok: false, error: 'zip' };

  let zerosEven = 0;
  let zerosOdd = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    } else if (b >= 0x80) high++;
  }
  if (zerosEven + zerosOdd > 0) {
    // UTF-16 without a BOM: ASCII characters put a zero byte on one side of every pair.
    const pairs = Math.floor(n / 2);
    if (zerosOdd > 0.4 * pairs && zerosEven < 0.05 * pairs) return only('utf-16le', 0);
    if (zerosEven > 0.4 * pairs && zerosOdd < 0.05 * pairs) return only('utf-16be', 0);
    return { ok: false, error: 'binary' };
  }
  if (high === 0) return only('utf-8', 0, true);
  try {
    // stream: a multi-byte character cut off at the end of the sample is not an error.
    decoders('utf-8', { fatal: true }).decode(head, { stream: true });
    return only('utf-8', 0);
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  const scored = (['gb18030', 'big5', 'windows-1252'] as const).map((encoding) => {
    const text = decoders(encoding, { fatal: false }).decode(head, { stream: true });
    const s = encoding === 'windows-1252' ? singleByteScore(head) : chineseScore(text);
    return { encoding, score: s.score, weight: s.weight, replacements: countReplacements(text) };
  });
  // Softmax over the scores; a sample with few non-ASCII characters gives softer confidences.
  const sharpness = 12 * Math.min(1, Math.max(...scored.map((s) => s.weight)) / 40);
  const max = Math.max(...scored.map((s) => s.score));
  const exp = scored.map((s) => Math.exp(sharpness * (s.score - max)));
  const sum = exp.reduce((a, b) => a + b, 0);
  const candidates: EncodingCandidate[] = scored
    .map((s, i) => ({ encoding: s.encoding, confidence: exp[i] / sum, replacements: s.replacements }))
    .sort((a, b) => b.confidence - a.confidence);
  candidates.push({ encoding: 'utf-8', confidence: 0, replacements: -1 });
  return { ok: true, encoding: candidates[0].encoding, bomLength: 0, asciiOnly: false, candidates };
}

export function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

/**
 * How Chinese a decoding looks, per non-ASCII character: frequent characters count fully, other
 * CJK ideographs a little, CJK punctuation and full-width forms somewhat; undecodable bytes, private
 * use characters and other scripts (kana, Greek, Cyrillic, box drawing: what GBK makes of Big5's
 * frequent characters, whose bytes fall in GBK's symbol rows) count against it.
 */
function chineseScore(text: string): { score: number; weight: number } {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    total++;
    if (c === 0xfffd) sum -= 3;
    else if (COMMON_HANZI.has(c)) sum += 1;
    else if (c >= 0x4e00 && c <= 0x9fff) sum += 0.15;
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) sum += 0.5;
    else if (c >= 0xe000 && c <= 0xf8ff) sum -= 2;
    else sum -= 0.5;
  }
  return { score: total === 0 ? 0 : sum / total, weight: total };
}

/** Single-byte Western text: high bytes stand alone between ASCII, where Chinese ones come in pairs. */
function singleByteScore(head: Uint8Array): { score: number; weight: number } {
  let high = 0;
  let alone = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] < 0x80) continue;
    high++;
    const before = i === 0 || head[i - 1] < 0x80;
    const after = i === head.length - 1 || head[i + 1] < 0x80;
    if (before && after) alone++;
  }
  return { score: high === 0 ? 0 : (alone / high) * 0.9 - 0.1, weight: high };
}

/**
 * Decodes a file chunk by chunk (characters split between chunks are kept for the next) and counts
 * undecodable bytes, which show as U+FFFD: a count above zero means the encoding is likely wrong
 * from that point on, and the import should say so rather than store replacement characters.
 */
export class StreamDecoder {
  readonly encoding: TextEncodingName;
  readonly #decoder: TextDecoderLike;
  #bytes = 0;
  replacements = 0;
  /** Byte offset of the chunk in which the first U+FFFD appeared, or −1. */
  firstReplacementChunkAt = -1;

  constructor(decoders: TextDecoderFactory, encoding: TextEncodingName) {
    this.encoding = encoding;
    this.#decoder = decoders(encoding, { fatal: false });
  }

  decode(bytes: Uint8Array): string {
    return this.#count(this.#decoder.decode(bytes, { stream: true }), bytes.length);
  }

  /** The characters still held back at the end of the input. */
  finish(): string {
    return this.#count(this.#decoder.decode(), 0);
  }

  #count(text: string, length: number): string {
    const r = countReplacements(text);
    if (r > 0 && this.replacements === 0) this.firstReplacementChunkAt = this.#bytes;
    this.replacements += r;
    this.#bytes += length;
    return text;
  }
}
