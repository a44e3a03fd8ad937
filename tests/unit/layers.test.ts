import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of eslint.config.js, run on snippets placed at chosen paths of src/. */
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(__dirname, '../..', path) });
  return result.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

// Loading the ESLint configuration (typescript-eslint, svelte) takes seconds on a busy machine.
describe('imports point inward (eslint layers/imports)', { timeout: 60_000 }, () => {
  it('views may not import persistence/ or workers/, only state/', async () => {
    expect(await layerErrors('src/ui/plan/probe.ts', "import { PlannerDb } from '../../persistence/db';\nexport const a = PlannerDb;")).toEqual([
      expect.stringContaining('ui/ may not import from persistence/'),
    ]);
    expect(await layerErrors('src/ui/plan/probe.ts', "export const load = () => import('../../workers/engineClient');")).toEqual([
      expect.stringContaining('ui/ may not import from workers/'),
    ]);
    expect(await layerErrors('src/ui/plan/probe.ts', "export { app } from '../../state/app.svelte';")).toEqual([]);
  });

  it('the engine imports nothing outside itself, from any depth of folder', async () => {
    expect(await layerErrors('src/engine/customers/deep/probe.ts', "import { newId } from '../../../state/ids';\nexport const a = newId;")).toEqual([
      expect.stringContaining('engine/ may not import from state/'),
    ]);
    expect(await layerErrors('src/engine/customers/deep/probe.ts', "export * from '../../../../tests/unit/setup';")).toEqual([
      expect.stringContaining('engine/ may not import from outside src/'),
    ]);
    expect(await layerErrors('src/engine/customers/deep/probe.ts', "export { toMinor } from '../../money';")).toEqual([]);
  });

  it('storage and workers do not reach up into state/ or ui/', async () => {
    expect(await layerErrors('src/persistence/probe.ts', "export { toasts } from '../state/toasts.svelte';")).toEqual([expect.stringContaining('persistence/ may not import from state/')]);
    expect(await layerErrors('src/workers/probe.ts', "export { parseUnit } from '../ui/units';")).toEqual([expect.stringContaining('workers/ may not import from ui/')]);
  });

  it('has no exceptions: the customer views reach storage and workers through state/ like every view', async () => {
    const code = "<script lang=\"ts\">\n  import { datasetRepo } from '../../persistence/datasets';\n  void datasetRepo;\n</script>\n";
    for (const file of ['src/ui/customers/AbcView.svelte', 'src/ui/customers/NewView.svelte', 'src/ui/plan/ChannelsTab.svelte']) {
      expect(await layerErrors(file, code)).toEqual([expect.stringContaining('ui/ may not import from persistence/')]);
    }
  });
});
