/// <reference types="vitest/config" />
import base from './vite.config';

// Long fuzz runs of the importers, kept out of `npm test` (see tests/fuzz). The unit suite's
// include list is replaced, not merged, so only the fuzz files run.
export default {
  ...base,
  test: {
    ...base.test,
    include: ['tests/fuzz/**/*.fuzz.test.ts'],
    testTimeout: 30 * 60_000,
  },
};
