import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPriceConflicts, type PriceConflict } from '../../../src/engine/evaluation/priceConflicts';
import type { Freight, PriceEntry, PriceSettings } from '../../../src/engine/types';

let next = 0;
function entry(product: string, channelId: string, regionId: string, price: number, id = `e${next++}`): PriceEntry {
  return { id, product, channelId, regionId, price };
}

function prices(entries: PriceEntry[], extra: Partial<PriceSettings> = {}): PriceSettings {
  return { reference: { serum: 10_000 }, tolerance: 0.5, entries, freight: [], ...extra };
}

const noRebates = () => 0;
const ofKind = <K extends PriceConflict['kind']>(cs: PriceConflict[], kind: K) =>
  cs.filter((c): c is Extract<PriceConflict, { kind: K }> => c.kind === kind);

describe('spread against the reference price', () => {
  it('allows a price exactly at the tolerance and flags one minor unit beyond', () => {
    const entries = [
      entry('serum', 'tmall', '', 11_000, 'at+'),
      entry('serum', 'tmall', '', 9_000, 'at-'),
      entry('serum', 'live', '', 11_001, 'over'),
      entry('serum', 'live', '', 8_999, 'under'),
      entry('serum', 'stores', '', 10_000, 'ref'),
    ];
    const { conflicts, problems } = findPriceConflicts(prices(entries, { tolerance: 0.1 }), noRebates);
    expect(problems).toEqual([]);
    const spreads = ofKind(conflicts, 'spread');
    expect(spreads.map((c) => c.entryId)).toEqual(['over', 'under']);
    expect(spreads[0]).toMatchObject({ product: 'serum', channelId: 'live', regionId: '', price: 11_001, reference: 10_000, channels: ['live'] });
    expect(spreads[0].deviation).toBeCloseTo(0.1001, 12);
    expect(spreads[1].deviation).toBeCloseTo(-0.1001, 12);
  });

  it('is not fooled by rounding in price / reference − 1', () => {
    // 130 / 100 − 1 = 0.30000000000000004 and 0.29 · 100 = 28.999999999999996 in floating point.
    const a = findPriceConflicts({ reference: { p: 100 }, tolerance: 0.3, entries: [entry('p', 'c', '', 130), entry('p', 'c', '', 70)], freight: [] }, noRebates);
    expect(a.conflicts).toEqual([]);
    const b = findPriceConflicts({ reference: { p: 100 }, tolerance: 0.29, entries: [entry('p', 'c', '', 129), entry('p', 'c', '', 71)], freight: [] }, noRebates);
    expect(b.conflicts).toEqual([]);
    const c = findPriceConflicts({ reference: { p: 100 }, tolerance: 0.29, entries: [entry('p', 'c', '', 130)], freight: [] }, noRebates);
    expect(ofKind(c.conflicts, 'spread')).toHaveLength(1);
  });

  it('flags products without a usable reference once, with their entries and channels', () => {
    const entries = [entry('mask', 'tmall', '', 500, 'm1'), entry('mask', 'live', '', 400, 'm2'), entry('mask', 'tmall', 'north', 450, 'm3')];
    const { conflicts } = findPriceConflicts(prices(entries), noRebates);
    expect(conflicts).toEqual([{ kind: 'noReference', product: 'mask', entryIds: ['m1', 'm2', 'm3'], channels: ['tmall', 'live'] }]);
    for (const reference of [{ mask: 0 }, { mask: Number.NaN }, {}] as Record<string, number>[]) {
      expect(findPriceConflicts(prices(entries.slice(0, 1), { reference }), noRebates).conflicts[0].kind).toBe('noReference');
    }
    // A product named like an Object.prototype member has no reference either.
    const proto = findPriceConflicts(prices([entry('constructor', 'tmall', '', 100)], { reference: {} }), noRebates);
    expect(proto.conflicts[0]).toMatchObject({ kind: 'noReference', product: 'constructor' });
  });
});

describe('diversion between regions (heuristic)', () => {
  const north = () => entry('serum', 'dist-north', 'north', 8_000, 'n');
  const south = () => entry('serum', 'dist-south', 'south', 9_500, 's');

  it('without freight or rebates: any gap is a risk, and freight is flagged unknown', () => {
    const { conflicts } = findPriceConflicts(prices([north(), south()]), noRebates);
    expect(conflicts).toEqual([
      {
        kind: 'diversion',
        product: 'serum',
        low: { entryId: 'n', channelId: 'dist-north', regionId: 'north', price: 8_000, rebateRate: 0, netPrice: 8_000 },
        high: { entryId: 's', channelId: 'dist-south', regionId: 'south', price: 9_500, rebateRate: 0, netPrice: 9_500 },
        gap: 1_500,
        freight: 0,
        freightUnknown: true,
        margin: 1_500,
        heuristic: true,
        channels: ['dist-north', 'dist-south'],
      },
    ]);
  });

  it('freight counts both ways and removes the risk when it eats the gap', () => {
    const freight: Freight[] = [{ from: 'south', to: 'north', cost: 1_000 }];
    const cheap = ofKind(findPriceConflicts(prices([north(), south()], { freight }), noRebates).conflicts, 'diversion');
    expect(cheap).toHaveLength(1);
    expect(cheap[0]).toMatchObject({ gap: 1_500, freight: 1_000, freightUnknown: false, margin: 500 });
    const dear = findPriceConflicts(prices([north(), south()], { freight: [{ from: 'north', to: 'south', cost: 2_000 }] }), noRebates);
    expect(dear.conflicts).toEqual([]);
    // Exactly break-even: no margin, no risk.
    const even = findPriceConflicts(prices([north(), south()], { freight: [{ from: 'north', to: 'south', cost: 1_500 }] }), noRebates);
    expect(even.conflicts).toEqual([]);
  });

  it('a rebate lowers the buyer’s net price and can bring the risk back', () => {
    const freight: Freight[] = [{ from: 'north', to: 'south', cost: 2_000 }];
    const rate = (ch: string) => (ch === 'dist-north' ? 0.2 : 0);
    const d = ofKind(findPriceConflicts(prices([north(), south()], { freight }), rate).conflicts, 'diversion');
    // 8,000 × 0.8 = 6,400; + 2,000 freight = 8,400 < 9,500
    expect(d).toHaveLength(1);
    expect(d[0].low).toMatchObject({ entryId: 'n', rebateRate: 0.2, netPrice: 6_400 });
    expect(d[0]).toMatchObject({ gap: 3_100, freight: 2_000, margin: 1_100 });
  });

  it('takes the direction with the larger margin, even from the dearer list price', () => {
    // North lists 10,000 but pays a 50 % rebate (net 5,000); south lists 6,000 without one.
    // North → south: 6,000 − 5,000 − 2,000 < 0. South → north: 10,000 − 6,000 − 2,000 = 2,000.
    const entries = [entry('serum', 'a', 'north', 10_000, 'n'), entry('serum', 'b', 'south', 6_000, 's')];
    const rate = (ch: string) => (ch === 'a' ? 0.5 : 0);
    const d = ofKind(findPriceConflicts(prices(entries, { freight: [{ from: 'north', to: 'south', cost: 2_000 }] }), rate).conflicts, 'diversion');
    expect(d).toHaveLength(1);
    expect(d[0].low.entryId).toBe('s');
    expect(d[0].high).toMatchObject({ entryId: 'n', netPrice: 5_000 });
    expect(d[0].margin).toBe(2_000);
  });

  it('keeps the cheapest of freight listed twice for one pair', () => {
    const freight: Freight[] = [
      { from: 'north', to: 'south', cost: 2_000 },
      { from: 'south', to: 'north', cost: 500 },
    ];
    const d = ofKind(findPriceConflicts(prices([north(), south()], { freight }), noRebates).conflicts, 'diversion');
    expect(d[0].freight).toBe(500);
  });

  it('pairs no entry that holds everywhere, and none within one region', () => {
    const entries = [
      entry('serum', 'tmall', '', 5_500, 'national'),
      entry('serum', 'dist-north', 'north', 9_000, 'n1'),
      entry('serum', 'stores', 'north', 7_000, 'n2'),
    ];
    const { conflicts } = findPriceConflicts(prices(entries), noRebates);
    expect(ofKind(conflicts, 'diversion')).toEqual([]);
  });

  it('lists the channel once when one channel prices two regions apart', () => {
    const entries = [entry('serum', 'dist', 'north', 8_000), entry('serum', 'dist', 'south', 9_000)];
    const d = ofKind(findPriceConflicts(prices(entries), noRebates).conflicts, 'diversion');
    expect(d[0].channels).toEqual(['dist']);
  });

  it('checks every pair of regions', () => {
    const entries = [entry('serum', 'a', 'r1', 8_000), entry('serum', 'b', 'r2', 9_000), entry('serum', 'c', 'r3', 10_000)];
    const d = ofKind(findPriceConflicts(prices(entries), noRebates).conflicts, 'diversion');
    expect(d.map((c) => [c.low.regionId, c.high.regionId, c.margin])).toEqual([
      ['r1', 'r2', 1_000],
      ['r1', 'r3', 2_000],
      ['r2', 'r3', 1_000],
    ]);
  });
});

describe('order and problems', () => {
  it('orders products by code unit, spreads before diversions, whatever the entry order', () => {
    const entries = [
      entry('serum', 'a', 'north', 8_000, 's1'),
      entry('cream', 'b', '', 100, 'c1'),
      entry('serum', 'b', 'south', 16_000, 's2'),
      entry('Toner', 'c', '', 100, 't1'),
    ];
    const settings = prices(entries, { reference: { serum: 10_000, cream: 100 } });
    const kinds = (cs: PriceConflict[]) => cs.map((c) => `${c.kind}:${'product' in c ? c.product : ''}`);
    const expected = ['noReference:Toner', 'spread:serum', 'diversion:serum'];
    expect(kinds(findPriceConflicts(settings, noRebates).conflicts)).toEqual(expected);
    const shuffled = { ...settings, entries: [entries[3], entries[2], entries[1], entries[0]] };
    expect(kinds(findPriceConflicts(shuffled, noRebates).conflicts)).toEqual(expected);
  });

  it('reports an invalid tolerance but still flags missing references and diversion', () => {
    const entries = [entry('serum', 'a', 'north', 1_000), entry('serum', 'b', 'south', 2_000), entry('mask', 'a', '', 50)];
    const r = findPriceConflicts(prices(entries, { tolerance: -0.1 }), noRebates);
    expect(r.problems).toEqual([{ code: 'toleranceInvalid', tolerance: -0.1 }]);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['noReference', 'diversion']);
  });

  it('leaves out prices that are not positive numbers, and counts an invalid rebate rate as none', () => {
    const entries = [
      entry('serum', 'a', 'north', 0, 'zero'),
      entry('serum', 'a', 'north', Number.NaN, 'nan'),
      entry('serum', 'x', 'north', 9_000),
      entry('serum', 'y', 'south', 9_900),
    ];
    const calls: string[] = [];
    const rate = (ch: string) => {
      calls.push(ch);
      return ch === 'x' ? 1.5 : 0;
    };
    const r = findPriceConflicts(prices(entries, { freight: [{ from: 'north', to: 'south', cost: -1 }] }), rate);
    expect(r.problems).toEqual([
      { code: 'priceInvalid', entryId: 'zero', price: 0 },
      { code: 'priceInvalid', entryId: 'nan', price: Number.NaN },
      { code: 'freightInvalid', index: 0, cost: -1 },
      { code: 'rebateRateInvalid', channelId: 'x', rate: 1.5 },
    ]);
    const d = ofKind(r.conflicts, 'diversion');
    expect(d[0].low).toMatchObject({ channelId: 'x', rebateRate: 0, netPrice: 9_000 });
    expect(d[0].freightUnknown).toBe(true);
    // Asked once per channel.
    expect(calls).toEqual(['x', 'y']);
  });
});

describe('properties', () => {
  const entryArb = fc.record({
    product: fc.constantFrom('p', 'q'),
    channelId: fc.constantFrom('a', 'b', 'c'),
    regionId: fc.constantFrom('', 'r1', 'r2', 'r3'),
    price: fc.integer({ min: 1, max: 100_000 }),
  });
  const settingsArb = fc.record({
    entries: fc.array(entryArb, { maxLength: 8 }),
    freight: fc.array(fc.record({ from: fc.constantFrom('r1', 'r2', 'r3'), to: fc.constantFrom('r1', 'r2', 'r3'), cost: fc.integer({ min: 0, max: 5_000 }) }), { maxLength: 4 }),
    rates: fc.record({ a: fc.double({ min: 0, max: 0.5, noNaN: true }), b: fc.constant(0), c: fc.double({ min: 0, max: 0.3, noNaN: true }) }),
  });

  it('every diversion is profitable after freight, between two regions, and never involves a nationwide price', () => {
    fc.assert(
      fc.property(settingsArb, ({ entries, freight, rates }) => {
        const s: PriceSettings = { reference: { p: 50_000 }, tolerance: 0.2, entries: entries.map((e, i) => ({ ...e, id: `e${i}` })), freight };
        const { conflicts, problems } = findPriceConflicts(s, (ch) => rates[ch as 'a' | 'b' | 'c']);
        expect(problems).toEqual([]);
        for (const c of ofKind(conflicts, 'diversion')) {
          expect(c.low.regionId).not.toBe('');
          expect(c.high.regionId).not.toBe('');
          expect(c.low.regionId).not.toBe(c.high.regionId);
          expect(c.low.netPrice + c.freight).toBeLessThan(c.high.price);
          expect(c.margin).toBeCloseTo(c.gap - c.freight, 6);
        }
        // Same input, same output.
        expect(findPriceConflicts(s, (ch) => rates[ch as 'a' | 'b' | 'c']).conflicts).toEqual(conflicts);
      }),
    );
  });
});
