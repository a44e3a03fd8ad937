// Unit tests run the real storage code against an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import fc from 'fast-check';

// CI replays the same property-test cases every run, so a red build always reproduces; local runs
// draw new cases each time and keep exploring. Set FC_SEED to replay a reported failure.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261123' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
