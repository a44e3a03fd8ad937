/**
 * Signed plan files (docs/file-formats.md#signed-plan-files): an ECDSA P-256 / SHA-256 signature in
 * the envelope's `signature` field. Uses WebCrypto (`crypto.subtle`), present in browsers (secure
 * contexts) and in Node 20 as `globalThis.crypto`. No storage and no DOM here.
 *
 * Signing: the unsigned canonical text U (what the app writes without a signature) is hashed into
 * `contentHash`; the signed message M is the canonical text of the envelope with the signature block
 * present but without `value`; the file is the canonical text with the whole block.
 *
 * Checking a file's text T (after the plan-file reader accepted it):
 *   1. no `signature` field                                       → unsigned
 *   2. the block is not exactly the expected shape                → invalid (malformed)
 *   3. T is not the canonical text of its own JSON                → changed (a byte was edited by hand:
 *      whitespace, key order, number spelling, escapes, a byte order mark…)
 *   4. SHA-256 of the canonical text without the block ≠ contentHash → changed (the plan was edited)
 *   5. the key is not a P-256 point, or keyId is not its fingerprint → invalid (wrong key)
 *   6. the signature does not verify over M with the key in the file → invalid (does not verify;
 *      when a key of the team list verifies it instead, that key is named)
 *   7. otherwise valid; trusted when the key is the user's own or on the team list
 * Any changed byte lands in 3–6 or makes the file unreadable, never in 7.
 */
import { canonicalJsonText } from '../engine/planFile/serialise';
import type { PlanFileSignature } from '../engine/planFile/format';

export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** A signer's name: long enough for "Wang Xiaoming, Sales East", short enough to show. */
export const MAX_SIGNER_LENGTH = 100;

export interface PublicKeyCoords {
  x: string;
  y: string;
}

export type SignatureBlock = PlanFileSignature;

/** A key the user can sign with: the private part never leaves WebCrypto (non-extractable). */
export interface SigningKey {
  privateKey: CryptoKey;
  publicKey: PublicKeyCoords;
  name: string;
  keyId: string;
}

/** A colleague's public key on the user's team list. */
export interface TeamKey {
  name: string;
  keyId: string;
  publicKey: PublicKeyCoords;
  addedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Encodings

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict: only the base64url alphabet, no padding, and the exact length of `bytes` bytes. */
export function fromBase64Url(text: string, bytes: number): Uint8Array<ArrayBuffer> | null {
  if (typeof text !== 'string' || text.length !== Math.ceil((bytes * 4) / 3) || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Unused low bits of the last character must be zero, so each key has exactly one spelling.
  return out.length === bytes && toBase64Url(out) === text ? out : null;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

// ---------------------------------------------------------------------------------------------
// Keys

/** The raw uncompressed point 04 ‖ x ‖ y; null when a coordinate is not 32 bytes of base64url. */
function rawPoint(pub: PublicKeyCoords): Uint8Array<ArrayBuffer> | null {
  const x = fromBase64Url(pub.x, 32);
  const y = fromBase64Url(pub.y, 32);
  if (!x || !y) return null;
  const raw = new Uint8Array(65);
  raw[0] = 4;
  raw.set(x, 1);
  raw.set(y, 33);
  return raw;
}

/** First 16 hex digits (upper case) of SHA-256 of the raw public point; null for a malformed key. */
export async function fingerprint(pub: PublicKeyCoords): Promise<string | null> {
  const raw = rawPoint(pub);
  if (!raw) return null;
  return hex(await crypto.subtle.digest('SHA-256', raw)).slice(0, 16).toUpperCase();
}

/** "3F2A9C10AB12CD34" → "3F2A 9C10 AB12 CD34", the way people read it out to each other. */
export function groupFingerprint(keyId: string): string {
  return keyId.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The key as WebCrypto's verifying key; null when it is not a point on P-256 (importKey refuses it). */
export async function importPublicKey(pub: PublicKeyCoords): Promise<CryptoKey | null> {
  if (!rawPoint(pub)) return null;
  try {
    return await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y, ext: true }, ECDSA, true, ['verify']);
  } catch {
    return null;
  }
}

export function samePublicKey(a: PublicKeyCoords, b: PublicKeyCoords): boolean {
  return a.x === b.x && a.y === b.y;
}

/** A new key pair; the private key cannot be exported, only used to sign (and stored as a CryptoKey). */
export async function generateSigningKey(name: string): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey = { x: jwk.x ?? '', y: jwk.y ?? '' };
  const keyId = await fingerprint(publicKey);
  if (!keyId) throw new Error('generated key has no P-256 coordinates');
  return { privateKey: pair.privateKey, publicKey, name: cleanName(name) ?? '', keyId };
}

/** A name as kept: trimmed, 1–100 characters, no control characters; null when unusable. */
export function cleanName(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const trimmed = name.normalize('NFC').trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length === 0 || Array.from(trimmed).length > MAX_SIGNER_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  return trimmed;
}

// ---------------------------------------------------------------------------------------------
// Signing

export class SigningError extends Error {
  constructor(readonly code: 'notCanonical' | 'alreadySigned' | 'badName') {
    super(code);
    this.name = 'SigningError';
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The signed text of a plan file. Takes the unsigned text the app wrote (whatever else it carries),
 * so signing composes with every other part of the envelope.
 */
export async function signPlanFileText(unsignedText: string, key: SigningKey): Promise<string> {
  const raw: unknown = JSON.parse(unsignedText);
  if (!isRecord(raw) || canonicalJsonText(raw) !== unsignedText) throw new SigningError('notCanonical');
  if (raw.signature !== undefined) throw new SigningError('alreadySigned');
  const signer = cleanName(key.name);
  if (signer === null) throw new SigningError('badName');
  const unsigned: Omit<SignatureBlock, 'value'> = {
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    signer,
    publicKey: { x: key.publicKey.x, y: key.publicKey.y },
    contentHash: await sha256Hex(unsignedText),
  };
  const message = canonicalJsonText({ ...raw, signature: unsigned });
  const value = await crypto.subtle.sign(SIGN_PARAMS, key.privateKey, new TextEncoder().encode(message));
  return canonicalJsonText({ ...raw, signature: { ...unsigned, value: toBase64Url(new Uint8Array(value)) } });
}

// ---------------------------------------------------------------------------------------------
// Checking

/**
 *   unsigned  no signature field
 *   valid     verifies with the key in the file; `trust` says whose key it is to this user
 *   changed   the file was edited after it was signed (its text or its plan)
 *   invalid   the signature block is malformed, the key is not a real key or not the one named, or
 *             the signature does not verify with it (wrong key)
 */
export type SignatureCheck =
  | { status: 'unsigned' }
  | { status: 'valid'; signer: string; keyId: string; trust: 'own' | 'trusted' | 'unknown'; teamName?: string }
  | { status: 'changed'; reason: 'text' | 'content'; signer: string; keyId: string }
  | { status: 'invalid'; reason: 'malformed' | 'badKey' | 'keyIdMismatch' | 'doesNotVerify'; signer?: string; keyId?: string; otherKey?: string };

const BLOCK_KEYS = ['algorithm', 'contentHash', 'keyId', 'publicKey', 'signer', 'value'];

/** The block when it has exactly the expected fields and forms; null otherwise. */
export function parseSignatureBlock(x: unknown): SignatureBlock | null {
  if (!isRecord(x)) return null;
  const keys = Object.keys(x).sort();
  if (keys.length !== BLOCK_KEYS.length || keys.some((k, i) => k !== BLOCK_KEYS[i])) return null;
  const { algorithm, contentHash, keyId, publicKey, signer, value } = x;
  if (algorithm !== SIGNATURE_ALGORITHM) return null;
  if (typeof contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(contentHash)) return null;
  if (typeof keyId !== 'string' || !/^[0-9A-F]{16}$/.test(keyId)) return null;
  if (typeof signer !== 'string' || cleanName(signer) !== signer) return null;
  if (typeof value !== 'string' || !fromBase64Url(value, 64)) return null;
  if (!isRecord(publicKey) || Object.keys(publicKey).sort().join() !== 'x,y') return null;
  const { x: px, y: py } = publicKey;
  if (typeof px !== 'string' || typeof py !== 'string' || !rawPoint({ x: px, y: py })) return null;
  return { algorithm, contentHash, keyId, publicKey: { x: px, y: py }, signer, value };
}

function canonicalOrNull(value: unknown): string | null {
  try {
    return canonicalJsonText(value);
  } catch {
    // NaN cannot come out of JSON.parse, but a `__proto__` key can: not something the app writes.
    return null;
  }
}

async function verifies(pub: PublicKeyCoords, signature: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = await importPublicKey(pub);
  return key !== null && crypto.subtle.verify(SIGN_PARAMS, key, signature, message);
}

export interface TrustList {
  own?: PublicKeyCoords | null;
  team?: readonly TeamKey[];
}

/**
 * What the signature of a plan file's text says. Call it with text that the plan-file reader
 * accepted (size and depth are checked there); text that is not JSON counts as changed.
 */
export async function checkPlanFileSignature(text: string, trust: TrustList = {}): Promise<SignatureCheck> {
  let raw: unknown;
  try {
    // A byte order mark is not JSON (the plan-file reader skips it): the text then differs from the canonical one below.
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { status: 'invalid', reason: 'malformed' };
  }
  if (!isRecord(raw)) return { status: 'unsigned' };
  if (raw.signature === undefined) {
    // A signature block under another key is a signed file whose "signature" key was edited.
    const moved = Object.entries(raw).find(([, v]) => isRecord(v) && 'contentHash' in v && 'value' in v && 'publicKey' in v);
    if (!moved) return { status: 'unsigned' };
    const b = moved[1] as Record<string, unknown>;
    return { status: 'changed', reason: 'text', signer: typeof b.signer === 'string' ? b.signer.slice(0, MAX_SIGNER_LENGTH) : '', keyId: typeof b.keyId === 'string' ? b.keyId.slice(0, 16) : '' };
  }
  const block = parseSignatureBlock(raw.signature);
  const named = isRecord(raw.signature) ? raw.signature : {};
  const claimed = {
    ...(typeof named.signer === 'string' ? { signer: named.signer.slice(0, MAX_SIGNER_LENGTH) } : {}),
    ...(typeof named.keyId === 'string' ? { keyId: named.keyId.slice(0, 16) } : {}),
  };
  if (!block) return { status: 'invalid', reason: 'malformed', ...claimed };
  const who = { signer: block.signer, keyId: block.keyId };

  if (canonicalOrNull(raw) !== text) return { status: 'changed', reason: 'text', ...who };
  const rest: Record<string, unknown> = { ...raw };
  delete rest.signature;
  const unsignedText = canonicalJsonText(rest);
  if ((await sha256Hex(unsignedText)) !== block.contentHash) return { status: 'changed', reason: 'content', ...who };

  if (!(await importPublicKey(block.publicKey))) return { status: 'invalid', reason: 'badKey', ...who };
  if ((await fingerprint(block.publicKey)) !== block.keyId) return { status: 'invalid', reason: 'keyIdMismatch', ...who };

  const { value, ...withoutValue } = block;
  const message = new TextEncoder().encode(canonicalJsonText({ ...raw, signature: withoutValue }));
  const signature = fromBase64Url(value, 64) as Uint8Array<ArrayBuffer>;
  if (!(await verifies(block.publicKey, signature, message))) {
    // Made with another key than the one the file names: if it is a key the user knows, say whose.
    for (const k of trust.team ?? []) {
      if (!samePublicKey(k.publicKey, block.publicKey) && (await verifies(k.publicKey, signature, message))) {
        return { status: 'invalid', reason: 'doesNotVerify', ...who, otherKey: k.name };
      }
    }
    return { status: 'invalid', reason: 'doesNotVerify', ...who };
  }
  if (trust.own && samePublicKey(trust.own, block.publicKey)) return { status: 'valid', ...who, trust: 'own' };
  const member = trust.team?.find((k) => samePublicKey(k.publicKey, block.publicKey));
  return member ? { status: 'valid', ...who, trust: 'trusted', teamName: member.name } : { status: 'valid', ...who, trust: 'unknown' };
}

// ---------------------------------------------------------------------------------------------
// Public-key files

export const PUBLIC_KEY_FILE_TYPE = 'channel-mix-public-key';
export const PUBLIC_KEY_FILE_EXTENSION = '.cmkey.json';
/** A key file is a few hundred bytes; anything much larger is not one. */
export const MAX_PUBLIC_KEY_FILE_CHARS = 4096;

export interface PublicKeyFile {
  type: typeof PUBLIC_KEY_FILE_TYPE;
  formatVersion: 1;
  algorithm: typeof SIGNATURE_ALGORITHM;
  name: string;
  keyId: string;
  publicKey: PublicKeyCoords;
}

export function publicKeyFileText(key: Pick<SigningKey, 'name' | 'keyId' | 'publicKey'>): string {
  const file: PublicKeyFile = { type: PUBLIC_KEY_FILE_TYPE, formatVersion: 1, algorithm: SIGNATURE_ALGORITHM, name: key.name, keyId: key.keyId, publicKey: key.publicKey };
  return canonicalJsonText(file);
}

/**
 *   tooLarge      more than MAX_PUBLIC_KEY_FILE_CHARS
 *   notJson       not JSON
 *   notKeyFile    JSON, but not a public-key file of this app (type, fields)
 *   unsupported   a format version or algorithm this app does not know
 *   badName       the name is empty, too long or has control characters
 *   badKey        the coordinates are not 32-byte base64url values of a point on P-256
 *   keyIdMismatch the file's fingerprint is not the fingerprint of its key
 */
export type PublicKeyFileError = 'tooLarge' | 'notJson' | 'notKeyFile' | 'unsupported' | 'badName' | 'badKey' | 'keyIdMismatch';

export type PublicKeyFileResult = { ok: true; key: Omit<TeamKey, 'addedAt'> } | { ok: false; error: PublicKeyFileError };

export async function readPublicKeyFile(text: string): Promise<PublicKeyFileResult> {
  const fail = (error: PublicKeyFileError): PublicKeyFileResult => ({ ok: false, error });
  if (text.length > MAX_PUBLIC_KEY_FILE_CHARS) return fail('tooLarge');
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail('notJson');
  }
  if (!isRecord(raw) || raw.type !== PUBLIC_KEY_FILE_TYPE) return fail('notKeyFile');
  if (raw.formatVersion !== 1 || raw.algorithm !== SIGNATURE_ALGORITHM) return fail('unsupported');
  const name = cleanName(raw.name);
  if (name === null) return fail('badName');
  const pub = raw.publicKey;
  if (!isRecord(pub) || typeof pub.x !== 'string' || typeof pub.y !== 'string') return fail('badKey');
  const publicKey = { x: pub.x, y: pub.y };
  if (!(await importPublicKey(publicKey))) return fail('badKey');
  const keyId = await fingerprint(publicKey);
  if (keyId === null) return fail('badKey');
  if (raw.keyId !== undefined && raw.keyId !== keyId) return fail('keyIdMismatch');
  return { ok: true, key: { name, keyId, publicKey } };
}
