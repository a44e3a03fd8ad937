/**
 * Pseudonymised customer exports: whether the next export replaces customer ids by tokens (on
 * unless the user turns it off — a file that leaves the device should carry as little personal
 * information as its purpose needs), and the plan's token maker, whose salt stays in this device's
 * database (persistence/planSalt.ts).
 */
import { Pseudonymiser, newSalt } from '../files/customerTokens';
import { planSalt } from '../persistence/planSalt';
import { app } from './app.svelte';

class CustomerTokens {
  /** One choice for every customer-id export, kept while the app is open. */
  pseudonymise = $state(true);
  /** Without storage (private windows that refuse IndexedDB) the salt lasts for this visit only. */
  readonly #memory = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly #made = new Map<string, Promise<Pseudonymiser>>();

  /** The plan's token maker (its salt made on first use). */
  forPlan(planId: string): Promise<Pseudonymiser> {
    let made = this.#made.get(planId);
    if (!made) {
      made = this.#salt(planId).then((salt) => Pseudonymiser.create(salt));
      // A failure (storage gone) is not remembered: the next export tries again.
      made.catch(() => this.#made.delete(planId));
      this.#made.set(planId, made);
    }
    return made;
  }

  async #salt(planId: string): Promise<Uint8Array<ArrayBuffer>> {
    const db = app.repo?.db;
    if (db) return planSalt(db, planId);
    let salt = this.#memory.get(planId);
    if (!salt) this.#memory.set(planId, (salt = newSalt()));
    return salt;
  }
}

export const customerTokens = new CustomerTokens();
