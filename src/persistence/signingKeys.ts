/**
 * The user's signing key and team key list, kept in the settings table. The private key is stored as
 * a non-extractable CryptoKey (IndexedDB keeps it by structured clone): this browser can sign with
 * it, nothing can read it out, and clearing the site's data deletes it for good.
 */
import type { PlannerDb } from './db';
import type { SigningKey, TeamKey } from '../files/signing';

const OWN = 'signing.ownKey';
const TEAM = 'signing.teamKeys';

export interface StoredSigningKey extends SigningKey {
  createdAt: number;
}

function isCryptoKey(x: unknown): x is CryptoKey {
  return typeof CryptoKey !== 'undefined' && x instanceof CryptoKey;
}

export async function loadOwnKey(db: PlannerDb): Promise<StoredSigningKey | null> {
  const v = (await db.settings.get(OWN))?.value as StoredSigningKey | undefined;
  // A record that is not what this code wrote (another version, a damaged store) is treated as none.
  return v && isCryptoKey(v.privateKey) && typeof v.keyId === 'string' && v.publicKey ? v : null;
}

export async function saveOwnKey(db: PlannerDb, key: StoredSigningKey): Promise<void> {
  await db.settings.put({ key: OWN, value: key });
}

export async function deleteOwnKey(db: PlannerDb): Promise<void> {
  await db.settings.delete(OWN);
}

export async function loadTeamKeys(db: PlannerDb): Promise<TeamKey[]> {
  const v = (await db.settings.get(TEAM))?.value;
  return Array.isArray(v) ? (v as TeamKey[]) : [];
}

export async function saveTeamKeys(db: PlannerDb, keys: readonly TeamKey[]): Promise<void> {
  await db.settings.put({ key: TEAM, value: keys.map((k) => ({ name: k.name, keyId: k.keyId, publicKey: { x: k.publicKey.x, y: k.publicKey.y }, addedAt: k.addedAt })) });
}
