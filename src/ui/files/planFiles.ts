/**
 * Reading and writing plan files in the browser: size check before reading, encrypted or plain by
 * the file's first bytes, strict UTF-8, then the engine's gated reader (planFile/parse.ts). Nothing
 * here touches storage: a read that fails leaves everything as it was.
 */
import { APP_INFO } from '../../appInfo';
import { asImportedPlan, fileSizeProblem, parsePlanFile, serialisePlanFile, type FileProblem, type PlanFileOrigin } from '../../engine/planFile';
import { withAncestor } from '../../engine/merge3/lineage';
import { app } from '../../state/app.svelte';
import type { Plan } from '../../engine/types';
import { decryptPlanFile, EncryptedFileError, encryptPlanFile, isEncryptedPlanFile, type EncryptedFileErrorCode } from '../../files/encrypted';

export type ReadOutcome =
  | { kind: 'ok'; plan: Plan; warnings: FileProblem[]; encrypted: boolean; /** The plan file's text (decrypted), for the signature check. */ text: string; origin?: PlanFileOrigin }
  | { kind: 'problems'; problems: FileProblem[] }
  | { kind: 'needPassword' }
  | { kind: 'encryption'; code: EncryptedFileErrorCode };

export async function readPlanFile(file: Blob, password?: string): Promise<ReadOutcome> {
  const tooBig = fileSizeProblem(file.size);
  if (tooBig) return { kind: 'problems', problems: [tooBig] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  const encrypted = isEncryptedPlanFile(bytes);
  if (encrypted) {
    if (password === undefined) return { kind: 'needPassword' };
    try {
      text = await decryptPlanFile(bytes, password);
    } catch (e) {
      if (e instanceof EncryptedFileError) return { kind: 'encryption', code: e.code };
      throw e;
    }
  } else {
    try {
      // A picture or spreadsheet renamed .cmplan.json is not text: say "not a plan file".
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { kind: 'problems', problems: [{ code: 'notPlanFile', path: [] }] };
    }
  }
  const r = parsePlanFile(text);
  return r.ok ? { kind: 'ok', plan: r.plan, warnings: r.warnings, encrypted, text, origin: r.origin } : { kind: 'problems', problems: r.problems };
}

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
