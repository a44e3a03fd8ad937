import { describe, expect, it } from 'vitest';
import { channelFunnels } from '../../../src/engine/evaluation/funnel';
import { computePlan } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

// Each fixture channel gets 15,000 visits a month (10,000 base + 5,000 from spend at half saturation).
const a = simpleChannel('a'); // conversion 2 %, half the orders from new customers
const b = simpleChannel('b', { conversion: { base: 0.01 } });
const c = simpleChannel('c', { conversion: { base: 0.03 }, newCustomerShare: { base: 0.9 } });

describe('funnel per channel', () => {
  it('sums traffic, orders and repeat orders over the horizon (worked by hand)', () => {
    const f = channelFunnels(computePlan(simplePlan([a, b, c])));
    const [fa, fb, fc] = f.channels;
    expect(fa.channelId).toBe('a');
    expect(fa.traffic).toBe(180_000);
    expect(fa.orders).toBeCloseTo(3_600, 9);
    expect(fa.repeatOrders).toBeCloseTo(1_800, 9);
    expect(fa.rates.conversion).toBeCloseTo(0.02, 12);
    expect(fa.rates.repeat).toBeCloseTo(0.5, 12);
    expect(fb.orders).toBeCloseTo(1_800, 9);
    expect(fc.repeatOrders).toBeCloseTo(5_400 * 0.1, 9);
    expect(fc.rates.repeat).toBeCloseTo(0.1, 12);
  });

  it('names the step furthest below its median, measured relatively', () => {
    // conversion median 0.02, repeat median 0.5
    const f = channelFunnels(computePlan(simplePlan([a, b, c])));
    expect(f.medians.conversion).toBeCloseTo(0.02, 12);
    expect(f.medians.repeat).toBeCloseTo(0.5, 12);
    expect(f.channels.map((ch) => ch.weakest)).toEqual([null, 'conversion', 'repeat']);
    expect(f.channels[1].relative.conversion).toBeCloseTo(0.5, 12);
    expect(f.channels[1].relative.repeat).toBeCloseTo(1, 12);
    expect(f.channels[2].relative.conversion).toBeCloseTo(1.5, 12);
    expect(f.channels[2].relative.repeat).toBeCloseTo(0.2, 12);
  });

  it('compares relatively: a small absolute gap on a small rate can be the weakest step', () => {
    // Medians: conversion 0.02, repeat 0.4. Channel e converts 0.01 (1 point behind, half the median)
    // and repeats 0.3 (10 points behind, three quarters of the median): conversion is its weakest step.
    const e = simpleChannel('e', { conversion: { base: 0.01 }, newCustomerShare: { base: 0.7 } });
    const mid = simpleChannel('m', { conversion: { base: 0.03 }, newCustomerShare: { base: 0.4 } });
    const g = simpleChannel('g', { conversion: { base: 0.015 }, newCustomerShare: { base: 0.6 } });
    const f = channelFunnels(computePlan(simplePlan([a, e, mid, c, g])));
    expect(f.medians.conversion).toBeCloseTo(0.02, 12);
    expect(f.medians.repeat).toBeCloseTo(0.4, 12);
    expect(f.channels[1].relative.conversion).toBeCloseTo(0.5, 12);
    expect(f.channels[1].relative.repeat).toBeCloseTo(0.75, 12);
    expect(f.channels.map((ch) => ch.weakest)).toEqual([null, 'conversion', null, 'repeat', 'conversion']);
  });

  it('takes the mean of the middle two for an even number of channels', () => {
    const f = channelFunnels(computePlan(simplePlan([a, b, c, simpleChannel('d', { conversion: { base: 0.04 } })])));
    expect(f.medians.conversion).toBeCloseTo(0.025, 12);
    expect(f.channels.map((ch) => ch.weakest)).toEqual(['conversion', 'conversion', 'repeat', null]);
  });

  it('has no rates and no weakest step for a channel without traffic, and leaves it out of the medians', () => {
    const dead = simpleChannel('z', { baseTraffic: { base: 0 }, spend: { base: 0 } });
    const f = channelFunnels(computePlan(simplePlan([a, dead, b])));
    expect(f.channels[1]).toMatchObject({ traffic: 0, orders: 0, repeatOrders: 0 });
    expect(f.channels[1].rates).toEqual({ conversion: null, repeat: null });
    expect(f.channels[1].relative).toEqual({ conversion: null, repeat: null });
    expect(f.channels[1].weakest).toBeNull();
    expect(f.medians.conversion).toBeCloseTo(0.015, 12);
  });

  it('breaks an exact tie between steps in favour of the earlier step', () => {
    // Conversion 0.01 against 0.02 and repeat 0.25 against 0.5: both at half their median.
    const half = simpleChannel('h', { conversion: { base: 0.01 }, newCustomerShare: { base: 0.75 } });
    const f = channelFunnels(computePlan(simplePlan([a, half, a])));
    expect(f.channels[1].relative.conversion).toBeCloseTo(0.5, 12);
    expect(f.channels[1].relative.repeat).toBeCloseTo(0.5, 12);
    expect(f.channels[1].weakest).toBe('conversion');
  });

  it('never names a step with a median of zero', () => {
    // Every order from a new customer: repeat rate 0 everywhere.
    const all = { newCustomerShare: { base: 1 } };
    const f = channelFunnels(computePlan(simplePlan([simpleChannel('x', all), simpleChannel('y', { ...all, conversion: { base: 0.01 } })])));
    expect(f.medians.repeat).toBe(0);
    expect(f.channels.map((ch) => ch.relative.repeat)).toEqual([null, null]);
    expect(f.channels.map((ch) => ch.weakest)).toEqual([null, 'conversion']);
  });

  it('reads the beauty template: live-stream converts worst, the community repeats best', () => {
    const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    const res = computePlan(plan);
    const f = channelFunnels(res);
    const P = res.periods;
    f.channels.forEach((ch, i) => {
      const sum = (m: 'traffic' | 'orders' | 'newOrders') => res.flows[m].subarray(i * P, (i + 1) * P).reduce((s, v) => s + v, 0);
      expect(ch.traffic).toBeCloseTo(sum('traffic'), 6);
      expect(ch.repeatOrders).toBeCloseTo(sum('orders') - sum('newOrders'), 6);
      // Drivers are flat over time, so the step rates are the drivers themselves.
      expect(ch.rates.conversion).toBeCloseTo(plan.channels[i].drivers.conversion.base, 12);
      expect(ch.rates.repeat).toBeCloseTo(1 - plan.channels[i].drivers.newCustomerShare.base, 12);
    });
    const byId = Object.fromEntries(f.channels.map((ch) => [ch.channelId, ch]));
    expect(byId['ch-douyin-live'].weakest).toBe('conversion');
    expect(byId['ch-community'].weakest).toBeNull();
    // conversion: 0.03, 0.22, 0.08, 0.02 → median 0.055; repeat: 0.45, 0.6, 0.85, 0.3 → median 0.525
    expect(f.medians.conversion).toBeCloseTo(0.055, 12);
    expect(f.medians.repeat).toBeCloseTo(0.525, 12);
  });
});
