import { describe, it } from 'vitest';
import { bytesFuzzProperty, textFuzzProperty } from './fuzzProperties';

describe('import fuzz', () => {
  it('case 28/32: arbitrary text in arbitrary chunks never throws and leaves a consistent report', () => {
    textFuzzProperty(300);
  });

  it('case 25/32: arbitrary bytes through detection, decoding, parsing and building never throw', () => {
    bytesFuzzProperty(300);
  });
});
