import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { customerValueSnapshot, ltvCacByChannel, paybackMonths, unmatchedDataChannels } from '../../../src/engine/customerValue';
import { parsePlanFile, serialisePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import type { CustomerValue } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';
import { APP, edit, fileOf } from '../planFile/helpers';

describe('payback months', () => {
  it('is the month the cumulative margin reaches CAC, linear within the month', () => {
    expect(paybackMonths(150, [100, 80, 60])).toBeCloseTo(1 + 50 / 80, 12);
    expect(paybackMonths(100, [100, 80, 60])).toBe(1);
    expect(paybackMonths(30, [100, 80, 60])).toBeCloseTo(0.3, 12);
    // Not within the horizon: 240 < 300.
    expect(paybackMonths(300, [100, 80, 60])).toBeNull();
    expect(paybackMonths(0, [100])).toBe(0);
    // A month without margin is passed over.
    expect(paybackMonths(150, [100, 0, 100])).toBeCloseTo(2.5, 12);
  });
});

describe('customer-value snapshot', () => {
  const plan = simplePlan([simpleChannel('web'), simpleChannel('store')]);
  plan.channels[0].name = 'Web';
  plan.channels[1].name = '门店';
  const clv = {
    observationEndDay: 20_787, // 2026-11-30
    horizonMonths: 3,
    spendModel: true,
    perFirstChannel: [
      { channel: 'web', customers: 300, clv: 120.5, monthlyMargin: [50, 40, 35] },
      { channel: '門店', customers: 100, clv: 300, monthlyMargin: [120, 100, 90] },
      { channel: '门店', customers: 300, clv: 200, monthlyMargin: [80, 70, 60] },
      { channel: 'Catalogue', customers: 50, clv: 10, monthlyMargin: [5, 3, 2] },
      { channel: 'Empty', customers: 0, clv: 0, monthlyMargin: [0, 0, 0] },
    ],
  };
  const snap = customerValueSnapshot(plan, clv, { dataset: 'orders', takenAt: 1, discountRate: 0.01, margin: 0.4 });

  it('matches data channels to plan channels by folded name and averages over all their customers', () => {
    expect(snap.observationEnd).toBe('2026-11-30');
    expect(snap.method).toBe('bgnbd-gammagamma');
    expect(snap.channels).toEqual([
      { channelId: 'web', dataChannels: ['web'], customers: 300, clv: 12_050, monthlyMargin: [5_000, 4_000, 3_500] },
      // (300·100 + 200·300) / 400 = 225; months (120·100 + 80·300)/400 = 90, 77.5, 67.5
      { channelId: 'store', dataChannels: ['門店', '门店'], customers: 400, clv: 22_500, monthlyMargin: [9_000, 7_750, 6_750] },
    ]);
    expect(unmatchedDataChannels(plan, clv)).toEqual(['Catalogue']);
  });

  it('gives LTV:CAC = CLV ÷ CAC with the plan’s CAC, and the payback from the monthly margin', () => {
    const withValue = { ...plan, customerValue: snap };
    const res = computePlan(withValue);
    const rows = ltvCacByChannel(withValue, res);
    plan.channels.forEach((ch, c) => {
      let spend = 0;
      let newOrders = 0;
      for (let t = 0; t < res.periods; t++) {
        spend += res.flows.spend[c * res.periods + t];
        newOrders += res.flows.newOrders[c * res.periods + t];
      }
      const cac = spend / newOrders;
      const value = snap.channels.find((x) => x.channelId === ch.id)!;
      const row = rows.get(ch.id)!;
      expect(row.cac).toBeCloseTo(cac, 6);
      expect(row.ltvCac).toBeCloseTo(value.clv / cac, 9);
      // Independent: walk the months.
      let left = cac;
      let months: number | null = null;
      for (let k = 0; k < value.monthlyMargin.length; k++) {
        if (left <= value.monthlyMargin[k]) {
          months = k + left / value.monthlyMargin[k];
          break;
        }
        left -= value.monthlyMargin[k];
      }
      expect(row.payback === null ? null : row.payback).toEqual(months === null ? null : expect.closeTo(months, 9));
    });
  });
});

function outcome(result: ParsePlanFileResult): { errors: string[]; warnings: string[] } {
  const show = (p: { code: string; path: (string | number)[] }) => `${p.code} ${p.path.join('.')}`;
  if (!result.ok) return { errors: result.problems.map(show), warnings: [] };
  return { errors: [], warnings: result.warnings.map(show) };
}

describe('plan file: customer value', () => {
  const good = (channelId: string): CustomerValue => ({
    dataset: 'orders 2026', takenAt: 1_764_000_000_000, observationEnd: '2026-11-30', method: 'bgnbd-gammagamma', horizonMonths: 2, discountRate: 0.01, margin: 0.35,
    channels: [{ channelId, dataChannels: ['天猫'], customers: 1200, clv: 45_600, monthlyMargin: [3_100, 2_900] }],
  });

  it('reads a good snapshot and writes it back byte for byte', () => {
    const text = edit(fileOf(), (f) => void (f.plan.customerValue = good(f.plan.channels[0].id)));
    const read = parsePlanFile(text);
    expect(outcome(read)).toEqual({ errors: [], warnings: [] });
    if (!read.ok) return;
    expect(read.plan.customerValue?.channels[0].clv).toBe(45_600);
    const written = serialisePlanFile(read.plan, APP);
    const again = parsePlanFile(written);
    expect(again.ok && serialisePlanFile(again.plan, APP)).toBe(written);
    expect(written).toContain('"monthlyMargin": [\n');
  });

  it('refuses values a snapshot cannot hold, with their paths', () => {
    const bad = edit(fileOf(), (f) => {
      const cv = good(f.plan.channels[0].id);
      f.plan.customerValue = { ...cv, margin: 1.5, horizonMonths: 0, observationEnd: '2026-13-01', channels: [{ ...cv.channels[0], clv: 12.5, monthlyMargin: [-1] }, { ...cv.channels[0] }] };
    });
    expect(outcome(parsePlanFile(bad)).errors).toEqual(expect.arrayContaining([
      'outOfRange plan.customerValue.margin',
      'outOfRange plan.customerValue.horizonMonths',
      'invalidValue plan.customerValue.observationEnd',
      'notInteger plan.customerValue.channels.0.clv',
      'outOfRange plan.customerValue.channels.0.monthlyMargin.0',
      'lengthMismatch plan.customerValue.channels.0.monthlyMargin',
      'duplicateId plan.customerValue.channels.1.channelId',
    ]));
    const wrongType = edit(fileOf(), (f) => void (f.plan.customerValue = { ...good('x'), method: 'guess', clv: 'a lot' }));
    expect(outcome(parsePlanFile(wrongType)).errors).toContain('invalidValue plan.customerValue.method');
  });

  it('warns about a channel the plan no longer has', () => {
    const text = edit(fileOf(), (f) => void (f.plan.customerValue = good('gone')));
    expect(outcome(parsePlanFile(text)).warnings).toContain('unknownRef plan.customerValue.channels.0.channelId');
  });
});

describe('removing a channel', () => {
  it('takes its CLV out of the snapshot in the same edit, and undo brings it back', async () => {
    const { removeChannelOps } = await import('../../../src/engine/listEdits');
    const { applyOps } = await import('../../../src/engine/patch');
    const plan = simplePlan([simpleChannel('web'), simpleChannel('store')]);
    const withValue = { ...plan, customerValue: { dataset: 'd', takenAt: 0, observationEnd: '2026-11-30', method: 'bgnbd-gammagamma' as const, horizonMonths: 1, discountRate: 0.01, margin: 0.3,
      channels: [{ channelId: 'web', dataChannels: ['web'], customers: 3, clv: 100, monthlyMargin: [10] }, { channelId: 'store', dataChannels: ['store'], customers: 4, clv: 200, monthlyMargin: [20] }] } };
    const applied = applyOps(withValue, removeChannelOps(withValue, 'web'));
    expect(applied.result.channels.map((c) => c.id)).toEqual(['store']);
    expect(applied.result.customerValue?.channels.map((c) => c.channelId)).toEqual(['store']);
    expect(applyOps(applied.result, applied.inverse).result).toEqual(withValue);
  });
});
