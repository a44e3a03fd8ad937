/**
 * The salt that keys a plan's customer tokens (engine/customers/pseudonym.ts). It is kept in the
 * device's `settings` table under the plan's id, never in the plan record: plan files, exports, the
 * plan card and snapshots are made from the plan record, so the salt cannot travel with them. Only
 * this device can recompute a plan's tokens from raw customer ids.
 */
import { SALT_BYTES } from '../engine/customers/pseudonym';
import { newSalt } from '../files/customerTokens';
import type { PlannerDb } from './db';

export const saltKey = (planId: string): string => `customerTokenSalt:${planId}`;

const isSalt = (v: unknown): v is Uint8Array<ArrayBuffer> => v instanceof Uint8Array && v.length === SALT_BYTES;

/** The plan's salt, made (at random) on first use. Two tabs asking at once get the same salt. */
export async function planSalt(db: PlannerDb, planId: string): Promise<Uint8Array<ArrayBuffer>> {
  return db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get(saltKey(planId)))?.value;
    if (isSalt(stored)) return stored;
    const salt = newSalt();
    await db.settings.put({ key: saltKey(planId), value: salt });
    return salt;
  });
}

/** Removes a plan's salt: its tokens can no longer be recomputed on this device. */
export async function forgetPlanSalt(db: PlannerDb, planId: string): Promise<void> {
  await db.settings.delete(saltKey(planId));
}
