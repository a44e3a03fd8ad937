/**
 * The user's signing key and team key list as the UI sees them. Loaded on demand (only the signing
 * screens import this) and read again from storage whenever one of them opens, so a key created or
 * added in another tab is seen.
 */
import { checkPlanFileSignature, generateSigningKey, samePublicKey, signPlanFileText, type SignatureCheck, type TeamKey } from '../files/signing';
import type { PlannerDb } from '../persistence/db';
import { deleteOwnKey, loadOwnKey, loadTeamKeys, saveOwnKey, saveTeamKeys, type StoredSigningKey } from '../persistence/signingKeys';

export type AddKeyError = 'duplicate' | 'own' | 'noStorage';

class SigningState {
  own = $state.raw<StoredSigningKey | null>(null);
  team = $state.raw<TeamKey[]>([]);
  loaded = $state(false);

  /** The app's database (null without storage). Given by the caller, so this module stays out of the shell's chunk. */
  #db: PlannerDb | null = null;

  async refresh(db: PlannerDb | null = this.#db): Promise<void> {
    this.#db = db;
    if (db) [this.own, this.team] = await Promise.all([loadOwnKey(db), loadTeamKeys(db)]);
    this.loaded = true;
  }

  /** Makes and keeps a new key pair; false when there is no storage to keep it in. */
  async create(name: string): Promise<boolean> {
    const db = this.#db;
    if (!db) return false;
    const key = { ...(await generateSigningKey(name)), createdAt: Date.now() };
    await saveOwnKey(db, key);
    this.own = key;
    return true;
  }

  async deleteOwn(): Promise<void> {
    const db = this.#db;
    if (db) await deleteOwnKey(db);
    this.own = null;
  }

  /** The team entry with this key, if any (the same key under another name counts). */
  memberWith(key: Pick<TeamKey, 'publicKey'>): TeamKey | undefined {
    return this.team.find((k) => samePublicKey(k.publicKey, key.publicKey));
  }

  async addTeamKey(key: Omit<TeamKey, 'addedAt'>): Promise<AddKeyError | null> {
    const db = this.#db;
    if (!db) return 'noStorage';
    await this.refresh();
    if (this.own && samePublicKey(this.own.publicKey, key.publicKey)) return 'own';
    if (this.memberWith(key)) return 'duplicate';
    const team = [...this.team, { ...key, addedAt: Date.now() }];
    await saveTeamKeys(db, team);
    this.team = team;
    return null;
  }

  async removeTeamKey(keyId: string): Promise<void> {
    const db = this.#db;
    const team = this.team.filter((k) => k.keyId !== keyId);
    if (db) await saveTeamKeys(db, team);
    this.team = team;
  }

  /** Signs the unsigned text of a plan file with the user's key. */
  async sign(unsignedText: string): Promise<string> {
    if (!this.own) throw new Error('no signing key');
    return signPlanFileText(unsignedText, this.own);
  }

  async check(text: string): Promise<SignatureCheck> {
    return checkPlanFileSignature(text, { own: this.own?.publicKey ?? null, team: this.team });
  }
}

export const signing = new SigningState();

/**
 * The signature status to show before a file is imported, or null when there is nothing to show:
 * an unsigned file, for someone who neither signs nor keeps team keys (they are not asked about
 * signatures at every import).
 */
export async function signatureToShow(text: string, db: PlannerDb | null): Promise<SignatureCheck | null> {
  await signing.refresh(db);
  const usesSigning = signing.own !== null || signing.team.length > 0;
  // Cheap way out for the common case, before parsing a large file a second time.
  if (!usesSigning && !text.includes('"signature"') && !text.includes('"contentHash"')) return null;
  const check = await signing.check(text);
  if (check.status === 'unsigned' && !usesSigning) return null;
  return check;
}
