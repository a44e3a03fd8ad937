import { describe, it } from 'vitest';
import { importFuzzProperties } from '../unit/import/fuzzProperties';
import { fuzzPlanFileParser } from '../unit/planFile/fuzzProperties';

/**
 * The importers under long fuzzing (`npm run fuzz`): 10,000 runs of each property, or FUZZ_RUNS.
 * `npm test` runs the same properties a few hundred times; this is the deep run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

describe(`importers under ${RUNS} fuzz runs per property`, () => {
  it('plan files (cases 16, 20, 21, 22): never throw or hang, never pollute a prototype', () => {
    fuzzPlanFileParser(RUNS);
  });

  it('transaction files (cases 27–32): text and bytes in arbitrary chunks never throw or hang', () => {
    importFuzzProperties(RUNS);
  });
});
