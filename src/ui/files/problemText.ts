import type { FileProblem } from '../../engine/planFile';
import { t } from '../../state/i18n.svelte';

/** Where in the file, as a JSON path a person can search for: plan.channels[2].drivers.aov.base. */
export function problemPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function problemText(p: FileProblem): string {
  const params = { line: '?', column: '?', found: '?', value: '?', ...(p.params ?? {}) };
  const text = t(`fileProblem.${p.code}`, params);
  const where = problemPath(p.path);
  return where ? `${where}: ${text}` : text;
}
