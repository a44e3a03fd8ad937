import { describe, expect, it } from 'vitest';
import type { OrderData } from '../../../src/engine/customers/orders';
import { meanSampleSize, orderValuesByChannel, orderValueSpread, predictLift } from '../../../src/engine/experiments';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { measuredSpread } from '../../../src/ui/experiments/orderValueSource';
import { designFigures } from '../../../src/ui/experiments/designModel';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/** Orders of three data channels; '門店' and '门店' are one plan channel (traditional/simplified). */
const names = ['網店', '門店', '门店'];
const channel = Int32Array.from([0, 1, 2, 0, 1, 2, 2, 0, 1, 0, 2, 1]);
const amount = Float64Array.from([120, 300, 280.5, 99.9, 310, 260, 255, 150, 290, 80, 270.25, 330]);
const data = { columns: { channel: { values: names } }, orders: { channel, amount } } as unknown as OrderData;

describe('order values from imported orders', () => {
  it('gives each channel the mean and sd that orderValueSpread gives its orders alone', () => {
    const per = orderValuesByChannel(data)!;
    per.forEach((v, c) => {
      const ref = orderValueSpread(amount, (i) => channel[i] === c)!;
      expect(v.orders).toBe(ref.n);
      expect(v.mean).toBeCloseTo(ref.mean, 10);
      expect(v.sd!).toBeCloseTo(ref.sd, 10);
    });
  });

  it('pools the data channels of one plan channel as if their orders were one list, in minor units', () => {
    const plan = simplePlan([simpleChannel('web'), simpleChannel('store')]);
    plan.channels[0].name = '网店';
    plan.channels[1].name = '门店';
    const pooled = measuredSpread(plan, 'store', orderValuesByChannel(data)!)!;
    const ref = orderValueSpread(amount, (i) => channel[i] === 1 || channel[i] === 2)!;
    expect(pooled.orders).toBe(ref.n);
    expect(pooled.dataChannels).toEqual(['門店', '门店']);
    expect(pooled.mean).toBeCloseTo(ref.mean * 100, 8);
    expect(pooled.sd).toBeCloseTo(ref.sd * 100, 8);
    expect(measuredSpread(plan, 'nowhere', orderValuesByChannel(data)!)).toBeNull();
  });

  it('sizes an order-value test with the measured sd instead of CV × order value', () => {
    const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    const live = plan.channels.find((c) => c.type === 'liveStream')!;
    const lift = predictLift(plan, { channelId: live.id, driver: 'aov', percent: 5, regionId: '', month: '2027-03', scenarioId: null });
    if (typeof lift === 'string') throw new Error(lift);
    const settings = { driver: 'aov', share: 1, alpha: 0.05, power: 0.8, method: 'pooled' as const, days: null, cv: 0.8, looks: null };
    const typed = designFigures(lift, settings);
    const measured = designFigures(lift, { ...settings, sd: 8_000 });
    expect(typed.sd).toBeCloseTo(0.8 * lift.aov, 9);
    expect(measured.sd).toBe(8_000);
    expect(measured.unitsPerArm).toBe(Math.ceil(meanSampleSize(lift.aov * lift.aovLift, 8_000, 0.05, 0.8)!));
    // n ∝ sd².
    const ratio = (8_000 / (0.8 * lift.aov)) ** 2;
    expect(Math.abs(measured.unitsPerArm! - typed.unitsPerArm! * ratio)).toBeLessThanOrEqual(1 + ratio);
  });
});
