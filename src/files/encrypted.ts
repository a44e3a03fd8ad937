/**
 * Encrypted plan files `*.cmplan.enc` (docs/file-formats.md#encrypted-plan-file): the text of a plan file sealed with AES-GCM-256
 * under a key derived from a password with PBKDF2-HMAC-SHA256. Uses WebCrypto (`crypto.subtle`),
 * present in browsers (secure contexts) and in Node 20 as `globalThis.crypto`.
 *
 * Layout (all integers big-endian):
 *
 *   offset  size  field
 *        0     6  magic "CMPENC"
 *        6     1  format version (1)
 *        7     1  key derivation: 1 = PBKDF2-HMAC-SHA256
 *        8     4  PBKDF2 iterations (uint32)
 *       12    16  salt (random per file)
 *       28    12  AES-GCM IV (random per file)
 *       40     …  AES-GCM ciphertext followed by its 16-byte tag
 *
 * The whole 40-byte header is the AES-GCM additional data, so changing any byte of it — or of the
 * ciphertext or tag — makes decryption fail. GCM cannot tell a wrong password from a damaged file
 * (both are one failed tag check), so both are one error: 'wrongPasswordOrCorrupt'.
 *
 * The iteration count is read from the file, so it is bounded before any key is derived: fewer than
 * 600,000 would let an attacker who crafted the file weaken the key; more than 10,000,000 would let
 * a crafted file freeze the page for minutes.
 */
import { DEFAULT_LIMITS } from '../engine/planFile/format';

export const ENCRYPTED_FILE_EXTENSION = '.cmplan.enc';
export const ENCRYPTED_FORMAT_VERSION = 1;
export const KDF_PBKDF2_SHA256 = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const MIN_ITERATIONS = 600_000;
export const MAX_ITERATIONS = 10_000_000;
export const DEFAULT_ITERATIONS = MIN_ITERATIONS;

const MAGIC = new TextEncoder().encode('CMPENC');
const SALT_BYTES = 16;
const IV_BYTES = 12;
export const HEADER_BYTES = MAGIC.length + 1 + 1 + 4 + SALT_BYTES + IV_BYTES;
export const TAG_BYTES = 16;
/** A plan file may be `maxChars` UTF-16 code units, up to three UTF-8 bytes each. */
export const MAX_ENCRYPTED_BYTES = HEADER_BYTES + DEFAULT_LIMITS.maxChars * 3 + TAG_BYTES;

/**
 *   emptyPassword           an empty password (refused when encrypting and decrypting)
 *   notEncryptedFile        the file does not start with the magic bytes
 *   unsupportedVersion      a format version or key derivation this app does not know
 *   iterationsOutOfRange    the header asks for fewer than MIN_ITERATIONS or more than MAX_ITERATIONS
 *   truncated               shorter than a header and an authentication tag
 *   tooLarge                larger than any plan file could be once encrypted
 *   wrongPasswordOrCorrupt  the tag does not match: a wrong password or any changed byte (GCM
 *                           cannot tell which; a file cut short inside its body also ends here)
 */
export type EncryptedFileErrorCode =
  | 'emptyPassword'
  | 'notEncryptedFile'
  | 'unsupportedVersion'
  | 'iterationsOutOfRange'
  | 'truncated'
  | 'tooLarge'
  | 'wrongPasswordOrCorrupt';

export class EncryptedFileError extends Error {
  readonly code: EncryptedFileErrorCode;
  constructor(code: EncryptedFileErrorCode) {
    super(code);
    this.name = 'EncryptedFileError';
    this.code = code;
  }
}

/** Derives the AES key; a parameter only so tests can count and reuse derivations. */
export type DeriveKey = (password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) => Promise<CryptoKey>;

/**
 * PBKDF2-HMAC-SHA256 → a non-extractable AES-GCM-256 key. The password is NFC-normalised first, so
 * the same characters typed on systems that compose them differently give the same key.
 */
export const pbkdf2Key: DeriveKey = async (password, salt, iterations) => {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt, iterations, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
};

export interface EncryptOptions {
  /** Within [MIN_ITERATIONS, MAX_ITERATIONS]; DEFAULT_ITERATIONS when absent. */
  iterations?: number;
  deriveKey?: DeriveKey;
}

export interface DecryptOptions {
  deriveKey?: DeriveKey;
}

/** Whether bytes look like an encrypted plan file (the magic), to route a dropped file. */
export function isEncryptedPlanFile(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * How much a password resists guessing, for the UI to refuse ('empty') or warn ('weak': fewer than
 * 8 characters, or one character repeated). A heuristic, not a strength meter.
 */
export function assessPassword(password: string): 'empty' | 'weak' | 'ok' {
  if (password.length === 0) return 'empty';
  const chars = Array.from(password.normalize('NFC'));
  if (chars.length < 8 || new Set(chars).size === 1) return 'weak';
  return 'ok';
}

function writeHeader(iterations: number, salt: Uint8Array, iv: Uint8Array): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[6] = ENCRYPTED_FORMAT_VERSION;
  header[7] = KDF_PBKDF2_SHA256;
  new DataView(header.buffer).setUint32(8, iterations, false);
  header.set(salt, 12);
  header.set(iv, 12 + SALT_BYTES);
  return header;
}

/** Encrypts the text of a plan file with a fresh random salt and IV. */
export async function encryptPlanFile(jsonText: string, password: string, options: EncryptOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (password.length === 0) throw new EncryptedFileError('emptyPassword');
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new EncryptedFileError('iterationsOutOfRange');
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header = writeHeader(iterations, salt, iv);
  const key = await (options.deriveKey ?? pbkdf2Key)(password, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header, tagLength: TAG_BYTES * 8 },
    key,
    new TextEncoder().encode(jsonText),
  );
  const out = new Uint8Array(HEADER_BYTES + sealed.byteLength);
  out.set(header, 0);
  out.set(new Uint8Array(sealed), HEADER_BYTES);
  return out;
}

/**
 * The plan-file text inside an encrypted file. Fails closed with an EncryptedFileError; every check
 * of the header happens before the (deliberately slow) key derivation.
 */
export async function decryptPlanFile(bytes: Uint8Array, password: string, options: DecryptOptions = {}): Promise<string> {
  if (password.length === 0) throw new EncryptedFileError('emptyPassword');
  const magicSeen = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < magicSeen; i++) if (bytes[i] !== MAGIC[i]) throw new EncryptedFileError('notEncryptedFile');
  if (bytes.length < MAGIC.length + 2) throw new EncryptedFileError('truncated');
  if (bytes[6] !== ENCRYPTED_FORMAT_VERSION || bytes[7] !== KDF_PBKDF2_SHA256) throw new EncryptedFileError('unsupportedVersion');
  if (bytes.length < HEADER_BYTES + TAG_BYTES) throw new EncryptedFileError('truncated');
  if (bytes.length > MAX_ENCRYPTED_BYTES) throw new EncryptedFileError('tooLarge');

  // Copies: the caller's bytes may live in a shared or larger buffer, and must not change under us.
  const header = bytes.slice(0, HEADER_BYTES);
  const iterations = new DataView(header.buffer).getUint32(8, false);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) throw new EncryptedFileError('iterationsOutOfRange');
  const salt = header.slice(12, 12 + SALT_BYTES);
  const iv = header.slice(12 + SALT_BYTES, HEADER_BYTES);
  const sealed = bytes.slice(HEADER_BYTES);

  const key = await (options.deriveKey ?? pbkdf2Key)(password, salt, iterations);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header, tagLength: TAG_BYTES * 8 }, key, sealed);
  } catch {
    throw new EncryptedFileError('wrongPasswordOrCorrupt');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plain);
  } catch {
    // Authentic but not UTF-8: not something this app wrote.
    throw new EncryptedFileError('wrongPasswordOrCorrupt');
  }
}
