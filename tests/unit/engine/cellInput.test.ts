import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCellInput } from '../../../src/engine/cellInput';

describe('cell input', () => {
  const money = (s: string) => parseCellInput(s, 'money', 2);
  const rate = (s: string) => parseCellInput(s, 'rate', 2);
  const count = (s: string) => parseCellInput(s, 'count', 2);

  it('reads money in major units into minor units', () => {
    expect(money('15000')).toEqual({ ok: true, value: 1_500_000 });
    expect(money('15,000.50')).toEqual({ ok: true, value: 1_500_050 });
    expect(money('¥1,200')).toEqual({ ok: true, value: 120_000 });
    expect(money('CN¥1,200')).toEqual({ ok: true, value: 120_000 });
    expect(money('１２００')).toEqual({ ok: true, value: 120_000 });
    expect(parseCellInput('1200', 'money', 0)).toEqual({ ok: true, value: 1200 });
  });

  it('reads rates as percent, with or without the sign', () => {
    expect(rate('12%')).toEqual({ ok: true, value: 0.12 });
    expect(rate('12')).toEqual({ ok: true, value: 0.12 });
    expect(rate('0.5%')).toEqual({ ok: true, value: 0.005 });
    expect(rate('100%')).toEqual({ ok: true, value: 1 });
  });

  it('refuses what is not a valid value, with the reason', () => {
    expect(money('abc')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('')).toEqual({ ok: false, error: 'empty' });
    expect(money('-5')).toEqual({ ok: false, error: 'negative' });
    expect(money('(500)')).toEqual({ ok: false, error: 'negative' });
    expect(money('1,5')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('1.234,56')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('1.005')).toEqual({ ok: false, error: 'tooPrecise' });
    expect(money('1e400')).toEqual({ ok: false, error: 'tooLarge' });
    expect(money('12%')).toEqual({ ok: false, error: 'notANumber' });
    expect(rate('150%')).toEqual({ ok: false, error: 'rateAboveOne' });
    expect(count('1e13')).toEqual({ ok: false, error: 'tooLarge' });
  });

  it('never returns NaN or an infinite value, whatever is typed (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('money', 'rate', 'count' as const), (s, unit) => {
        const r = parseCellInput(s, unit, 2);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
