/**
 * Pseudonymous customer tokens for shared files: HMAC-SHA-256 of the customer id (its UTF-8 bytes)
 * keyed with a random salt that belongs to one plan and stays on the device that holds the plan.
 * A token is `c_` and the first 16 hex digits (64 bits) of the MAC.
 *
 * - Stable: the same id gives the same token every time for the same plan, so two lists exported from
 *   one plan join on the token column. Another plan has another salt, hence other tokens.
 * - One-way: without the salt nobody can test a guessed id against a token (a plain hash of a short
 *   numeric id could be reversed by trying every id).
 * - Collisions: for n distinct ids the chance that two share a 64-bit token is about n²/2⁶⁵ —
 *   2.7·10⁻⁸ for a million customers, 2.7·10⁻⁶ for ten million. Negligible, and `tokensOf` checks
 *   anyway: a collision is an error rather than two customers silently merged.
 *
 * This module holds the token's shape; the MAC itself (WebCrypto) is in files/customerTokens.ts.
 */

export const TOKEN_PREFIX = 'c_';
/** Hex digits kept from the MAC: 16 → 64 bits. */
export const TOKEN_HEX_DIGITS = 16;
/** Salt length: 256 bits (at least 128 are needed; a MAC key as long as the hash costs nothing more). */
export const SALT_BYTES = 32;

const TOKEN = /^c_[0-9a-f]{16}$/;

/** Whether a value has the shape of a token (it may still be a raw id that happens to look like one). */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Whether every one of the (at least one) ids is a token: a file pseudonymised before it came here. */
export function allTokens(ids: Iterable<string>): boolean {
  let any = false;
  for (const id of ids) {
    if (!TOKEN.test(id)) return false;
    any = true;
  }
  return any;
}
