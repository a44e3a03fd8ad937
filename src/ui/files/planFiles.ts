/**
 * Plan files in the browser: the plan an import takes in, the local plans a file may be a version
 * of, and the text or sealed bytes an export writes (reading a file is readPlanFile.ts). The
 * engine's modules are named one by one, not through planFile/index.ts: the first screen offers
 * export and import, and the index would bring the reader's schemas into its first load.
 */
import { APP_INFO } from '../../appInfo';
import type { PlanFileOrigin } from '../../engine/planFile/format';
import { asImportedPlan } from '../../engine/planFile/imported';
import { serialisePlanFile } from '../../engine/planFile/serialise';
import { withAncestor } from '../../engine/merge3/lineage';
import { app } from '../../state/app.svelte';
import type { Plan } from '../../engine/types';
import { encryptPlanFile } from '../../files/encrypted';

/**
 * The plan as it goes into the app: a new id, so an import never overwrites a plan by accident; the
 * file's origin joins its lineage, so the file's later versions are recognised.
 */
export function importedCopy(plan: Plan, id: string, origin?: PlanFileOrigin): Plan {
  const copy = asImportedPlan(plan, id, Date.now());
  return origin ? withAncestor(copy, origin) : copy;
}

/** The local plans a file's plan is a version of (same id, or related by lineage): offered a three-way merge. */
export async function mergeTargets(plan: Plan, origin?: PlanFileOrigin): Promise<Plan[]> {
  const locals: Plan[] = [];
  for (const p of app.plans) {
    if (p.damaged) continue;
    const local = await app.storedPlan(p.id);
    if (local) locals.push(local);
  }
  // Loaded on import only: the first screen does not need it.
  const { relatedLocalPlans } = await import('../../state/planLineage');
  return relatedLocalPlans(locals, plan, origin);
}

export function planFileText(plan: Plan, origin?: PlanFileOrigin): string {
  return serialisePlanFile(plan, APP_INFO, origin ? { origin } : {});
}

/** Seals a plan file's text (a signed file is signed inside, then sealed). */
export async function encryptedPlanFile(password: string, text: string): Promise<Uint8Array<ArrayBuffer>> {
  return encryptPlanFile(text, password);
}
