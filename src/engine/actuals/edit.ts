/**
 * The plan edits of actuals, one small function per kind (see patch.ts): an import sets the whole
 * table with its mappings, removing takes it away. Each is one undo step.
 */
import type { Op } from '../patch';
import type { Actuals } from '../types';

export function setActualsOps(actuals: Actuals): Op[] {
  return [{ path: ['actuals'], value: actuals }];
}

export function removeActualsOps(): Op[] {
  return [{ path: ['actuals'], value: undefined }];
}
