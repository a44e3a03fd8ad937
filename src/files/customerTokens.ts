/**
 * Customer tokens (engine/customers/pseudonym.ts explains the format and the collision odds):
 * HMAC-SHA-256 of the id's UTF-8 bytes under one plan's salt, `c_` + the first 16 hex digits. Uses
 * WebCrypto (`crypto.subtle`), present in browsers, workers and Node 20 as `globalThis.crypto`.
 */
import { SALT_BYTES, TOKEN_HEX_DIGITS, TOKEN_PREFIX } from '../engine/customers/pseudonym';

/** A new random salt. */
export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

export class TokenCollisionError extends Error {
  constructor(readonly token: string) {
    super(`two customer ids give the token ${token}`);
    this.name = 'TokenCollisionError';
  }
}

/** Turns customer ids into tokens with one plan's salt. The key cannot be exported from WebCrypto. */
export class Pseudonymiser {
  readonly #key: CryptoKey;
  readonly #encoder = new TextEncoder();

  private constructor(key: CryptoKey) {
    this.#key = key;
  }

  static async create(salt: Uint8Array<ArrayBuffer>): Promise<Pseudonymiser> {
    if (salt.length < 16) throw new Error('the salt must have at least 128 bits');
    const key = await crypto.subtle.importKey('raw', salt, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Pseudonymiser(key);
  }

  async tokenOf(id: string): Promise<string> {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', this.#key, this.#encoder.encode(id)));
    let hex = TOKEN_PREFIX;
    for (let i = 0; i < TOKEN_HEX_DIGITS / 2; i++) hex += mac[i].toString(16).padStart(2, '0');
    return hex;
  }

  /**
   * Tokens of many ids, in their order (an id listed twice gets the same token twice). Throws
   * TokenCollisionError if two different ids would share a token.
   */
  async tokensOf(ids: readonly string[]): Promise<string[]> {
    const byId = new Map<string, string>();
    const owner = new Map<string, string>();
    const BATCH = 4096;
    const distinct = [...new Set(ids)];
    for (let start = 0; start < distinct.length; start += BATCH) {
      const part = distinct.slice(start, start + BATCH);
      const tokens = await Promise.all(part.map((id) => this.tokenOf(id)));
      part.forEach((id, i) => {
        const token = tokens[i];
        const other = owner.get(token);
        if (other !== undefined && other !== id) throw new TokenCollisionError(token);
        owner.set(token, id);
        byId.set(id, token);
      });
    }
    return ids.map((id) => byId.get(id)!);
  }

  /**
   * A table with one column of customer ids replaced by their tokens; the header (first `headerRows`
   * rows) and every other cell as they were. Empty cells stay empty.
   */
  async pseudonymiseColumn<C>(rows: readonly (readonly C[])[], column: number, headerRows = 1): Promise<C[][]> {
    const ids: string[] = [];
    for (let r = headerRows; r < rows.length; r++) {
      const v = rows[r][column];
      if (v !== null && v !== undefined && v !== '') ids.push(String(v));
    }
    const tokens = await this.tokensOf(ids);
    let next = 0;
    return rows.map((row, r) => {
      const copy = [...row];
      if (r >= headerRows) {
        const v = row[column];
        if (v !== null && v !== undefined && v !== '') copy[column] = tokens[next++] as C;
      }
      return copy;
    });
  }
}
