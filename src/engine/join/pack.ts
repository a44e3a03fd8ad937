/**
 * JSON → deflate-raw → base64url (+ a check of six characters) and back, for what travels in a link
 * or a QR code. Deflate-raw carries no checksum of its own, and a code is typed or copied by hand:
 * the check tells a damaged code from one that is not ours. Reading is a
 * gate like a plan file's: the text's length is checked before anything is decoded, the inflated
 * size is capped while inflating (a few kilobytes of deflate can claim megabytes), and the JSON's
 * depth is checked before it is parsed.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { findTooDeep } from '../planFile/scan';

export type UnpackProblem = 'tooLarge' | 'badEncoding' | 'badChecksum' | 'badCompression' | 'tooLargeUnpacked' | 'badJson' | 'tooDeep';

export interface UnpackLimits {
  /** Characters of base64url text accepted at all. */
  maxText: number;
  /** Bytes the text may inflate to. */
  maxUnpacked: number;
  maxDepth: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(n >>> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Bytes of unpadded base64url, or null for any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = text.slice(i, i + 4);
    for (let k = 0; k < 4; k++) {
      const v = k < chunk.length ? B64_INDEX.get(chunk[k]) : 0;
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    for (let k = 0; k < chunk.length - 1; k++) out[o++] = (n >>> (16 - 8 * k)) & 0xff;
  }
  return out;
}

/** FNV-1a of the text, as six base64url characters (32 bits; enough to catch typing and copying slips). */
function check(body: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    h ^= body.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return toBase64Url(new Uint8Array([h >>> 24, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff]));
}

/** base64url text with its check appended: `<body>.<check>`. */
export function seal(body: string): string {
  return `${body}.${check(body)}`;
}

export function pack(value: unknown): string {
  return seal(toBase64Url(deflateSync(strToU8(JSON.stringify(value)), { level: 9 })));
}

/** Inflates at most `max` bytes; null for broken deflate data or more output than allowed. */
function inflateCapped(bytes: Uint8Array, max: number): { ok: true; bytes: Uint8Array } | { ok: false; code: 'badCompression' | 'tooLargeUnpacked' } {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) over = true;
    else parts.push(chunk);
    if (final) done = true;
  });
  try {
    // Small steps, so a bomb is stopped after at most a step's worth of output.
    const STEP = 64;
    for (let i = 0; i < bytes.length && !over; i += STEP) inflater.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
  } catch {
    return { ok: false, code: over ? 'tooLargeUnpacked' : 'badCompression' };
  }
  if (over) return { ok: false, code: 'tooLargeUnpacked' };
  if (!done) return { ok: false, code: 'badCompression' };
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { ok: true, bytes: out };
}

export function unpack(text: string, limits: UnpackLimits): { ok: true; value: unknown } | { ok: false; code: UnpackProblem } {
  if (text.length > limits.maxText) return { ok: false, code: 'tooLarge' };
  const dot = text.lastIndexOf('.');
  const body = text.slice(0, Math.max(dot, 0));
  const bytes = dot < 0 ? null : fromBase64Url(body);
  if (!bytes || bytes.length === 0 || !/^[A-Za-z0-9_-]{6}$/.test(text.slice(dot + 1))) return { ok: false, code: 'badEncoding' };
  if (text.slice(dot + 1) !== check(body)) return { ok: false, code: 'badChecksum' };
  const inflated = inflateCapped(bytes, limits.maxUnpacked);
  if (!inflated.ok) return inflated;
  let json: string;
  try {
    json = strFromU8(inflated.bytes);
  } catch {
    return { ok: false, code: 'badJson' };
  }
  if (findTooDeep(json, limits.maxDepth) >= 0) return { ok: false, code: 'tooDeep' };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, code: 'badJson' };
  }
}
