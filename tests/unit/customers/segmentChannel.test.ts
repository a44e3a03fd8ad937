import { describe, expect, it } from 'vitest';
import type { Transactions } from '../../../src/engine/customers/columns';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { UNASSIGNED, type SegmentAssignment } from '../../../src/engine/customers/segments';

// Four customers, two channels (0 = shop, 1 = online):
//  c0 (vip):    shop 100, shop 50, online 30  → shop twice, online once
//  c1 (vip):    online 20, online 40
//  c2 (casual): shop 10
//  c3 (none):   shop 999 — not assigned, left out
const tx: Transactions = {
  customer: Int32Array.of(0, 1, 0, 2, 1, 0, 3),
  day: Int32Array.of(1, 2, 3, 4, 5, 6, 7),
  amount: Float64Array.of(100, 20, 50, 10, 40, 30, 999),
  channel: Int32Array.of(0, 1, 0, 0, 1, 1, 0),
  customerCount: 4,
  channelCount: 2,
};
const assignment: SegmentAssignment = { ids: ['vip', 'casual'], segment: Uint16Array.of(0, 0, 1, UNASSIGNED) };

describe('segment × channel matrix', () => {
  const m = segmentChannelMatrix(tx, assignment, { highValueSegments: ['vip'] });
  const cell = (s: number, ch: number) => s * 2 + ch;

  it('counts a customer in every channel they bought in, orders and revenue where placed', () => {
    expect(m.customers[cell(0, 0)]).toBe(1); // c0 in shop
    expect(m.customers[cell(0, 1)]).toBe(2); // c0 and c1 online
    expect(m.customers[cell(1, 0)]).toBe(1);
    expect(m.customers[cell(1, 1)]).toBe(0);
    expect(Array.from(m.orders)).toEqual([2, 3, 1, 0]);
    expect(Array.from(m.revenue)).toEqual([150, 90, 10, 0]);
    expect(m.aov[cell(0, 1)]).toBeCloseTo(30, 12);
    expect(m.aov[cell(1, 1)]).toBe(0);
  });

  it('per channel: high-value share and repurchase rate', () => {
    const [shop, online] = m.channels;
    expect([shop.customers, shop.orders, shop.revenue]).toEqual([2, 3, 160]);
    expect(shop.highValueShare).toBeCloseTo(1 / 2, 12);
    expect(shop.repeatCustomers).toBe(1); // c0 bought twice in the shop
    expect(shop.repurchaseRate).toBeCloseTo(1 / 2, 12);
    expect(online.highValueShare).toBe(1);
    expect(online.repeatCustomers).toBe(1); // c1 twice online; c0 once
    expect(online.repurchaseRate).toBeCloseTo(1 / 2, 12);
  });

  it('respects the analysis day', () => {
    const early = segmentChannelMatrix(tx, assignment, { throughDay: 3 });
    expect(Array.from(early.orders)).toEqual([2, 1, 0, 0]);
    expect(early.channels[0].repeatCustomers).toBe(1);
  });
});
