import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePlanFile } from '../../../src/engine/planFile';
import {
  EncryptedFileError,
  HEADER_BYTES,
  MAX_ENCRYPTED_BYTES,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  TAG_BYTES,
  assessPassword,
  decryptPlanFile,
  encryptPlanFile,
  isEncryptedPlanFile,
  pbkdf2Key,
  type DeriveKey,
  type EncryptedFileErrorCode,
} from '../../../src/files/encrypted';
import { readFixture } from './helpers';

/**
 * PBKDF2 at 600,000 iterations is deliberately slow, so the tests reuse a derived key when salt,
 * iterations and password are the same (as they are when only the IV, ciphertext or tag changed).
 * Every key still comes from the real derivation, and the shipped checks of the header run as usual.
 */
const derivations = { count: 0 };
const keys = new Map<string, Promise<CryptoKey>>();
const cachedKey: DeriveKey = (password, salt, iterations) => {
  const id = `${password}\u0000${Array.from(salt).join(',')}\u0000${iterations}`;
  let key = keys.get(id);
  if (!key) {
    derivations.count++;
    key = pbkdf2Key(password, salt, iterations);
    keys.set(id, key);
  }
  return key;
};

/** Derives nothing: for tests about the header, not the key. */
const instantKey: DeriveKey = () =>
  crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);

const PASSWORD = 'correct horse battery staple 渠道';
const TEXT = '{\n  "type": "channel-mix-plan",\n  "name": "渠道组合 — test ✓"\n}\n';

async function failure(p: Promise<unknown>): Promise<EncryptedFileErrorCode> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EncryptedFileError) return e.code;
    throw e;
  }
  throw new Error('expected decryption to fail');
}

function withIterations(bytes: Uint8Array, iterations: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(8, iterations, false);
  return copy;
}

let sealed: Uint8Array;

beforeAll(async () => {
  sealed = await encryptPlanFile(TEXT, PASSWORD, { deriveKey: cachedKey });
});

describe('encrypted plan files', () => {
  it('decrypts what it encrypted, with the documented header', async () => {
    expect(await decryptPlanFile(sealed, PASSWORD, { deriveKey: cachedKey })).toBe(TEXT);
    expect(new TextDecoder().decode(sealed.slice(0, 6))).toBe('CMPENC');
    expect([sealed[6], sealed[7]]).toEqual([1, 1]);
    expect(new DataView(sealed.buffer).getUint32(8, false)).toBe(MIN_ITERATIONS);
    expect(sealed.length).toBe(HEADER_BYTES + new TextEncoder().encode(TEXT).length + TAG_BYTES);
    expect(isEncryptedPlanFile(sealed)).toBe(true);
    expect(isEncryptedPlanFile(new TextEncoder().encode(TEXT))).toBe(false);
  });

  it('decrypts with the real key derivation and no help from the tests', async () => {
    expect(await decryptPlanFile(sealed, PASSWORD)).toBe(TEXT);
  });

  it('carries a whole plan file that still reads after the round trip', async () => {
    const text = readFixture('v1-beauty.cmplan.json');
    const bytes = await encryptPlanFile(text, PASSWORD, { deriveKey: instantKey });
    const back = await decryptPlanFile(bytes, PASSWORD, { deriveKey: instantKey });
    expect(back).toBe(text);
    expect(parsePlanFile(back).ok).toBe(true);
  });

  it('case 39: a wrong password is refused as "wrong password or damaged file"', async () => {
    expect(await failure(decryptPlanFile(sealed, PASSWORD + ' ', { deriveKey: cachedKey }))).toBe('wrongPasswordOrCorrupt');
  });

  it('normalises the password, so the same characters typed as composed or decomposed open the file', async () => {
    const bytes = await encryptPlanFile(TEXT, 'caf\u00e9-渠道-2026', { deriveKey: cachedKey });
    expect(await decryptPlanFile(bytes, 'cafe\u0301-渠道-2026', { deriveKey: cachedKey })).toBe(TEXT);
  });

  it('case 40: a changed byte anywhere in the IV, ciphertext or tag is refused', async () => {
    const positions: number[] = [];
    for (let i = 28; i < sealed.length; i++) positions.push(i);
    const before = derivations.count;
    for (const i of positions) {
      const damaged = sealed.slice();
      damaged[i] ^= 0x01;
      expect(await failure(decryptPlanFile(damaged, PASSWORD, { deriveKey: cachedKey })), `byte ${i}`).toBe('wrongPasswordOrCorrupt');
    }
    expect(derivations.count).toBe(before); // same salt and iterations: no new derivation was needed
  });

  it('case 40: a changed byte of the salt is refused', async () => {
    for (const i of [12, 17, 22, 27]) {
      const damaged = sealed.slice();
      damaged[i] ^= 0x80;
      expect(await failure(decryptPlanFile(damaged, PASSWORD, { deriveKey: cachedKey })), `byte ${i}`).toBe('wrongPasswordOrCorrupt');
    }
  });

  it('case 40: a changed byte anywhere in the header is refused, and nothing is decrypted', async () => {
    const expected: Record<number, EncryptedFileErrorCode> = { 6: 'unsupportedVersion', 7: 'unsupportedVersion' };
    for (let i = 0; i < 6; i++) expected[i] = 'notEncryptedFile';
    // 0x000927C0 (600,000) with one bit flipped in each byte: 17.4 M, 534 k, 599.7 k are out of bounds…
    for (const i of [8, 9, 10]) expected[i] = 'iterationsOutOfRange';
    // …and 600,001 is a valid count that derives another key.
    expected[11] = 'wrongPasswordOrCorrupt';
    for (let i = 0; i < 12; i++) {
      const damaged = sealed.slice();
      damaged[i] ^= 0x01;
      expect(await failure(decryptPlanFile(damaged, PASSWORD, { deriveKey: cachedKey })), `byte ${i}`).toBe(expected[i]);
    }
  });

  it('case 41: an iteration count outside [600,000, 10,000,000] is refused before any key is derived', async () => {
    const derive = vi.fn(cachedKey);
    for (const n of [0, 1000, MIN_ITERATIONS - 1, MAX_ITERATIONS + 1, 0xffffffff]) {
      expect(await failure(decryptPlanFile(withIterations(sealed, n), PASSWORD, { deriveKey: derive })), `${n}`).toBe('iterationsOutOfRange');
    }
    expect(derive).not.toHaveBeenCalled();
    expect(await failure(encryptPlanFile(TEXT, PASSWORD, { iterations: 1000, deriveKey: derive }))).toBe('iterationsOutOfRange');
    expect(await failure(encryptPlanFile(TEXT, PASSWORD, { iterations: MAX_ITERATIONS + 1, deriveKey: derive }))).toBe('iterationsOutOfRange');
    expect(derive).not.toHaveBeenCalled();
  });

  it('writes and reads any iteration count inside the bounds', async () => {
    const bytes = await encryptPlanFile(TEXT, PASSWORD, { iterations: 2_000_000, deriveKey: instantKey });
    expect(new DataView(bytes.buffer).getUint32(8, false)).toBe(2_000_000);
    expect(await decryptPlanFile(bytes, PASSWORD, { deriveKey: instantKey })).toBe(TEXT);
  });

  it('case 42: the same text and password give a different salt, IV and ciphertext every time', async () => {
    const a = await encryptPlanFile(TEXT, PASSWORD, { deriveKey: instantKey });
    const b = await encryptPlanFile(TEXT, PASSWORD, { deriveKey: instantKey });
    const hex = (x: Uint8Array) => Array.from(x, (v) => v.toString(16).padStart(2, '0')).join('');
    expect(hex(a.slice(12, 28))).not.toBe(hex(b.slice(12, 28)));
    expect(hex(a.slice(28, 40))).not.toBe(hex(b.slice(28, 40)));
    expect(hex(a.slice(40))).not.toBe(hex(b.slice(40)));
  });

  it('case 43: an empty password is refused both ways; short or repetitive ones are called weak', async () => {
    expect(await failure(encryptPlanFile(TEXT, ''))).toBe('emptyPassword');
    expect(await failure(decryptPlanFile(sealed, ''))).toBe('emptyPassword');
    expect(assessPassword('')).toBe('empty');
    expect(assessPassword('abc123')).toBe('weak');
    expect(assessPassword('aaaaaaaaaaaa')).toBe('weak');
    expect(assessPassword('渠道组合规划')).toBe('weak');
    expect(assessPassword('渠道组合规划密码很长')).toBe('ok');
    expect(assessPassword(PASSWORD)).toBe('ok');
  });

  it('says a file is truncated when it is shorter than a header and a tag', async () => {
    for (const n of [0, 3, 7, 12, HEADER_BYTES, HEADER_BYTES + TAG_BYTES - 1]) {
      expect(await failure(decryptPlanFile(sealed.slice(0, n), PASSWORD, { deriveKey: cachedKey })), `${n} bytes`).toBe('truncated');
    }
  });

  it('cannot tell a file cut inside its body from a damaged one (GCM checks the whole)', async () => {
    for (const n of [HEADER_BYTES + TAG_BYTES, sealed.length - 1]) {
      expect(await failure(decryptPlanFile(sealed.slice(0, n), PASSWORD, { deriveKey: cachedKey })), `${n} bytes`).toBe('wrongPasswordOrCorrupt');
    }
  });

  it('refuses files that are not encrypted plan files, and absurdly large ones, before deriving a key', async () => {
    const derive = vi.fn(cachedKey);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64)]);
    expect(await failure(decryptPlanFile(png, PASSWORD, { deriveKey: derive }))).toBe('notEncryptedFile');
    expect(await failure(decryptPlanFile(new TextEncoder().encode(TEXT), PASSWORD, { deriveKey: derive }))).toBe('notEncryptedFile');
    const huge = new Uint8Array(MAX_ENCRYPTED_BYTES + 1);
    huge.set(sealed.slice(0, HEADER_BYTES));
    expect(await failure(decryptPlanFile(huge, PASSWORD, { deriveKey: derive }))).toBe('tooLarge');
    expect(derive).not.toHaveBeenCalled();
  });

  it('accepts bytes that are a view into a larger buffer', async () => {
    const padded = new Uint8Array(sealed.length + 10);
    padded.set(sealed, 5);
    expect(await decryptPlanFile(padded.subarray(5, 5 + sealed.length), PASSWORD, { deriveKey: cachedKey })).toBe(TEXT);
  });
});
