import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, meanSampleSize, predictLift, proportionPower, proportionSampleSize, type PlannedChange } from '../../../src/engine/experiments';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { designFigures, type DesignSettings } from '../../../src/ui/experiments/designModel';

const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
const live = plan.channels.find((c) => c.type === 'liveStream')!;
const settings: DesignSettings = { driver: 'spend', share: 0.5, alpha: 0.05, power: 0.8, method: 'pooled', days: null, cv: 0.8, looks: null };

function liftOf(change: Partial<PlannedChange>) {
  const l = predictLift(plan, { channelId: live.id, driver: 'spend', percent: 20, regionId: 'tier2', month: '2027-03', scenarioId: null, ...change });
  if (typeof l === 'string') throw new Error(l);
  return l;
}

describe('the designed test', () => {
  it('a conversion test: units per arm, days from the traffic in the test, power and MDE at those days', () => {
    const lift = liftOf({});
    const f = designFigures(lift, settings);
    const p2 = lift.conversion * (1 + lift.ordersLift);
    expect(f.unitsPerArm).toBe(Math.ceil(proportionSampleSize(lift.conversion, p2, 0.05, 0.8, 'pooled')!));
    expect(f.daysNeeded).toBeCloseTo(((2 * f.unitsPerArm!) / (lift.before.traffic * 0.5)) * DAYS_PER_MONTH, 9);
    expect(f.days).toBe(Math.ceil(f.daysNeeded!));
    // Run as long as needed, the power at the predicted effect reaches the target.
    expect(f.powerInDays!).toBeGreaterThanOrEqual(0.8);
    expect(f.powerInDays).toBeCloseTo(proportionPower(lift.conversion, p2, f.unitsPerArmInDays!, 0.05, 'pooled'), 12);
    // The smallest detectable effect in those days is at most the predicted one.
    expect(f.mdeRelative!).toBeLessThanOrEqual(lift.ordersLift + 1e-12);
    // Daily looks by default: one per day of the test.
    expect(f.looks).toBe(f.days);
    expect(f.falsePositiveRate).toBeGreaterThan(0.05);
  });

  it('fewer days than needed: less power, a larger detectable effect', () => {
    const lift = liftOf({});
    const full = designFigures(lift, settings);
    const short = designFigures(lift, { ...settings, days: Math.max(1, Math.floor(full.days! / 3)) });
    expect(short.powerInDays!).toBeLessThan(0.8);
    expect(short.mdeRelative!).toBeGreaterThan(lift.ordersLift);
    expect(short.extraSpend!).toBeLessThan(full.extraSpend!);
  });

  it('an order-value test uses Welch sizing with sd = CV × order value', () => {
    const lift = liftOf({ driver: 'aov', percent: 5, regionId: '' });
    const f = designFigures(lift, { ...settings, driver: 'aov' });
    expect(f.kind).toBe('orderValue');
    expect(f.sd).toBeCloseTo(0.8 * lift.aov, 9);
    expect(f.unitsPerArm).toBe(Math.ceil(meanSampleSize(f.predicted - f.control, f.sd!, 0.05, 0.8)!));
  });

  it('no predicted change: no sample size', () => {
    const f = designFigures(liftOf({ percent: 0 }), settings);
    expect(f.unitsPerArm).toBeNull();
    expect(f.daysNeeded).toBeNull();
  });
});
