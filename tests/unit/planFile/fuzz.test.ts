import { describe, it } from 'vitest';
import { fuzzPlanFileParser } from './fuzzProperties';

describe('plan file reader under fuzzing', () => {
  it('cases 16, 20, 21: never throws on any text, keeps its result contract and pollutes nothing', () => {
    fuzzPlanFileParser(300);
  }, 60_000);
});
