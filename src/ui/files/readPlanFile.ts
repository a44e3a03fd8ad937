/**
 * Reading a plan file in the browser: size check before reading, encrypted or plain by the file's
 * first bytes, strict UTF-8, then the engine's gated reader (planFile/parse.ts). Nothing here
 * touches storage: a read that fails leaves everything as it was. Loaded with the first file read
 * (PlanFileReader.svelte): the reader, its schemas and checks are not needed by the first screen.
 */
import { fileSizeProblem, parsePlanFile, type FileProblem, type PlanFileOrigin } from '../../engine/planFile';
import type { Plan } from '../../engine/types';
import { decryptPlanFile, EncryptedFileError, isEncryptedPlanFile, type EncryptedFileErrorCode } from '../../files/encrypted';

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
