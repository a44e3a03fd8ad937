import { describe, expect, it } from 'vitest';
import { nextTier } from '../../../src/ui/evaluate/rebateEdits';
import { readingReport, typedReadingNote } from '../../../src/ui/readings';
import { parseUnit } from '../../../src/ui/units';
import type { InputReading } from '../../../src/ui/grid/cellSpec';

function reading(raw: string, unit: 'money' | 'rate' | 'count'): InputReading {
  const r = parseUnit(raw, unit, 'CNY');
  if (!r.ok || !r.reading) throw new Error(`no reading for ${raw}`);
  return r.reading;
}

describe('how typed and pasted numbers were read', () => {
  it('says what a fraction, percent points and 万 became', () => {
    expect(reading('0.03', 'rate')).toEqual({ raw: '0.03', kind: 'fraction', shown: '3%' });
    expect(reading('12', 'rate')).toEqual({ raw: '12', kind: 'points', shown: '12%' });
    expect(reading('20万', 'money')).toEqual({ raw: '20万', kind: 'scaled', shown: '¥200,000' });
    expect(parseUnit('3%', 'rate', 'CNY')).toEqual({ ok: true, value: 0.03 });
    expect(parseUnit('1200', 'money', 'CNY')).toEqual({ ok: true, value: 120_000 });
  });

  it('reports a pasted block per column and warns when one column mixes fractions and percent points', () => {
    const report = readingReport([
      { column: 'Conversion', reading: reading('0.03', 'rate') },
      { column: 'Spend', reading: reading('15万', 'money') },
      { column: 'Conversion', reading: reading('0.05', 'rate') },
      { column: 'Conversion', reading: reading('12', 'rate') },
    ]);
    expect(report.lines).toEqual([
      'Conversion: read 0.03 as 3% (a fraction), and 1 more read the same way; 12 as 12% (percent points).',
      'Spend: read 15万 as ¥150,000.',
    ]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain('Check Conversion: it mixes fractions (0.03) and percent points (12).');
  });

  it('a column of one kind gets no warning; a typed fraction says how to type a small percent', () => {
    const report = readingReport([
      { column: 'Conversion', reading: reading('0.03', 'rate') },
      { column: 'Conversion', reading: reading('0.5', 'rate') },
    ]);
    expect(report.warnings).toEqual([]);
    expect(typedReadingNote('Conversion', reading('0.5', 'rate'))).toBe('Conversion: read 0.5 as 50% (a fraction). For 0.5 percent, type 0.5%.');
    expect(typedReadingNote('Conversion', reading('12', 'rate'))).toBeNull();
    expect(typedReadingNote('Conversion', undefined)).toBeNull();
  });
});

describe('a new rebate tier', () => {
  it('steps up by the last step, rounded to its order of magnitude', () => {
    expect(nextTier([{ threshold: 900_000_000, rate: 0.01 }, { threshold: 1_100_000_000, rate: 0.02 }])).toEqual({ threshold: 1_300_000_000, rate: 0.03 });
    expect(nextTier([{ threshold: 1_100_000_000, rate: 0.02 }, { threshold: 1_375_000_000, rate: 0.03 }]).threshold).toBe(1_700_000_000);
    // One tier: a quarter more, rounded (never 13,750,000.01).
    expect(nextTier([{ threshold: 1_100_000_000, rate: 0.02 }]).threshold).toBe(1_400_000_000);
    expect(nextTier([])).toEqual({ threshold: 0, rate: 0.01 });
    expect(nextTier([{ threshold: 0, rate: 0.01 }]).threshold).toBe(100);
    expect(nextTier([{ threshold: 5_000_000, rate: 1 }]).rate).toBe(1);
  });

  it('is always above the last tier and a multiple of its rounding step', () => {
    for (let last = 1; last < 1e12; last = Math.ceil(last * 3.7) + 13) {
      const t = nextTier([{ threshold: Math.floor(last / 2), rate: 0.01 }, { threshold: last, rate: 0.02 }]).threshold;
      expect(t).toBeGreaterThan(last);
      expect(Number.isSafeInteger(t)).toBe(true);
    }
  });
});
